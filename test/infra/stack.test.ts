import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathParameters } from '../../infra/constructs/api';
import { ROUTES } from '../../shared/api/routes';
import { SERVICE_NAMES } from '../../shared/observability/names';
import { TABLE_KEYS } from '../../shared/store/dynamodb/keys';
import { EXPORTS_PREFIX, SCORES_PREFIX } from '../../shared/store/layout';
import { buildTestApp } from './build';
import {
  asArray,
  type CfnTemplate,
  flatten,
  methodPath,
  props,
  referencedLogicalId,
  resourcesOfType,
  statementsOfRole,
} from './template';

let template: Template;
let json: CfnTemplate;

beforeAll(() => {
  template = Template.fromStack(buildTestApp().stack);
  json = template.toJSON() as CfnTemplate;
});

/** The upload bucket is the versioned one; the access-log bucket is not. */
function uploadsBucketId(): string {
  const ids = resourcesOfType(json, 'AWS::S3::Bucket')
    .filter(([, bucket]) => props(bucket).VersioningConfiguration !== undefined)
    .map(([id]) => id);
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

/** Our two Node.js functions (CDK's notification handler is Python and excluded). */
function projectFunctions() {
  return resourcesOfType(json, 'AWS::Lambda::Function').filter(([, fn]) =>
    String(props(fn).Runtime).startsWith('nodejs'),
  );
}

/** The event source mapping feeding `functionId` (the ingest's and the sweep worker's queues each have one). */
function eventSourceMappingOf(functionId: string) {
  const mappings = resourcesOfType(json, 'AWS::Lambda::EventSourceMapping').filter(
    ([, mapping]) => referencedLogicalId(props(mapping).FunctionName) === functionId,
  );
  expect(mappings).toHaveLength(1);
  return props(mappings[0]?.[1]);
}

function eventSourceMapping() {
  return eventSourceMappingOf(ingestFunctionId());
}

function ingestFunctionId(): string {
  return functionIdOfService(SERVICE_NAMES.ingest);
}

function functionIdOfService(service: string): string {
  const matching = projectFunctions().filter(
    ([, fn]) =>
      (props(fn).Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME ===
      service,
  );
  expect(matching).toHaveLength(1);
  return matching[0]?.[0] as string;
}

function apiFunctionId(): string {
  return functionIdOfService(SERVICE_NAMES.api);
}

function sweepFunctionId(): string {
  return functionIdOfService(SERVICE_NAMES.sweep);
}

function sweepWorkerId(): string {
  return functionIdOfService(SERVICE_NAMES.sweepWorker);
}

function roleOf(functionId: string): string {
  return referencedLogicalId(props(json.Resources[functionId]).Role) as string;
}

/** The ingest's queue (the one feeding the ingest function; the sweep's batch queue has a DLQ too). */
function queueWithRedrive(): [string, Record<string, unknown>] {
  const ingestQueueId = referencedLogicalId(eventSourceMapping().EventSourceArn);
  const queues = resourcesOfType(json, 'AWS::SQS::Queue').filter(
    ([id, q]) => props(q).RedrivePolicy && id === ingestQueueId,
  );
  expect(queues).toHaveLength(1);
  const [id, queue] = queues[0] as [string, never];
  return [id, props(queue)];
}

/** Statements denying any request that is not over TLS, as `enforceSSL` writes them. */
function denyInsecureTransport(policyDocument: unknown): unknown[] {
  const statements = (policyDocument as { Statement: Record<string, unknown>[] }).Statement;
  return statements.filter(
    (statement) =>
      statement.Effect === 'Deny' &&
      JSON.stringify(statement.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
  );
}

describe('storage', () => {
  it('makes the upload bucket private, SSE-S3 encrypted, versioned, logged and retained', () => {
    const bucket = json.Resources[uploadsBucketId()];
    expect(props(bucket).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props(bucket).BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(props(bucket).VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket?.DeletionPolicy).toBe('Retain');

    const logBucketId = referencedLogicalId(
      (props(bucket).LoggingConfiguration as { DestinationBucketName: unknown }).DestinationBucketName,
    );
    expect(logBucketId).toBeDefined();
    expect(logBucketId).not.toBe(uploadsBucketId());
    const logBucket = json.Resources[logBucketId as string];
    expect(props(logBucket).PublicAccessBlockConfiguration).toMatchObject({ BlockPublicPolicy: true });
    expect(props(logBucket).BucketEncryption).toBeDefined();
    expect(logBucket?.DeletionPolicy).toBe('Retain');
  });

  it('denies non-TLS requests on both buckets', () => {
    const buckets = resourcesOfType(json, 'AWS::S3::Bucket').map(([id]) => id);
    expect(buckets).toHaveLength(2);
    for (const bucketId of buckets) {
      const policies = resourcesOfType(json, 'AWS::S3::BucketPolicy').filter(
        ([, policy]) => referencedLogicalId(props(policy).Bucket) === bucketId,
      );
      expect(policies).toHaveLength(1);
      expect(denyInsecureTransport(props(policies[0]?.[1]).PolicyDocument)).toHaveLength(1);
    }
  });

  it('expires raw exports after 30 days by default and noncurrent versions after 7', () => {
    const rules = (props(json.Resources[uploadsBucketId()]).LifecycleConfiguration as { Rules: unknown[] })
      .Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({ Prefix: EXPORTS_PREFIX, ExpirationInDays: 30, Status: 'Enabled' }),
    );
    expect(rules).toContainEqual(
      expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 7 }, Status: 'Enabled' }),
    );
    // Only raw exports expire; official-score files and everything else are kept.
    const expiring = rules.filter((rule) => (rule as { ExpirationInDays?: number }).ExpirationInDays);
    expect(expiring).toEqual([expect.objectContaining({ Prefix: EXPORTS_PREFIX })]);
  });

  it('takes the raw-export retention from context and rejects nonsense', () => {
    const custom = Template.fromStack(buildTestApp({ rawRetentionDays: '14' }).stack).toJSON() as CfnTemplate;
    const rules = resourcesOfType(custom, 'AWS::S3::Bucket').flatMap(
      ([, bucket]) => (props(bucket).LifecycleConfiguration as { Rules: unknown[] } | undefined)?.Rules ?? [],
    );
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: EXPORTS_PREFIX, ExpirationInDays: 14 }));
    expect(() => buildTestApp({ rawRetentionDays: '0' })).toThrow(/rawRetentionDays/);
    expect(() => buildTestApp({ rawRetentionDays: 'soon' })).toThrow(/rawRetentionDays/);
  });

  it('defines the table from TABLE_KEYS: on-demand, PITR, encrypted, retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
          { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
        ]),
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    });
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
  });
});

