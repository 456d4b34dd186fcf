import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScoresConfig } from '../config/scores-config';
import { type FindingPublisher, noPublisher } from '../notify/finding-publisher';
import { DynamoDbActivityStore } from '../store/dynamodb/activity-store';
import { DynamoDbErasureMarks } from '../store/dynamodb/member-items';
import { DynamoDbMemberLock } from '../store/dynamodb/member-lock';
import { DynamoDbScoresStore } from '../store/dynamodb/scores-store';
import type { ScoresDeps } from './member-scores';

/** The stores, publisher and settings the score use cases need, for the configured table and thresholds. */
export const scoresDeps = (
  client: DynamoDBDocumentClient,
  { tableName, thresholds }: ScoresConfig,
  publisher: FindingPublisher = noPublisher,
): ScoresDeps => ({
  activity: new DynamoDbActivityStore(client, tableName),
  scores: new DynamoDbScoresStore(client, tableName),
  publisher,
  thresholds,
  now: () => new Date(),
  // A reading POSTed while an ingest holds the member waits at most this long (API Gateway answers in 29 s);
  // then LeaseTimeout: 503 at the API, a retry for an upload.
  lock: new DynamoDbMemberLock(client, tableName, { maxWaitMs: READINGS_LOCK_WAIT_MS }),
  erasures: new DynamoDbErasureMarks(client, tableName),
});

export const READINGS_LOCK_WAIT_MS = 20_000;
