import type { AuthMode } from '../api/authorize';
import { ConfigError, ENV, type Environment, optionalEnv } from './env';

const AUTH_MODES: readonly AuthMode[] = ['iam', 'cognito', 'off'];

/** `PILLARWATCH_AUTH_MODE`: `iam` when unset (API Gateway has checked SigV4); anything unknown stops start-up. */
export const authModeFromEnv = (env: Environment): AuthMode => {
  const mode = optionalEnv(env, ENV.authMode) ?? 'iam';
  if (!(AUTH_MODES as readonly string[]).includes(mode)) {
    throw new ConfigError(`${ENV.authMode} must be iam, cognito or off, got '${mode}'`);
  }
  return mode as AuthMode;
};
