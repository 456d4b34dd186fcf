/**
 * The environment variables the functions read, named once. The CDK constructs and the local stack set them
 * with these constants; only the modules of `shared/config/` read them (from `process.env`), so a handler
 * gets typed values or a start-up error naming the missing variable. No imports: every bundle can afford it.
 */
export const ENV = {
  /** The single DynamoDB table (every function). */
  tableName: 'TABLE_NAME',
  /** The upload bucket (set with the bucket grant; only the erase function reads it). */
  bucketName: 'BUCKET_NAME',
  /** SNS topic new findings are published to; unset locally, where findings are stored unpublished. */
  findingsTopicArn: 'FINDINGS_TOPIC_ARN',
  /** The sweep's batch queue (the coordinator sends member batches there; unset locally: batches run in-process). */
  sweepQueueUrl: 'SWEEP_QUEUE_URL',
  /** Finding thresholds as JSON (`{"staleDays":21}`), overriding the defaults. */
  thresholds: 'PILLARWATCH_THRESHOLDS',
  /** `iam` (default), `cognito` or `off` (local stack). */
  authMode: 'PILLARWATCH_AUTH_MODE',
  /** The user pool whose tokens the API's authorizer accepts (Cognito mode). */
  userPoolId: 'PILLARWATCH_USER_POOL_ID',
  /** Comma-separated app clients whose tokens the authorizer accepts (the CLI's and the web app's). */
  userPoolClientIds: 'PILLARWATCH_USER_POOL_CLIENT_IDS',
  /** The function's region (Lambda sets it; the local stack too). */
  region: 'AWS_REGION',
  /** An S3-compatible endpoint instead of AWS's (the local S3 server); the SDK reads it itself too. */
  s3Endpoint: 'AWS_ENDPOINT_URL_S3',
  /** `1` turns on path-style S3 addressing (the local S3 server needs it). */
  s3PathStyle: 'PILLARWATCH_S3_PATH_STYLE',
  /** Archive limits of the ingest (optional overrides of the defaults). */
  maxEntries: 'PILLARWATCH_MAX_ENTRIES',
  maxUncompressedMb: 'PILLARWATCH_MAX_UNCOMPRESSED_MB',
  maxCompressionRatio: 'PILLARWATCH_MAX_COMPRESSION_RATIO',
  /** Upload sizes (optional; tests shrink them): the largest single PUT, and the multipart part size. */
  uploadSinglePutMaxBytes: 'PILLARWATCH_UPLOAD_SINGLE_PUT_MAX_BYTES',
  uploadPartBytes: 'PILLARWATCH_UPLOAD_PART_BYTES',
  /** Powertools reads it itself (the tracer's service name); the stack sets it per function. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  /** The execution role's credentials, which Lambda puts in the environment. */
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Where a loader reads from: `process.env` in a function, a plain object in tests and at synth time. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A missing or malformed variable: thrown at module load, so a misconfigured function fails its first call. */
export class ConfigError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The variable's value; an empty value counts as missing. */
export const optionalEnv = (env: Environment, name: EnvName): string | undefined => {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
};

/** The variable's value, or a ConfigError naming it. */
export const requiredEnv = (env: Environment, name: EnvName): string => {
  const value = optionalEnv(env, name);
  if (value === undefined) {
    throw new ConfigError(`${name} is not set: the stack (or the local stack) sets it for this function`);
  }
  return value;
};

/** The process environment, read here and nowhere else under shared/ and functions/. */
export const processEnv = (): Environment => process.env;
