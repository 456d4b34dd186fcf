import type { AuthMode } from '../api/authorize';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../uploads/uploads';
import { authModeFromEnv } from './auth-mode';
import { s3PathStyle } from './clients';
import { ENV, type Environment, type EnvName, optionalEnv, processEnv, requiredEnv } from './env';

/** `functions/uploads.ts`: where the bucket is and the auth mode. No table: it presigns, nothing else. */
export interface UploadsConfig {
  bucketName: string;
  region: string;
  /** An S3-compatible endpoint (the local S3 server); undefined in AWS. */
  s3Endpoint?: string;
  pathStyle: boolean;
  authMode: AuthMode;
  limits: UploadLimits;
}

const positiveInteger = (env: Environment, name: EnvName, fallback: number): number => {
  const text = optionalEnv(env, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number of bytes`);
  return value;
};

export const loadUploadsConfig = (env: Environment = processEnv()): UploadsConfig => ({
  bucketName: requiredEnv(env, ENV.bucketName),
  region: requiredEnv(env, ENV.region),
  s3Endpoint: optionalEnv(env, ENV.s3Endpoint),
  pathStyle: s3PathStyle(env),
  authMode: authModeFromEnv(env),
  limits: {
    singlePutMaxBytes: positiveInteger(
      env,
      ENV.uploadSinglePutMaxBytes,
      DEFAULT_UPLOAD_LIMITS.singlePutMaxBytes,
    ),
    partBytes: positiveInteger(env, ENV.uploadPartBytes, DEFAULT_UPLOAD_LIMITS.partBytes),
  },
});