describe('ingest', () => {
  it('notifies the ingest queue of every upload under exports/ and scores/, by prefix only (S3 suffix filters are case-sensitive: Export.ZIP)', () => {
    const [queueId] = queueWithRedrive();
    const notifications = resourcesOfType(json, 'Custom::S3BucketNotifications');
    expect(notifications).toHaveLength(1);
    const notification = props(notifications[0]?.[1]);
    expect(referencedLogicalId(notification.BucketName)).toBe(uploadsBucketId());
    const config = notification.NotificationConfiguration as Record<string, unknown[]>;
    expect(Object.keys(config)).toEqual(['QueueConfigurations']);
    const rule = (prefix: string) => ({
      Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: prefix }] } },
      QueueArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
    });
    expect(config.QueueConfigurations).toEqual([rule(EXPORTS_PREFIX), rule(SCORES_PREFIX)]);
  });

  it('gives the queue a visibility timeout of at least 6x the function timeout', () => {
    const [, queue] = queueWithRedrive();
    const timeout = Number(props(json.Resources[ingestFunctionId()]).Timeout);
    expect(timeout).toBe(300);
    expect(Number(queue.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('parks poison messages in an encrypted DLQ after 5 receives and alarms on the first one', () => {
    const [queueId, queue] = queueWithRedrive();
    const redrive = queue.RedrivePolicy as { maxReceiveCount: number; deadLetterTargetArn: unknown };
    expect(redrive.maxReceiveCount).toBe(5);
    const dlqId = referencedLogicalId(redrive.deadLetterTargetArn) as string;
    const dlq = props(json.Resources[dlqId]);
    expect(dlq.MessageRetentionPeriod).toBe(14 * 24 * 3600);

    for (const id of [queueId, dlqId]) {
      expect(props(json.Resources[id]).SqsManagedSseEnabled).toBe(true);
      const policies = resourcesOfType(json, 'AWS::SQS::QueuePolicy').filter(([, policy]) =>
        asArray(props(policy).Queues as unknown[]).some((queueRef) => referencedLogicalId(queueRef) === id),
      );
      expect(policies.flatMap(([, p]) => denyInsecureTransport(props(p).PolicyDocument))).toHaveLength(1);
    }

    const alarms = resourcesOfType(json, 'AWS::CloudWatch::Alarm').map(([, alarm]) => props(alarm));
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
  });

  it('feeds the ingest function from the queue with partial batch failure reporting', () => {
    const [queueId] = queueWithRedrive();
    const mapping = eventSourceMapping();
    expect(referencedLogicalId(mapping.EventSourceArn)).toBe(queueId);
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(Number(mapping.BatchSize)).toBeGreaterThanOrEqual(1);
    expect(Number(mapping.BatchSize)).toBeLessThanOrEqual(5);
  });
});

describe('functions', () => {
  it('runs every function on arm64, Node.js >= 22, traced, with their own log group', () => {
    const functions = projectFunctions();
    expect(functions).toHaveLength(7); // ingest, api, erase, report, uploads, sweep coordinator and worker
    for (const [, fn] of functions) {
      const p = props(fn);
      expect(p.Architectures).toEqual(['arm64']);
      const major = Number(/^nodejs(\d+)\.x$/.exec(String(p.Runtime))?.[1]);
      expect(major).toBeGreaterThanOrEqual(22);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.Handler).toBe('index.handler');
      const logGroupId = referencedLogicalId((p.LoggingConfig as { LogGroup: unknown }).LogGroup) as string;
      expect(json.Resources[logGroupId]?.Type).toBe('AWS::Logs::LogGroup');
      expect(props(json.Resources[logGroupId]).RetentionInDays).toBeGreaterThan(0);
    }
    expect(props(json.Resources[ingestFunctionId()]).MemorySize).toBe(1024);
    expect(props(json.Resources[apiFunctionId()]).MemorySize).toBe(512);
  });

  it('passes resource names through TABLE_NAME / BUCKET_NAME', () => {
    const env = (id: string) =>
      (props(json.Resources[id]).Environment as { Variables: Record<string, unknown> }).Variables;
    const tableId = resourcesOfType(json, 'AWS::DynamoDB::Table')[0]?.[0];
    expect(referencedLogicalId(env(ingestFunctionId()).TABLE_NAME)).toBe(tableId);
    expect(referencedLogicalId(env(ingestFunctionId()).BUCKET_NAME)).toBe(uploadsBucketId());
    expect(referencedLogicalId(env(apiFunctionId()).TABLE_NAME)).toBe(tableId);
    expect(env(apiFunctionId()).BUCKET_NAME).toBeUndefined();
  });

  it('caps the ingest heap so peak memory follows the live set (the figure bench:ingest measures)', () => {
    const env = (id: string) =>
      (props(json.Resources[id]).Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env(ingestFunctionId()).NODE_OPTIONS).toBe('--enable-source-maps --max-old-space-size=256');
    expect(env(apiFunctionId()).NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it('runs the findings sweep daily and lets the evaluating functions publish to the findings topic', () => {
    const rules = resourcesOfType(json, 'AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    const rule = props(rules[0]?.[1]);
    expect(rule.ScheduleExpression).toBe('cron(0 6 * * ? *)');
    expect((rule.Targets as { Arn: unknown }[]).map((t) => referencedLogicalId(t.Arn))).toEqual([
      sweepFunctionId(),
    ]);
    const env = (id: string) =>
      (props(json.Resources[id]).Environment as { Variables: Record<string, unknown> }).Variables;
    const topic = resourcesOfType(json, 'AWS::SNS::Topic').find(
      ([, t]) => props(t).DisplayName === 'pillarwatch findings',
    );
    expect(topic).toBeDefined();
    // The API stores findings unpublished (no SNS client in its bundle); the sweep's worker publishes them.
    expect(env(apiFunctionId()).FINDINGS_TOPIC_ARN).toBeUndefined();
    expect(env(sweepFunctionId()).FINDINGS_TOPIC_ARN).toBeUndefined();
    for (const id of [ingestFunctionId(), sweepWorkerId()]) {
      expect(referencedLogicalId(env(id).FINDINGS_TOPIC_ARN)).toBe(topic?.[0]);
      const publish = statementsOfRole(json, roleOf(id)).filter((s) =>
        asArray(s.Action).includes('sns:Publish'),
      );
      expect(publish.flatMap((s) => asArray(s.Resource)).map(referencedLogicalId)).toEqual([topic?.[0]]);
    }
  });

  it('fans the sweep out: the coordinator sends member batches to a queue with a DLQ, the worker takes them with bounded concurrency', () => {
    const env = (id: string) =>
      (props(json.Resources[id]).Environment as { Variables: Record<string, unknown> }).Variables;
    const queueId = referencedLogicalId(env(sweepFunctionId()).SWEEP_QUEUE_URL) as string;
    expect(props(json.Resources[queueId]).RedrivePolicy).toMatchObject({ maxReceiveCount: 5 });
    const mapping = eventSourceMappingOf(sweepWorkerId());
    expect(referencedLogicalId(mapping.EventSourceArn)).toBe(queueId);
    expect(mapping).toMatchObject({
      BatchSize: 4,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 20 },
    });
    const send = statementsOfRole(json, roleOf(sweepFunctionId())).filter((s) =>
      asArray(s.Action).includes('sqs:SendMessage'),
    );
    expect(send.flatMap((s) => asArray(s.Resource)).map(referencedLogicalId)).toEqual([queueId]);
  });

  it('gives our roles no AWS-managed policies', () => {
    for (const [id] of projectFunctions()) {
      expect(props(json.Resources[roleOf(id)]).ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('least privilege', () => {
  const READ_ONLY_DATA_ACTION = /^(dynamodb|s3):(Get|BatchGet|Query|Scan|Describe|ConditionCheck|List)/;

  it('gives the api function the table only: no bucket, no topic', () => {
    const statements = statementsOfRole(json, roleOf(apiFunctionId())).filter((s) => s.Effect === 'Allow');
    const tableArn = `<${resourcesOfType(json, 'AWS::DynamoDB::Table')[0]?.[0]}.Arn>`;
    const byService = (service: string) =>
      statements.filter((s) => asArray(s.Action).some((a) => a.startsWith(`${service}:`)));
    // Writes are needed by POST /official-scores (the reading and the findings it raises).
    expect(byService('dynamodb').flatMap((s) => asArray(s.Resource).map(flatten))).toEqual([tableArn]);
    expect(byService('s3')).toEqual([]);
    expect(byService('sns')).toEqual([]);
  });

  it("scopes the ingest function's S3 reads to exports/* and scores/* objects", () => {
    const statements = statementsOfRole(json, roleOf(ingestFunctionId()));
    const s3Statements = statements.filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('s3:')),
    );
    expect(s3Statements.length).toBeGreaterThan(0);
    const bucketArn = `<${uploadsBucketId()}.Arn>`;
    const resources = s3Statements.flatMap((statement) => asArray(statement.Resource).map(flatten));
    expect(resources).not.toContain('*');
    expect(new Set(resources)).toEqual(
      new Set([bucketArn, `${bucketArn}/${EXPORTS_PREFIX}*`, `${bucketArn}/${SCORES_PREFIX}*`]),
    );
    // Listing (so a deleted object reads as 404, not 403) is allowed for the same prefixes only.
    const listing = s3Statements.filter((statement) => asArray(statement.Action).includes('s3:ListBucket'));
    expect(listing.map((statement) => statement.Resource).map(flatten)).toEqual([bucketArn]);
    expect(listing[0]?.Condition).toEqual({
      StringLike: { 's3:prefix': [`${EXPORTS_PREFIX}*`, `${SCORES_PREFIX}*`] },
    });
    const s3Actions = s3Statements.flatMap((statement) => asArray(statement.Action));
    expect(s3Actions.filter((action) => !READ_ONLY_DATA_ACTION.test(action))).toEqual([]);
  });

  it('lets the ingest function write the table, but no table action reaches beyond it', () => {
    const statements = statementsOfRole(json, roleOf(ingestFunctionId()));
    const tableArn = `<${resourcesOfType(json, 'AWS::DynamoDB::Table')[0]?.[0]}.Arn>`;
    const dynamo = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.flatMap((s) => asArray(s.Action))).toContain('dynamodb:BatchWriteItem');
    expect(dynamo.flatMap((s) => asArray(s.Resource).map(flatten))).toEqual([tableArn]);
  });

  it('allows a bare "*" resource only for X-Ray, which has no resource-level permissions', () => {
    for (const [id] of projectFunctions()) {
      const wildcard = statementsOfRole(json, roleOf(id)).filter((s) =>
        asArray(s.Resource).some((r) => r === '*'),
      );
      expect(wildcard.flatMap((s) => asArray(s.Action)).every((a) => a.startsWith('xray:'))).toBe(true);
    }
  });
});

describe('api', () => {
  it('creates exactly the routes in ROUTES, each proxied to its target function', () => {
    const methods = resourcesOfType(json, 'AWS::ApiGateway::Method').map(([, method]) => method);
    const routes = methods.map((method) => `${props(method).HttpMethod} ${methodPath(json, method)}`);
    expect(routes.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    const functionOf = {
      api: apiFunctionId(),
      erase: functionIdOfService(SERVICE_NAMES.erase),
      report: functionIdOfService(SERVICE_NAMES.report),
      uploads: functionIdOfService(SERVICE_NAMES.uploads),
    };
    for (const method of methods) {
      const route = ROUTES.find(
        (r) => r.method === props(method).HttpMethod && r.path === methodPath(json, method),
      );
      const integration = props(method).Integration as { Type: string; Uri: unknown };
      expect(integration.Type).toBe('AWS_PROXY');
      expect(flatten(integration.Uri)).toContain(`<${functionOf[route?.target ?? 'api']}.Arn>`);
    }
  });

  it('lets only the erase function delete uploads, limited to the member prefixes', () => {
    const deleters = projectFunctions().filter(([id]) =>
      statementsOfRole(json, roleOf(id)).some((s) =>
        asArray(s.Action).some((a) => a.startsWith('s3:Delete')),
      ),
    );
    expect(deleters.map(([id]) => id)).toEqual([functionIdOfService(SERVICE_NAMES.erase)]);
    const bucketArn = `<${uploadsBucketId()}.Arn>`;
    const statements = statementsOfRole(json, roleOf(deleters[0]?.[0] as string));
    const deletes = statements.filter((s) => asArray(s.Action).includes('s3:DeleteObjectVersion'));
    expect(deletes.flatMap((s) => asArray(s.Resource).map(flatten)).sort()).toEqual(
      [`${bucketArn}/${EXPORTS_PREFIX}*`, `${bucketArn}/${SCORES_PREFIX}*`].sort(),
    );
    const listing = statements.filter((s) => asArray(s.Action).includes('s3:ListBucketVersions'));
    expect(listing[0]?.Condition).toEqual({
      StringLike: { 's3:prefix': [`${EXPORTS_PREFIX}*`, `${SCORES_PREFIX}*`] },
    });
  });

  it('lets only the uploads function put objects: PutObject (and aborting multipart uploads) on exactly the member prefixes, nothing else on S3', () => {
    const putters = projectFunctions().filter(([id]) =>
      statementsOfRole(json, roleOf(id)).some((s) => asArray(s.Action).includes('s3:PutObject')),
    );
    const uploads = functionIdOfService(SERVICE_NAMES.uploads);
    expect(putters.map(([id]) => id)).toEqual([uploads]);
    const bucketArn = `<${uploadsBucketId()}.Arn>`;
    const s3Statements = statementsOfRole(json, roleOf(uploads)).filter((s) =>
      asArray(s.Action).some((a) => a.startsWith('s3:')),
    );
    expect(s3Statements.flatMap((s) => asArray(s.Action)).sort()).toEqual([
      's3:AbortMultipartUpload',
      's3:PutObject',
    ]);
    expect(s3Statements.flatMap((s) => asArray(s.Resource).map(flatten)).sort()).toEqual(
      [`${bucketArn}/${EXPORTS_PREFIX}*`, `${bucketArn}/${SCORES_PREFIX}*`].sort(),
    );
    // A presigner needs no table.
    expect(
      statementsOfRole(json, roleOf(uploads)).some((s) =>
        asArray(s.Action).some((a) => a.startsWith('dynamodb:')),
      ),
    ).toBe(false);
  });

  it('requires IAM authorisation on every method and has none open', () => {
    const methods = resourcesOfType(json, 'AWS::ApiGateway::Method');
    expect(methods.length).toBeGreaterThan(0);
    for (const [, method] of methods) expect(props(method).AuthorizationType).toBe('AWS_IAM');
    template.resourcePropertiesCountIs('AWS::ApiGateway::Method', { AuthorizationType: 'NONE' }, 0);
  });

  it('validates path parameters on every method', () => {
    const validators = resourcesOfType(json, 'AWS::ApiGateway::RequestValidator');
    expect(validators).toHaveLength(1);
    expect(props(validators[0]?.[1])).toMatchObject({ ValidateRequestParameters: true });
    for (const [, method] of resourcesOfType(json, 'AWS::ApiGateway::Method')) {
      expect(referencedLogicalId(props(method).RequestValidatorId)).toBe(validators[0]?.[0]);
      // Every `{param}` in the route is required; routes without one (GET /openapi.json) declare none.
      const parameters = props(method).RequestParameters as Record<string, boolean> | undefined;
      expect(Object.values(parameters ?? {}).every((required) => required === true)).toBe(true);
    }
    const memberRoutes = ROUTES.filter((route) => route.path.includes('{memberId}'));
    const withMemberId = resourcesOfType(json, 'AWS::ApiGateway::Method').filter(
      ([, method]) =>
        (props(method).RequestParameters as Record<string, boolean> | undefined)?.[
          'method.request.path.memberId'
        ],
    );
    expect(withMemberId).toHaveLength(memberRoutes.length);
  });

  it('throttles the stage, writes JSON access logs, traces, and never logs bodies', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      TracingEnabled: true,
      AccessLogSetting: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('^\\{"requestId"'),
      },
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          DataTraceEnabled: false,
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
        }),
      ],
    });
    const stage = props(resourcesOfType(json, 'AWS::ApiGateway::Stage')[0]?.[1]);
    const format = (stage.AccessLogSetting as { Format: string }).Format;
    expect(() => JSON.parse(format)).not.toThrow();
  });

  it('does not touch the account-wide API Gateway logging role unless asked to', () => {
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    const withExecutionLogs = Template.fromStack(buildTestApp({ apiExecutionLogs: 'true' }).stack);
    withExecutionLogs.resourceCountIs('AWS::ApiGateway::Account', 1);
    withExecutionLogs.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ LoggingLevel: 'ERROR', DataTraceEnabled: false })],
    });
  });

  it('derives required request parameters from path placeholders', () => {
    expect(pathParameters('/members/{memberId}/activity')).toEqual({ 'method.request.path.memberId': true });
    expect(pathParameters('/a/{x}/b/{proxy+}')).toEqual({
      'method.request.path.x': true,
      'method.request.path.proxy': true,
    });
    expect(pathParameters('/health')).toEqual({});
  });
});

