import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/env';
import { SWEEP_DEPLOYMENT } from '../../shared/scores/fan-out';
import { QUEUE_DEFAULTS } from '../defaults';
import { ProjectFunction } from './project-function';

export interface SweepProps {
  table: ITable;
}

/** Deliveries of a batch before it is parked in the DLQ: a member's lease held by a long ingest gets retries. */
export const SWEEP_MAX_RECEIVE_COUNT = 5;

/**
 * The daily sweep on AWS's engines: EventBridge starts the coordinator, which pages through the member
 * registry and sends batches of member ids to a queue; the worker function takes the queue's batches with
 * bounded concurrency and reports failed messages alone (`reportBatchItemFailures`); a batch that keeps
 * failing lands in the dead-letter queue, which alarms. Time and memory per invocation do not depend on the
 * number of members, only the number of worker invocations does.
 */
export class Sweep extends Construct {
  public readonly coordinator: ProjectFunction;
  public readonly worker: ProjectFunction;
  public readonly queue: Queue;
  public readonly deadLetterQueue: Queue;
  public readonly deadLetterAlarm: Alarm;

  public constructor(scope: Construct, id: string, props: SweepProps) {
    super(scope, id);
    const workerTimeout = Duration.seconds(SWEEP_DEPLOYMENT.workerTimeoutSeconds);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      ...QUEUE_DEFAULTS,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      ...QUEUE_DEFAULTS,
      // AWS's guidance for SQS-triggered functions: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(workerTimeout.toSeconds() * 6),
      // A day: tomorrow's sweep hands out every member again, so an older batch is worth nothing.
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SWEEP_MAX_RECEIVE_COUNT },
    });

    this.coordinator = new ProjectFunction(this, 'Coordinator', {
      function: 'sweep',
      description:
        'Daily: RECALCULATION from the aggregate, the pooled prior, member batches onto the sweep queue',
      memorySize: SWEEP_DEPLOYMENT.memorySizeMb,
      timeout: Duration.seconds(SWEEP_DEPLOYMENT.coordinatorTimeoutSeconds),
    }).bindTable(props.table, 'readWrite');
    this.coordinator.addEnvironment(ENV.sweepQueueUrl, this.queue.queueUrl);
    this.queue.grantSendMessages(this.coordinator);

    this.worker = new ProjectFunction(this, 'Worker', {
      function: 'sweepWorker',
      description: 'STALE, DIVERGENT and publication for one batch of members from the sweep queue',
      memorySize: SWEEP_DEPLOYMENT.memorySizeMb,
      timeout: workerTimeout,
    }).bindTable(props.table, 'readWrite');
    this.worker.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: SWEEP_DEPLOYMENT.workerBatchSize,
        reportBatchItemFailures: true,
        // Bounded: the table's on-demand throughput and the members' leases are shared with the ingest.
        maxConcurrency: SWEEP_DEPLOYMENT.workerMaxConcurrency,
      }),
    );

    new Rule(this, 'Daily', {
      description: 'Runs the findings sweep once a day',
      schedule: Schedule.cron({ hour: '6', minute: '0' }),
      targets: [new LambdaFunction(this.coordinator, { retryAttempts: 2 })],
    });

    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'A batch of the daily sweep failed five times and sits in the sweep DLQ; its members were not re-evaluated.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
