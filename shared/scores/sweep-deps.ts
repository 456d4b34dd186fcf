import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScoresConfig } from '../config/scores-config';
import type { FindingPublisher } from '../notify/finding-publisher';
import { DynamoDbRecalcAggregate } from '../store/dynamodb/recalc-aggregate';
import { scoresDeps } from './deps';
import type { ScoresDeps } from './member-scores';
import { AggregatePairsRecorder } from './recalc-pairs';

/**
 * `scoresDeps` plus the RECALCULATION aggregate, for the functions that keep it (ingest, the sweep's
 * coordinator and worker). The API goes without: its bundle budget has no room, and the sweep catches up.
 */
export const scoresDepsWithAggregate = (
  client: DynamoDBDocumentClient,
  config: ScoresConfig,
  publisher?: FindingPublisher,
): ScoresDeps & { recalcPairs: AggregatePairsRecorder } => {
  const deps = scoresDeps(client, config, publisher);
  return {
    ...deps,
    recalcPairs: new AggregatePairsRecorder(
      new DynamoDbRecalcAggregate(client, config.tableName),
      config.thresholds,
      deps.now,
    ),
  };
};
