import { ENV, type Environment, optionalEnv, processEnv } from './env';

/** What `shared/aws/s3.ts` needs: path-style addressing for the local S3 server (`PILLARWATCH_S3_PATH_STYLE=1`). */
export const s3PathStyle = (env: Environment = processEnv()): boolean =>
  optionalEnv(env, ENV.s3PathStyle) === '1';

export interface EnvironmentCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The execution role's credentials as Lambda hands them over, or undefined when either half is missing.
 * Read on every call, not at load: the SDK asks again when they expire and Lambda has refreshed them.
 */
export const environmentCredentials = (
  env: Environment = processEnv(),
): EnvironmentCredentials | undefined => {
  const accessKeyId = optionalEnv(env, ENV.accessKeyId);
  const secretAccessKey = optionalEnv(env, ENV.secretAccessKey);
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: env[ENV.sessionToken] };
};
