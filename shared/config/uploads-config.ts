import type { AuthMode } from '../api/authorize';
import { authModeFromEnv } from './auth-mode';
import { s3PathStyle } from './clients';
import { ENV, type Environment, optionalEnv, processEnv, requiredEnv } from './env';

/** `functions/uploads.ts`: where the bucket is and the auth mode. No table: it presigns, nothing else. */
export interface UploadsConfig {
  bucketName: string;
  region: string;
  /** An S3-compatible endpoint (the local S3 server); undefined in AWS. */
  s3Endpoint?: string;
  pathStyle: boolean;
  authMode: AuthMode;
}

export const loadUploadsConfig = (env: Environment = processEnv()): UploadsConfig => ({
  bucketName: requiredEnv(env, ENV.bucketName),
  region: requiredEnv(env, ENV.region),
  s3Endpoint: optionalEnv(env, ENV.s3Endpoint),
  pathStyle: s3PathStyle(env),
  authMode: authModeFromEnv(env),
});
