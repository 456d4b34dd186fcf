import type { AuthMode } from '../api/authorize';
import { authModeFromEnv } from './auth-mode';
import { type Environment, processEnv } from './env';
import { loadScoresConfig, type ScoresConfig } from './scores-config';

/** `functions/api.ts`: the table, the thresholds a POSTed reading is evaluated with, and the auth mode. */
export interface ApiConfig extends ScoresConfig {
  authMode: AuthMode;
}

export const loadApiConfig = (env: Environment = processEnv()): ApiConfig => ({
  ...loadScoresConfig(env),
  authMode: authModeFromEnv(env),
});
