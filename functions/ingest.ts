import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { documentClient, s3Client } from '../shared/aws/clients';
import { s3Source } from '../shared/export/sources';
import { archiveLimitsFromEnv } from '../shared/export/zip';
import { ingestExport } from '../shared/ingest/ingest-export';
import { memberOfExportKey, uploadsIn } from '../shared/ingest/s3-event';
import { DynamoDbActivityStore } from '../shared/store/dynamodb-store';

const logger = new Logger({ serviceName: 'pillarwatch-ingest' });
const store = new DynamoDbActivityStore(documentClient, process.env.TABLE_NAME ?? '');
const limits = archiveLimitsFromEnv();

/**
 * SQS → ingest. Each record carries an S3 notification. Permanent problems end in a FAILED manifest and are
 * acknowledged; transient errors are reported as batch item failures so SQS retries them (then dead-letters).
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      await handleMessage(record.body);
    } catch (error) {
      logger.error('ingest failed; the message will be retried', {
        messageId: record.messageId,
        error: error as Error,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

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
    const memberId = memberOfExportKey(upload.key);
    if (!memberId) {
      logger.warn('ignored an upload outside exports/<memberId>/', { key: upload.key });
      continue;
    }
    const manifest = await ingestExport(store, {
      memberId,
      objectKey: upload.key,
      openSource: () => s3Source(s3Client, upload.bucket, upload.key, upload.versionId),
      limits,
    });
    logger.info('ingest finished', {
      memberId,
      key: upload.key,
      status: manifest.status,
      reason: manifest.reason,
      rows: manifest.rowsPerKind,
      rejectedRows: manifest.rejectedRows,
      writeRequests: manifest.writeRequests,
      durationMs: manifest.durationMs,
    });
  }
};
