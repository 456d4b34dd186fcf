import { Metrics } from '@aws-lambda-powertools/metrics';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FAILED_RATE_ALARM } from '../../infra/constructs/monitoring';
import type { IngestManifest } from '../../shared/domain/manifest';
import { createIngestMetrics, recordIngest, recordRetry } from '../../shared/observability/ingest-metrics';
import { instrumentHandler } from '../../shared/observability/instrument';
import { INGEST_METRICS, METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/names';
import { buildTestApp } from './build';
import { type CfnTemplate, props, referencedLogicalId, resourcesOfType } from './template';

let json: CfnTemplate;

beforeAll(() => {
  json = Template.fromStack(buildTestApp().stack).toJSON() as CfnTemplate;
});

const alarms = () => resourcesOfType(json, 'AWS::CloudWatch::Alarm').map(([, alarm]) => props(alarm));

interface MetricStatJson {
  Id: string;
  Expression?: string;
  MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] }; Stat: string };
}

function failedRateAlarm() {
  const found = alarms().filter((alarm) =>
    (alarm.Metrics as MetricStatJson[] | undefined)?.some((m) => m.Expression?.includes('failed / ingests')),
  );
  expect(found).toHaveLength(1);
  return found[0] as Record<string, unknown>;
}

const manifest = (status: IngestManifest['status']): IngestManifest => ({
  memberId: 'ana',
  objectKey: 'exports/ana/a.zip',
  status,
  startedAt: '2026-03-05T12:00:00.000Z',
  finishedAt: '2026-03-05T12:00:01.500Z',
  durationMs: 1500,
  filesRecognised: [],
  filesIgnored: [],
  rowsPerKind: { reaction: 3, comment: 4 },
  undatedRows: 0,
  rejectedRows: 2,
  coverage: {},
  daysWritten: 5,
  writeRequests: 3,
});

