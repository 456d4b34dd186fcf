import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type Bucket, EventType } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INGEST_HEAP_LIMIT_MB } from '../../shared/ingest/runtime';
import { EXPORTS_PREFIX, SCORES_PREFIX, UPLOAD_TRIGGERS } from '../../shared/store/layout';
import { QUEUE_DEFAULTS } from '../defaults';
import { ProjectFunction } from './project-function';

export interface IngestProps {
  bucket: Bucket;
  table: ITable;
}

/** One export takes up to minutes to stream; five minutes leaves room for the largest archives. */
export const INGEST_TIMEOUT = Duration.minutes(5);

/**
 * AWS's guidance for SQS-triggered functions: the visibility timeout must be at least six times the
 * function timeout, so a message is not redelivered while throttled retries of its batch are still running.
 */
export const INGEST_VISIBILITY_TIMEOUT = Duration.seconds(INGEST_TIMEOUT.toSeconds() * 6);

/**
 * One S3 event (one export) per invocation: each export gets the whole timeout and the whole 1 GB of
 * memory, a slow or failing export never delays or retries its neighbours, and throughput comes from
 * concurrency instead. `reportBatchItemFailures` stays on so the handler contract is the same at any size.
 */
export const INGEST_BATCH_SIZE = 1;

/** Deliveries before a message is parked in the DLQ: transient failures (throttling) get retries. */
export const INGEST_MAX_RECEIVE_COUNT = 5;

/** S3 upload → SQS (with DLQ and alarm) → ingest function. */
export class Ingest extends Construct {
  public readonly queue: Queue;
  public readonly deadLetterQueue: Queue;
  public readonly function: ProjectFunction;
  public readonly deadLetterAlarm: Alarm;

  public constructor(scope: Construct, id: string, props: IngestProps) {
    super(scope, id);

    // cdk-nag's AwsSolutions-SQS3 recognises a queue used as a DLQ, so it needs no acknowledgement.
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      ...QUEUE_DEFAULTS,
      // A moved message keeps its original enqueue time, so the DLQ must outlive the queue's retention.
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      ...QUEUE_DEFAULTS,
      visibilityTimeout: INGEST_VISIBILITY_TIMEOUT,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: INGEST_MAX_RECEIVE_COUNT },
    });

    for (const trigger of UPLOAD_TRIGGERS) {
      props.bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(this.queue), trigger);
    }
    acknowledgeNotificationsHandler(Stack.of(this));

    this.function = new ProjectFunction(this, 'Function', {
      function: 'ingest',
      description: 'Reads an uploaded LinkedIn export and stores per-day activity counts',
      memorySize: 1024,
      heapLimitMb: INGEST_HEAP_LIMIT_MB,
      timeout: INGEST_TIMEOUT,
    })
      .bindTable(props.table, 'readWrite')
      .bindBucket(props.bucket, 'read', [EXPORTS_PREFIX, SCORES_PREFIX]);

    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: INGEST_BATCH_SIZE,
        reportBatchItemFailures: true,
        // Caps parallel ingests (and the DynamoDB write burst) when many members upload at once, without
        // the throttling-and-redelivery churn a reserved-concurrency limit would cause.
        maxConcurrency: 10,
      }),
    );

    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'An upload could not be ingested after retries and sits in the ingest DLQ; see its manifest.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

/**
 * `addEventNotification` deploys CDK's singleton custom-resource function (at stack level) that writes the
 * bucket's notification configuration; its role uses the AWS-managed basic execution policy and CDK
 * offers no way to replace it.
 */
function acknowledgeNotificationsHandler(stack: Stack): void {
  const handler = stack.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  if (!handler)
    throw new Error('CDK no longer creates BucketNotificationsHandler; review its acknowledgement');
  Validations.of(handler).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      "CDK's own BucketNotificationsHandler custom resource (runs only at deploy time to set the upload " +
      "bucket's notification configuration); its role and managed policy are fixed by aws-cdk-lib.",
  });
}