describe('outputs', () => {
  it('publishes bucket, table, API URL, queue names, alarm and findings topics, and dashboard', () => {
    expect(Object.keys(json.Outputs ?? {}).sort()).toEqual(
      [
        'AlarmTopicArn',
        'ApiUrl',
        'BucketName',
        'FindingsTopicArn',
        'DashboardUrl',
        'IngestDeadLetterQueueName',
        'IngestQueueName',
        'SweepDeadLetterQueueName',
        'TableName',
      ].sort(),
    );
    const [queueId, queue] = queueWithRedrive();
    const dlqId = referencedLogicalId(
      (queue.RedrivePolicy as { deadLetterTargetArn: unknown }).deadLetterTargetArn,
    );
    expect(referencedLogicalId(json.Outputs?.BucketName?.Value)).toBe(uploadsBucketId());
    expect(referencedLogicalId(json.Outputs?.IngestQueueName?.Value)).toBe(queueId);
    expect(referencedLogicalId(json.Outputs?.IngestDeadLetterQueueName?.Value)).toBe(dlqId);
    expect(flatten(json.Outputs?.ApiUrl?.Value)).toMatch(/^https:\/\/<\w+>\.execute-api\./);
    const topicNamed = (name: string) =>
      resourcesOfType(json, 'AWS::SNS::Topic').find(([, topic]) => props(topic).DisplayName === name)?.[0];
    expect(referencedLogicalId(json.Outputs?.AlarmTopicArn?.Value)).toBe(topicNamed('pillarwatch alarms'));
    expect(referencedLogicalId(json.Outputs?.FindingsTopicArn?.Value)).toBe(
      topicNamed('pillarwatch findings'),
    );
    const [dashboardId] = resourcesOfType(json, 'AWS::CloudWatch::Dashboard')[0] ?? [];
    expect(flatten(json.Outputs?.DashboardUrl?.Value)).toContain(`#dashboards/dashboard/<${dashboardId}>`);
  });
});
