import { ENV, type Environment, optionalEnv, processEnv } from './env';
import { loadScoresConfig, type ScoresConfig } from './scores-config';

/** `functions/sweep.ts`: the table, the thresholds and, in AWS, the findings topic. */
export interface SweepConfig extends ScoresConfig {
  findingsTopicArn?: string;
}

export const loadSweepConfig = (env: Environment = processEnv()): SweepConfig => ({
  ...loadScoresConfig(env),
  findingsTopicArn: optionalEnv(env, ENV.findingsTopicArn),
});
