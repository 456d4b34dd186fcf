import type { AuthMode } from '../api/authorize';
import { authModeFromEnv } from './auth-mode';
import { type Environment, processEnv } from './env';
import { loadScoresConfig, type ScoresConfig } from './scores-config';

/** `functions/report.ts`: the table (read only) and the auth mode; thresholds because the score stores take them. */
export interface ReportConfig extends ScoresConfig {
  authMode: AuthMode;
}

export const loadReportConfig = (env: Environment = processEnv()): ReportConfig => ({
  ...loadScoresConfig(env),
  authMode: authModeFromEnv(env),
});
