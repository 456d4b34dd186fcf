import type { FindingThresholds } from '../findings/thresholds';
import { ENV, type Environment, optionalEnv, requiredEnv } from './env';
import { parseThresholds } from './thresholds';

/** What the score use cases need from the environment (`shared/scores/deps.ts` builds the stores from it). */
export interface ScoresConfig {
  tableName: string;
  thresholds: FindingThresholds;
}

export const loadScoresConfig = (env: Environment): ScoresConfig => ({
  tableName: requiredEnv(env, ENV.tableName),
  thresholds: parseThresholds(optionalEnv(env, ENV.thresholds)),
});
