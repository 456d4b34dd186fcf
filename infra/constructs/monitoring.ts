import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import {
  INGEST_METRICS,
  METRICS_NAMESPACE,
  SERVICE_DIMENSION,
  SERVICE_NAMES,
} from '../../shared/observability/names';
import { TOPIC_KEY_DEFAULTS, topicDefaults } from '../defaults';
import type { Api } from './api';
import type { Ingest } from './ingest';

export interface MonitoringProps {
  ingest: Ingest;
  api: Api;
  /** Subscribed to the alarm topic when given (`-c alertEmail=ops@example.com`); confirm the e-mail AWS sends. */
  alertEmail?: string;
}

/**
 * The FAILED-rate alarm: at least half of the ingests of an hour FAILED, once there were at least three.
 * FAILED is often the member's doing (a wrong file); a rate over several uploads points at a parser or
 * format change instead.
 */
export const FAILED_RATE_ALARM = { period: Duration.hours(1), threshold: 0.5, minimumIngests: 3 } as const;

/** One custom (EMF) metric of the ingest function, with the single dimension Powertools gives it. */
export function ingestMetric(metricName: string, statistic: string, period = Duration.minutes(5)): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { [SERVICE_DIMENSION]: SERVICE_NAMES.ingest },
    statistic,
    period,
  });
}

/**
 * Alarms and the dashboard. Every alarm notifies one SNS topic, encrypted with a customer-managed KMS key:
 * cdk-nag (AwsSolutions-SNS2) wants the topic encrypted, and CloudWatch alarms cannot publish to a topic
 * under the AWS-managed `aws/sns` key, whose policy cannot grant them (≈ 1 USD a month for the key).
 */
export class Monitoring extends Construct {
  public readonly alarmTopic: Topic;
  public readonly alarms: Alarm[];
  public readonly dashboard: Dashboard;

