import type { AuthMode } from '../api/authorize';
import { authModeFromEnv } from './auth-mode';
import { ENV, type Environment, processEnv, requiredEnv } from './env';

/** `functions/erase.ts`: the table, the upload bucket and the auth mode. No thresholds: zod stays out of its bundle. */
export interface EraseConfig {
  tableName: string;
  bucketName: string;
  authMode: AuthMode;
}

export const loadEraseConfig = (env: Environment = processEnv()): EraseConfig => ({
  tableName: requiredEnv(env, ENV.tableName),
  bucketName: requiredEnv(env, ENV.bucketName),
  authMode: authModeFromEnv(env),
});
