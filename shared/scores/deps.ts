import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScoresConfig } from '../config/scores-config';
import { type FindingPublisher, noPublisher } from '../notify/finding-publisher';
import { DynamoDbActivityStore } from '../store/dynamodb/activity-store';
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
});