describe('alarms', () => {
  it('watches DLQ depth (ingest and sweep), ingest errors, throttles of both functions, the FAILED rate and API 5xx', () => {
    const watched = alarms().map((alarm) => `${alarm.Namespace ?? 'math'}:${alarm.MetricName ?? ''}`);
    expect(watched.sort()).toEqual(
      [
        'AWS/SQS:ApproximateNumberOfMessagesVisible',
        'AWS/SQS:ApproximateNumberOfMessagesVisible',
        'AWS/Lambda:Errors',
        'AWS/Lambda:Throttles',
        'AWS/Lambda:Throttles',
        'AWS/ApiGateway:5XXError',
        'math:',
      ].sort(),
    );
  });

  it('notifies one KMS-encrypted, TLS-only topic from every alarm', () => {
    // The other topic carries findings, not alarms.
    const topics = resourcesOfType(json, 'AWS::SNS::Topic').filter(
      ([, topic]) => props(topic).DisplayName === 'pillarwatch alarms',
    );
    expect(topics).toHaveLength(1);
    const [topicId, topic] = topics[0] as [string, never];
    for (const alarm of alarms()) {
      expect((alarm.AlarmActions as unknown[]).map(referencedLogicalId)).toEqual([topicId]);
    }

    const keyId = referencedLogicalId(props(topic).KmsMasterKeyId) as string;
    const key = props(json.Resources[keyId]);
    expect(key.EnableKeyRotation).toBe(true);
    // CloudWatch must be able to use the key, or alarm notifications are silently dropped.
    const statements = (key.KeyPolicy as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
      }),
    );

    const topicPolicies = resourcesOfType(json, 'AWS::SNS::TopicPolicy').filter(([, policy]) =>
      (props(policy).Topics as unknown[]).some((t) => referencedLogicalId(t) === topicId),
    );
    expect(topicPolicies).toHaveLength(1);
    const topicStatements = (props(topicPolicies[0]?.[1]).PolicyDocument as { Statement: unknown[] })
      .Statement;
    expect(topicStatements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('subscribes the alert e-mail only when given, and rejects a malformed one', () => {
    expect(resourcesOfType(json, 'AWS::SNS::Subscription')).toHaveLength(0);
    const withEmail = Template.fromStack(buildTestApp({ alertEmail: 'ops@example.com' }).stack);
    withEmail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    expect(() => buildTestApp({ alertEmail: 'not-an-address' })).toThrow(/alertEmail/);
  });

  it('computes the FAILED rate from the ingest EMF metrics, only once there were enough ingests', () => {
    const alarm = failedRateAlarm();
    expect(alarm.Threshold).toBe(FAILED_RATE_ALARM.threshold);
    expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    expect(alarm.TreatMissingData).toBe('notBreaching');
    const metrics = alarm.Metrics as MetricStatJson[];
    const expression = metrics.find((m) => m.Expression)?.Expression;
    expect(expression).toBe(`IF(ingests >= ${FAILED_RATE_ALARM.minimumIngests}, failed / ingests, 0)`);
    const stats = Object.fromEntries(metrics.filter((m) => m.MetricStat).map((m) => [m.Id, m.MetricStat]));
    const expected = {
      Namespace: METRICS_NAMESPACE,
      MetricName: INGEST_METRICS.failed,
      Dimensions: [{ Name: 'service', Value: SERVICE_NAMES.ingest }],
    };
    expect(stats.failed).toMatchObject({ Metric: expected, Stat: 'Sum' });
    expect(stats.ingests).toMatchObject({ Metric: expected, Stat: 'SampleCount' });
  });

  it('watches exactly the namespace, name and dimensions the ingest function publishes', () => {
    const metrics = createIngestMetrics();
    recordIngest(metrics, manifest('FAILED'));
    const emf = metrics.serializeMetrics();
    const [directive] = emf._aws.CloudWatchMetrics;
    // An alarm matches a metric only on the exact dimension set.
    expect(directive?.Dimensions).toEqual([['service']]);
    expect(emf.service).toBe(SERVICE_NAMES.ingest);

    const failed = (failedRateAlarm().Metrics as MetricStatJson[]).find((m) => m.Id === 'failed');
    const Metric = failed?.MetricStat?.Metric;
    if (!Metric) throw new Error('the FAILED-rate alarm has no `failed` metric');
    expect(directive?.Namespace).toBe(Metric.Namespace);
    expect(directive?.Metrics.map((m) => m.Name)).toContain(Metric.MetricName);
    expect(Metric.Dimensions).toEqual([{ Name: 'service', Value: emf.service }]);
  });
});

describe('ingest metrics', () => {
  it('publishes figures per ingest, the outcome as 0 or 1 per status, and nothing else', () => {
    const metrics = createIngestMetrics();
    recordIngest(metrics, manifest('PARTIAL'));
    const emf = metrics.serializeMetrics() as Record<string, unknown>;
    expect(emf).toMatchObject({
      [INGEST_METRICS.rows]: 7,
      [INGEST_METRICS.rejectedRows]: 2,
      [INGEST_METRICS.durationMs]: 1500,
      [INGEST_METRICS.writeRequests]: 3,
      [INGEST_METRICS.succeeded]: 0,
      [INGEST_METRICS.partial]: 1,
      [INGEST_METRICS.failed]: 0,
    });
    // No member id, object key or reason: EMF keys become log fields.
    expect(Object.keys(emf).sort()).toEqual(
      [
        '_aws',
        'service',
        ...Object.values(INGEST_METRICS).filter((n) => n !== INGEST_METRICS.retried),
      ].sort(),
    );
  });

  it('counts a transient failure as a retry', () => {
    const metrics = createIngestMetrics();
    recordRetry(metrics);
    expect(metrics.serializeMetrics()).toMatchObject({ [INGEST_METRICS.retried]: 1 });
  });
});

describe('instrumentHandler', () => {
  const instruments = () => {
    const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'test' });
    const publish = vi.spyOn(metrics, 'publishStoredMetrics').mockReturnThis();
    const logger = { addContext: vi.fn() } as unknown as Parameters<typeof instrumentHandler>[0]['logger'];
    return { metrics, publish, logger };
  };

  it('flushes stored metrics once per invocation, also when the handler throws', async () => {
    const { metrics, publish, logger } = instruments();
    const failing = instrumentHandler({ logger, metrics }, async () => {
      recordRetry(metrics);
      throw new Error('boom');
    });
    await expect(failing({})).rejects.toThrow('boom');
    expect(publish).toHaveBeenCalledTimes(1);
  });

  it('does not publish (or warn about) an empty set of metrics', async () => {
    const { metrics, publish, logger } = instruments();
    const quiet = instrumentHandler({ logger, metrics }, async (event: { n: number }) => event.n + 1);
    await expect(quiet({ n: 1 })).resolves.toBe(2);
    expect(publish).not.toHaveBeenCalled();
  });

  it('adds the Lambda context to the logger when there is one', async () => {
    const { logger } = instruments();
    const handler = instrumentHandler({ logger }, async () => 'ok');
    const context = { awsRequestId: 'r-1', functionName: 'f' } as Parameters<typeof handler>[1];
    await handler({}, context);
    expect(logger.addContext).toHaveBeenCalledWith(context);
  });
});