  public constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { ingest, api } = props;

    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the pillarwatch alarm topic',
      ...TOPIC_KEY_DEFAULTS,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'pillarwatch alarms',
      ...topicDefaults(key),
    });
    if (props.alertEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alertEmail));

    const everyFiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    const atLeastOnce = {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    };

    const ingestErrors = new Alarm(this, 'IngestErrorsAlarm', {
      alarmDescription:
        'The ingest function crashed or timed out (transient errors it reports per record are not counted ' +
        'here; they show as IngestRetried and, after five receives, in the DLQ).',
      metric: ingest.function.metricErrors(everyFiveMinutes),
      ...atLeastOnce,
    });
    const ingestThrottles = new Alarm(this, 'IngestThrottlesAlarm', {
      alarmDescription: 'Lambda throttled the ingest function (account concurrency exhausted?).',
      metric: ingest.function.metricThrottles(everyFiveMinutes),
      ...atLeastOnce,
    });
    const apiThrottles = new Alarm(this, 'ApiFunctionThrottlesAlarm', {
      alarmDescription: 'Lambda throttled the API function; callers got 5xx.',
      metric: api.function.metricThrottles(everyFiveMinutes),
      ...atLeastOnce,
    });
    const apiServerErrors = new Alarm(this, 'Api5xxAlarm', {
      alarmDescription: 'The API answered 5xx; the API function logs "request failed" with the route.',
      metric: api.restApi.metricServerError(everyFiveMinutes),
      ...atLeastOnce,
    });
    const failedRate = new Alarm(this, 'IngestFailedRateAlarm', {
      alarmDescription:
        `At least ${FAILED_RATE_ALARM.threshold * 100}% of the last hour's ingests (and at least ` +
        `${FAILED_RATE_ALARM.minimumIngests}) FAILED; see their manifests (GET /members/{id}/ingests).`,
      metric: new MathExpression({
        label: 'FAILED rate',
        expression: `IF(ingests >= ${FAILED_RATE_ALARM.minimumIngests}, failed / ingests, 0)`,
        usingMetrics: {
          // Every ingest publishes IngestFailed as 0 or 1: the sample count is the number of ingests.
          failed: ingestMetric(INGEST_METRICS.failed, 'Sum', FAILED_RATE_ALARM.period),
          ingests: ingestMetric(INGEST_METRICS.failed, 'SampleCount', FAILED_RATE_ALARM.period),
        },
        period: FAILED_RATE_ALARM.period,
      }),
      threshold: FAILED_RATE_ALARM.threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.alarms = [
      ingest.deadLetterAlarm,
      ingestErrors,
      ingestThrottles,
      failedRate,
      apiThrottles,
      apiServerErrors,
    ];
    const action = new SnsAction(this.alarmTopic);
    for (const alarm of this.alarms) alarm.addAlarmAction(action);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 3 })],
        [
          new GraphWidget({
            title: 'Ingests by outcome',
            stacked: true,
            left: [
              ingestMetric(INGEST_METRICS.succeeded, 'Sum').with({ label: 'SUCCEEDED', color: '#2ca02c' }),
              ingestMetric(INGEST_METRICS.partial, 'Sum').with({ label: 'PARTIAL', color: '#ff7f0e' }),
              ingestMetric(INGEST_METRICS.failed, 'Sum').with({ label: 'FAILED', color: '#d62728' }),
            ],
            width: 8,
          }),
          new GraphWidget({
            title: 'Rows ingested and rejected',
            left: [ingestMetric(INGEST_METRICS.rows, 'Sum').with({ label: 'rows' })],
            right: [ingestMetric(INGEST_METRICS.rejectedRows, 'Sum').with({ label: 'rejected rows' })],
            width: 8,
          }),
          new GraphWidget({
            title: 'Ingest failures and retries',
            left: [
              ingestMetric(INGEST_METRICS.failed, 'Sum').with({ label: 'FAILED manifests' }),
              ingestMetric(INGEST_METRICS.retried, 'Sum').with({ label: 'retried (transient)' }),
              ingest.function.metricErrors({ ...everyFiveMinutes, label: 'function errors' }),
              ingest.function.metricThrottles({ ...everyFiveMinutes, label: 'throttles' }),
            ],
            width: 8,
          }),
        ],
        [
          new GraphWidget({
            title: 'Ingest duration (ms)',
            left: [
              ingestMetric(INGEST_METRICS.durationMs, 'p50').with({ label: 'p50' }),
              ingestMetric(INGEST_METRICS.durationMs, 'p90').with({ label: 'p90' }),
              ingestMetric(INGEST_METRICS.durationMs, 'Maximum').with({ label: 'max' }),
            ],
            right: [ingestMetric(INGEST_METRICS.writeRequests, 'Sum').with({ label: 'write requests' })],
            width: 8,
          }),
          new GraphWidget({
            title: 'Ingest queue and DLQ',
            left: [
              ingest.queue.metricApproximateNumberOfMessagesVisible({
                label: 'queued',
                statistic: 'Maximum',
              }),
              ingest.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
                label: 'in DLQ',
                statistic: 'Maximum',
              }),
            ],
            right: [
              ingest.queue.metricApproximateAgeOfOldestMessage({ label: 'oldest (s)', statistic: 'Maximum' }),
            ],
            width: 8,
          }),
          new GraphWidget({
            title: 'API latency (ms) and requests',
            left: [
              api.restApi.metricLatency({ statistic: 'p50', label: 'p50' }),
              api.restApi.metricLatency({ statistic: 'p90', label: 'p90' }),
              api.restApi.metricLatency({ statistic: 'p99', label: 'p99' }),
            ],
            right: [
              api.restApi.metricCount({ statistic: 'Sum', label: 'requests' }),
              api.restApi.metricClientError({ statistic: 'Sum', label: '4xx' }),
              api.restApi.metricServerError({ statistic: 'Sum', label: '5xx' }),
            ],
            width: 8,
          }),
        ],
      ],
    });
  }

  /** Console address of the dashboard, for the stack output. */
  public dashboardUrl(): string {
    const region = Stack.of(this).region;
    return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${this.dashboard.dashboardName}`;
  }
}
