import { Logger } from '@aws-lambda-powertools/logger';
import { documentClient } from '../shared/aws/dynamodb';
import { SqsBatchSink, sqsClient } from '../shared/aws/sqs';
import { FUNCTIONS } from '../shared/config/functions';
import { loadSweepConfig, loadSweepQueueConfig } from '../shared/config/sweep-config';
import { instrumentHandler } from '../shared/observability/instrument';
import { type CoordinatorResult, coordinateSweep } from '../shared/scores/sweep';
import { scoresDepsWithAggregate } from '../shared/scores/sweep-deps';

const logger = new Logger({ serviceName: FUNCTIONS.sweep.serviceName });
const config = loadSweepConfig();
const queue = loadSweepQueueConfig();
const deps = scoresDepsWithAggregate(documentClient, config);
const sink = queue ? new SqsBatchSink(sqsClient(), queue.queueUrl) : undefined;

export interface SweepCoordinatorResult extends CoordinatorResult {
  /** Without a queue (the local stack): the batches, for the in-process stand-in to hand to the worker. */
  memberBatches?: string[][];
}

/**
 * EventBridge, daily: the sweep's coordinator. RECALCULATION from the aggregate and the pooled prior, then the
 * member registry page by page onto the batch queue. Errors propagate: EventBridge retries the invocation, and
 * a batch sent twice is evaluated twice, which changes nothing.
 */
const run = async (): Promise<SweepCoordinatorResult> => {
  const held: string[][] = [];
  const result = await coordinateSweep(
    deps,
    sink ?? { send: async (batches) => void held.push(...batches.map((b) => [...b])) },
    deps.recalcPairs.store,
  );
  logger.info('sweep handed out', { ...result });
  return sink ? result : { ...result, memberBatches: held };
};

export const handler = instrumentHandler({ logger }, run);
