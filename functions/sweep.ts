import { Logger } from '@aws-lambda-powertools/logger';
import { documentClient } from '../shared/aws/dynamodb';
import { snsClient } from '../shared/aws/sns';
import { FUNCTIONS } from '../shared/config/functions';
import { loadSweepConfig } from '../shared/config/sweep-config';
import { noPublisher, SnsFindingPublisher } from '../shared/notify/finding-publisher';
import { instrumentHandler } from '../shared/observability/instrument';
import { scoresDeps } from '../shared/scores/deps';
import { sweep } from '../shared/scores/member-scores';
import { teamsOfMember } from '../shared/store/dynamodb/teams-store';

const logger = new Logger({ serviceName: FUNCTIONS.sweep.serviceName });
const config = loadSweepConfig();
const deps = scoresDeps(
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

/**
 * EventBridge, daily: cross-member RECALCULATION, and STALE/DIVERGENT for members without new uploads.
 * Errors propagate: EventBridge retries the invocation.
 */
const run = async (): Promise<{ members: number; newFindings: number }> => {
  const result = await sweep(deps);
  logger.info('sweep finished', { members: result.members, newFindings: result.fresh.length });
  return { members: result.members, newFindings: result.fresh.length };
};

export const handler = instrumentHandler({ logger }, run);
