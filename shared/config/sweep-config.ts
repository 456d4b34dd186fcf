import { ENV, type Environment, optionalEnv, processEnv, requiredEnv } from './env';
import { loadScoresConfig, type ScoresConfig } from './scores-config';

/** `functions/sweep.ts` and `functions/sweep-worker.ts`: the table, the thresholds and, in AWS, the findings topic. */
export interface SweepConfig extends ScoresConfig {
  findingsTopicArn?: string;
}

export const loadSweepConfig = (env: Environment = processEnv()): SweepConfig => ({
  ...loadScoresConfig(env),
  findingsTopicArn: optionalEnv(env, ENV.findingsTopicArn),
});

/** The coordinator in AWS also needs the batch queue and its region (locally it is handed an in-process sink). */
export interface SweepQueueConfig {
  queueUrl: string;
  region: string;
}

export const loadSweepQueueConfig = (env: Environment = processEnv()): SweepQueueConfig | undefined => {
  const queueUrl = optionalEnv(env, ENV.sweepQueueUrl);
  return queueUrl ? { queueUrl, region: requiredEnv(env, ENV.region) } : undefined;
};
