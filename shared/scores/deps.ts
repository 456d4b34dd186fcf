import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DEFAULT_THRESHOLDS, type FindingThresholds } from '../findings/thresholds';
import { type FindingPublisher, noPublisher } from '../notify/finding-publisher';
import { DynamoDbActivityStore } from '../store/dynamodb/activity-store';
import { DynamoDbScoresStore } from '../store/dynamodb/scores-store';
import type { ScoresDeps } from './member-scores';

const Thresholds = z
  .strictObject(
    Object.fromEntries(
      Object.keys(DEFAULT_THRESHOLDS).map((name) => [name, z.number().positive().optional()]),
    ) as {
      [K in keyof FindingThresholds]: z.ZodOptional<z.ZodNumber>;
    },
  )
  .partial();

/**
 * Finding thresholds: the defaults, overridden by `PILLARWATCH_THRESHOLDS` (JSON, e.g. `{"staleDays":21}`),
 * which the CDK stack fills from context and the local stack from its flags. A bad value stops start-up.
 */
export const thresholdsFromEnv = (env: NodeJS.ProcessEnv = process.env): FindingThresholds => {
  const raw = env.PILLARWATCH_THRESHOLDS;
  if (!raw) return { ...DEFAULT_THRESHOLDS };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`PILLARWATCH_THRESHOLDS is not JSON: ${raw}`);
  }
  const parsed = Thresholds.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `PILLARWATCH_THRESHOLDS: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return { ...DEFAULT_THRESHOLDS, ...parsed.data } as FindingThresholds;
};

/** The stores, publisher and settings the score use cases need, for one table. */
export const scoresDeps = (
  client: DynamoDBDocumentClient,
  tableName: string,
  publisher: FindingPublisher = noPublisher,
  env: NodeJS.ProcessEnv = process.env,
): ScoresDeps => ({
  activity: new DynamoDbActivityStore(client, tableName),
  scores: new DynamoDbScoresStore(client, tableName),
  publisher,
  thresholds: thresholdsFromEnv(env),
  now: () => new Date(),
});
