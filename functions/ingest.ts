import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { documentClient, dynamoDbClient } from '../shared/aws/dynamodb';
import { s3Client } from '../shared/aws/s3';
import { snsClient } from '../shared/aws/sns';
import { s3Source } from '../shared/export/sources';
import { archiveLimitsFromEnv } from '../shared/export/zip';
import { ingestExport } from '../shared/ingest/ingest-export';
import { classifyKey, uploadsIn } from '../shared/ingest/s3-event';
import { readSmallObject } from '../shared/ingest/s3-object';
import { noPublisher, SnsFindingPublisher } from '../shared/notify/finding-publisher';
import { createIngestMetrics, recordIngest, recordRetry } from '../shared/observability/ingest-metrics';
import { instrumentHandler } from '../shared/observability/instrument';
import { SERVICE_NAMES } from '../shared/observability/names';
import { tracer } from '../shared/observability/tracer';
import { MAX_READINGS_UPLOAD_BYTES } from '../shared/readings/parse';
import { scoresDeps } from '../shared/scores/deps';
import { afterExportIngest } from '../shared/scores/member-scores';
import { ingestReadingsUpload } from '../shared/scores/readings-upload';
import { DynamoDbMemberLock } from '../shared/store/dynamodb/member-lock';

const logger = new Logger({ serviceName: SERVICE_NAMES.ingest });
const metrics = createIngestMetrics();
// The document client shares the captured client's middleware stack, so its calls are traced too.
tracer.captureAWSv3Client(dynamoDbClient);
tracer.captureAWSv3Client(s3Client);
const tableName = process.env.TABLE_NAME ?? '';
const topicArn = process.env.FINDINGS_TOPIC_ARN;
const deps = scoresDeps(
  documentClient,
  tableName,
  topicArn ? new SnsFindingPublisher(snsClient, topicArn) : noPublisher,
);
const store = deps.activity;
const lock = new DynamoDbMemberLock(documentClient, tableName);
const limits = archiveLimitsFromEnv();

/**
 * SQS → ingest. Each record carries an S3 notification. Permanent problems end in a FAILED manifest and are
 * acknowledged; transient errors are reported as batch item failures so SQS retries them (then dead-letters).
 */
const ingestBatch = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      await handleMessage(record.body);
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

const handleMessage = async (body: string): Promise<void> => {
  let uploads: ReturnType<typeof uploadsIn>;
  try {
    uploads = uploadsIn(body);
  } catch {
    // Not an S3 notification: retrying cannot help. Acknowledge and say so.
    logger.warn('ignored a message that is not an S3 event notification');
    return;
  }
  for (const upload of uploads) {
    const target = classifyKey(upload.key);
    if (!target) {
      logger.warn('ignored an upload outside exports/<memberId>/ and scores/<memberId>/', {
        key: upload.key,
      });
      continue;
    }
    const { memberId } = target;
    const manifest =
      target.kind === 'readings'
        ? await ingestReadingsUpload(deps, {
            memberId,
            objectKey: upload.key,
            read: () =>
              readSmallObject(
                s3Client,
                upload.bucket,
                upload.key,
                MAX_READINGS_UPLOAD_BYTES,
                upload.versionId,
              ),
          })
        : await ingestExport(store, {
            memberId,
            objectKey: upload.key,
            openSource: () => s3Source(s3Client, upload.bucket, upload.key, upload.versionId),
            limits,
            lock,
          });
    // New days (or a new profile) change estimates from the first affected day on; then findings.
    const scores =
      target.kind === 'export' && manifest.status !== 'FAILED' && manifest.estimatesFrom
        ? await afterExportIngest(deps, memberId, manifest.estimatesFrom)
        : undefined;
    recordIngest(metrics, manifest);
    logger.info('ingest finished', {
      memberId,
      key: upload.key,
      kind: target.kind,
      status: manifest.status,
      reason: manifest.reason,
      rows: manifest.rowsPerKind,
      rejectedRows: manifest.rejectedRows,
      writeRequests: manifest.writeRequests,
      durationMs: manifest.durationMs,
      estimates: scores?.estimates,
      newFindings: scores?.evaluation.fresh.length,
    });
  }
};
