import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { documentClient, dynamoDbClient } from '../shared/aws/dynamodb';
import { s3Client } from '../shared/aws/s3';
import { snsClient } from '../shared/aws/sns';
import { FUNCTIONS } from '../shared/config/functions';
import { loadIngestConfig } from '../shared/config/ingest-config';
import { handleNotification, type UploadDeps } from '../shared/ingest/handle-upload';
import { noPublisher, SnsFindingPublisher } from '../shared/notify/finding-publisher';
import { createIngestMetrics, recordRetry } from '../shared/observability/ingest-metrics';
import { instrumentHandler } from '../shared/observability/instrument';
import { tracer } from '../shared/observability/tracer';
import { scoresDepsWithAggregate } from '../shared/scores/sweep-deps';
import { DynamoDbErasureMarks } from '../shared/store/dynamodb/member-items';
import { DynamoDbMemberLock } from '../shared/store/dynamodb/member-lock';
import { teamsOfMember } from '../shared/store/dynamodb/teams-store';

const logger = new Logger({ serviceName: FUNCTIONS.ingest.serviceName });
const metrics = createIngestMetrics();
// The document client shares the captured client's middleware stack, so its calls are traced too.
tracer.captureAWSv3Client(dynamoDbClient);
tracer.captureAWSv3Client(s3Client);
const config = loadIngestConfig();
const publisher = config.findingsTopicArn
  ? new SnsFindingPublisher(
      snsClient,
      config.findingsTopicArn,
      teamsOfMember(documentClient, config.tableName),
    )
  : noPublisher;
const deps: UploadDeps = {
  scores: scoresDepsWithAggregate(documentClient, config, publisher),
  s3: s3Client,
  lock: new DynamoDbMemberLock(documentClient, config.tableName),
  erasures: new DynamoDbErasureMarks(documentClient, config.tableName),
  limits: config.archiveLimits,
  metrics,
  logger,
};

/**
 * SQS → ingest. Each record carries an S3 notification. Permanent problems end in a FAILED manifest and are
 * acknowledged; transient errors are reported as batch item failures so SQS retries them (then dead-letters).
 */
const ingestBatch = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      await handleNotification(deps, record.body);
    } catch (error) {
      logger.error('ingest failed; the message will be retried', {
        messageId: record.messageId,
        error: error as Error,
      });
      recordRetry(metrics);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

export const handler = instrumentHandler({ logger, metrics, tracer }, ingestBatch);
