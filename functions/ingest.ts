import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** SQS → ingest. Each record body is an S3 event notification (or an `s3:TestEvent`). (Lead is writing this.) */
export const handler = async (_event: SQSEvent): Promise<SQSBatchResponse> => ({ batchItemFailures: [] });
