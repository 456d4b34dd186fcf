import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { documentClient } from '../shared/aws/dynamodb';
import { snsClient } from '../shared/aws/sns';
import { FUNCTIONS } from '../shared/config/functions';
import { loadSweepConfig } from '../shared/config/sweep-config';
import { noPublisher, SnsFindingPublisher } from '../shared/notify/finding-publisher';
import { instrumentHandler } from '../shared/observability/instrument';
import { sweepMembers } from '../shared/scores/sweep';
import { scoresDepsWithAggregate } from '../shared/scores/sweep-deps';
import { teamsOfMember } from '../shared/store/dynamodb/teams-store';

const logger = new Logger({ serviceName: FUNCTIONS.sweepWorker.serviceName });
const config = loadSweepConfig();
const deps = scoresDepsWithAggregate(
  documentClient,
  config,
  config.findingsTopicArn
    ? new SnsFindingPublisher(
        snsClient,
        config.findingsTopicArn,
        teamsOfMember(documentClient, config.tableName),
      )
    : noPublisher,
);

/** One SQS message: a batch of member ids from the coordinator. */
export const SweepBatch = z.object({ memberIds: z.array(z.string().min(1)).max(100) });

export interface SweepWorkerResult extends SQSBatchResponse {
  members: number;
  newFindings: number;
}

/**
 * SQS (the sweep's batch queue) → evaluate each batch's members. A batch that fails is reported alone
 * (`reportBatchItemFailures`): SQS redelivers it, evaluating its members again is harmless, and after five
 * receives it goes to the dead-letter queue. A malformed message is logged and acknowledged (a retry cannot fix it).
 */
const work = async (event: SQSEvent): Promise<SweepWorkerResult> => {
  const recalculations = await deps.scores.listRecalculations();
  const batchItemFailures: SQSBatchItemFailure[] = [];
  let members = 0;
  let newFindings = 0;
  for (const record of event.Records) {
    const batch = SweepBatch.safeParse(parseJson(record.body));
    if (!batch.success) {
      logger.error('not a sweep batch; dropped', { messageId: record.messageId });
      continue;
    }
    try {
      const result = await sweepMembers(deps, batch.data.memberIds, recalculations);
      members += result.members;
      newFindings += result.newFindings;
    } catch (error) {
      logger.error('sweep batch failed; it will be retried', {
        messageId: record.messageId,
        error: error as Error,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  logger.info('sweep batch done', { members, newFindings, failed: batchItemFailures.length });
  return { batchItemFailures, members, newFindings };
};

const parseJson = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

export const handler = instrumentHandler({ logger }, work);
