import type { ArchiveLimits } from '../export/zip';
import { archiveLimitsFromEnv } from './archive-limits';
import { ENV, type Environment, optionalEnv, processEnv } from './env';
import { loadScoresConfig, type ScoresConfig } from './scores-config';

/** `functions/ingest.ts`: the table, the thresholds, the archive limits and, in AWS, the findings topic. */
export interface IngestConfig extends ScoresConfig {
  /** Unset locally: findings are then stored unpublished. */
  findingsTopicArn?: string;
  archiveLimits: ArchiveLimits;
}

export const loadIngestConfig = (env: Environment = processEnv()): IngestConfig => ({
  ...loadScoresConfig(env),
  findingsTopicArn: optionalEnv(env, ENV.findingsTopicArn),
  archiveLimits: archiveLimitsFromEnv(env),
});
