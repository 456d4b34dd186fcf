import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/aws-env';
import { manifestsFromResponse } from '../../local/format';
import { type GeneratedExport, SAMPLE_OPTIONS, writeExport } from '../../sample/generator';
import { TABLE_KEYS } from '../../shared/store/dynamodb/keys';
import { type LocalStack, startLocalStack, useLocalStack } from '../support/local-stack';

/**
 * The local stack's plumbing, with recording stand-ins for the handlers so these tests pin the event shapes
 * the real handlers receive (end-to-end tests with the real handlers live next to this file).
 */

const ingestEvents: SQSEvent[] = [];
/** Per test: which receive (1-based) of which message fails; default: none. */
let failReceives: (receiveCount: number) => boolean = () => false;
const recordingIngest = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  ingestEvents.push(event);
  return {
    batchItemFailures: event.Records.filter((record) =>
      failReceives(Number(record.attributes.ApproximateReceiveCount)),
    ).map((record) => ({ itemIdentifier: record.messageId })),
  };
};

const apiEvents: APIGatewayProxyEvent[] = [];
const recordingApi = async (event: APIGatewayProxyEvent) => {
  apiEvents.push(event);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'x-handler': 'recording' },
    body: JSON.stringify({ resource: event.resource }),
  };
};

const deadLetterDir = await mkdtemp(join(tmpdir(), 'pillarwatch-dlq-'));
afterAll(() => rm(deadLetterDir, { recursive: true, force: true }));

const stack = useLocalStack({
  handlers: { ingest: recordingIngest, api: recordingApi },
  maxReceives: 3,
  backoffMs: 5,
  deadLetterDir,
});

beforeEach(() => {
  ingestEvents.length = 0;
  apiEvents.length = 0;
  failReceives = () => false;
});

const s3Notification = (event: SQSEvent | undefined) => {
  const record = event?.Records[0];
  if (!record) throw new Error('no SQS record delivered');
  return JSON.parse(record.body) as {
    Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string; size: number } } }[];
  };
};

describe('start and stop', () => {
  it('creates the table in the shared DynamoDB Local and frees the API port on stop', async () => {
    const dynamo = new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const table = await dynamo.send(new DescribeTableCommand({ TableName: inject('tableName') }));
    dynamo.destroy();
    expect(table.Table?.KeySchema).toEqual([
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ]);

    const second = await startLocalStack({ handlers: { ingest: recordingIngest, api: recordingApi } });
    expect((await second.api('/members/start-stop/ingests')).status).toBe(200);
    await second.stop();
    await expect(fetch(`${second.apiUrl}/members/start-stop/ingests`)).rejects.toThrow();
  });
});

describe('S3 upload → local queue → ingest handler', () => {
  it('delivers one SQS record whose body is the S3 notification with the key URL-encoded like S3 does', async () => {
    const body = Buffer.from('PK not really a zip');
    const key = await stack.upload('it-shape', body, 'exports/it-shape/my export (1)+v2.zip');
    await stack.waitForIdle();

    expect(ingestEvents).toHaveLength(1);
    const record = ingestEvents[0]?.Records[0];
    expect(ingestEvents[0]?.Records).toHaveLength(1);
    expect(record).toMatchObject({
      eventSource: 'aws:sqs',
      awsRegion: LOCAL_REGION,
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(record?.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record?.receiptHandle).toEqual(expect.any(String));

    const [s3Record] = s3Notification(ingestEvents[0]).Records;
    expect(s3Record?.eventName).toBe('ObjectCreated:Put');
    expect(s3Record?.s3.bucket.name).toBe(stack.bucketName);
    expect(s3Record?.s3.object.key).toBe('exports/it-shape/my+export+%281%29%2Bv2.zip');
    expect(s3Record?.s3.object.size).toBe(body.length);

    // The handler's decoding (as for any S3 notification) gives back the key, and the object is there.
    const decoded = decodeURIComponent((s3Record?.s3.object.key ?? '').replace(/\+/g, ' '));
    expect(decoded).toBe(key);
    const object = await stack.s3.send(new GetObjectCommand({ Bucket: stack.bucketName, Key: decoded }));
    expect(Buffer.from(await (object.Body?.transformToByteArray() ?? new Uint8Array()))).toEqual(body);
  });

  it('streams a file from disk under exports/<member>/<file name> by default', async () => {
    const path = join(deadLetterDir, 'Basic_LinkedInDataExport_01-02-2025.zip');
    await writeFile(path, Buffer.alloc(300_000, 1));
    const key = await stack.upload('it-file', path);
    await stack.waitForIdle();
    expect(key).toBe('exports/it-file/Basic_LinkedInDataExport_01-02-2025.zip');
    expect(s3Notification(ingestEvents[0]).Records[0]?.s3.object).toMatchObject({ key, size: 300_000 });
  });

  it('queues every upload under exports/ and scores/ (prefix only, like the bucket notification), nothing elsewhere', async () => {
    await stack.upload('it-filter', Buffer.from('x'), 'exports/it-filter/notes.txt');
    await stack.upload('it-filter', Buffer.from('x'), 'elsewhere/it-filter/export.zip');
    await stack.upload('it-filter', Buffer.from('x'), 'scores/it-filter/export.zip');
    await stack.upload('it-filter', Buffer.from('{}'), 'scores/it-filter/reading.json');
    await stack.upload('it-filter', Buffer.from('x'), 'exports/it-filter/export.zip');
    await stack.waitForIdle();
    const keys = ingestEvents.map((event) => s3Notification(event).Records[0]?.s3.object.key);
    // The ingest records a FAILED manifest for what it cannot read (notes.txt: NOT_A_ZIP): nothing vanishes.
    expect(keys).toEqual([
      'exports/it-filter/notes.txt',
      'scores/it-filter/export.zip',
      'scores/it-filter/reading.json',
      'exports/it-filter/export.zip',
    ]);
  });

  it('redelivers an item reported in batchItemFailures, counting receives, until it succeeds', async () => {
    failReceives = (receive) => receive < 3;
    await stack.upload('it-retry', Buffer.from('x'));
    await stack.waitForIdle();
    const receives = ingestEvents.map((event) => event.Records[0]?.attributes.ApproximateReceiveCount);
    expect(receives).toEqual(['1', '2', '3']);
    const messageIds = new Set(ingestEvents.map((event) => event.Records[0]?.messageId));
    expect(messageIds.size).toBe(1);
    expect(stack.deliveries.slice(-3).map((delivery) => delivery.outcome)).toEqual([
      'failed',
      'failed',
      'ok',
    ]);
  });

  it('dead-letters a message after maxReceives failed deliveries', async () => {
    failReceives = () => true;
    const key = await stack.upload('it-dlq', Buffer.from('x'));
    await stack.waitForIdle();
    expect(ingestEvents).toHaveLength(3);
    const lines = (await readFile(join(deadLetterDir, 'dead-letters.jsonl'), 'utf8')).trim().split('\n');
    const last = JSON.parse(lines.at(-1) ?? '{}');
    expect(last.attributes.ApproximateReceiveCount).toBe('3');
    expect(s3Notification({ Records: [last] }).Records[0]?.s3.object.key).toBe(key);
  });
});

describe('HTTP API → API Gateway proxy event → api handler', () => {
  it('hands the handler a REST proxy event for the matched route and writes its answer back', async () => {
    const response = await stack.api(
      '/members/it%20api/activity?from=2024-01-01&to=2024-01-31&to=2024-02-29',
      {
        headers: { 'x-test': 'yes' },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-handler')).toBe('recording');
    expect(response.json).toEqual({ resource: '/members/{memberId}/activity' });

    expect(apiEvents).toHaveLength(1);
    const event = apiEvents[0];
    expect(event).toMatchObject({
      httpMethod: 'GET',
      path: '/members/it%20api/activity',
      resource: '/members/{memberId}/activity',
      pathParameters: { memberId: 'it api' },
      queryStringParameters: { from: '2024-01-01', to: '2024-02-29' },
      multiValueQueryStringParameters: { from: ['2024-01-01'], to: ['2024-01-31', '2024-02-29'] },
      body: null,
      isBase64Encoded: false,
      requestContext: { resourcePath: '/members/{memberId}/activity', httpMethod: 'GET' },
    });
    expect(event?.headers['x-test']).toBe('yes');
    expect(event?.requestContext.requestId).toEqual(expect.any(String));
  });

  it('answers 404 problem+json for a path no route matches, without calling the handler', async () => {
    const response = await stack.api('/x');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.json).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No route for GET /x',
    });
    expect(apiEvents).toHaveLength(0);
  });

  it('answers 405 with Allow for a known path and the wrong method', async () => {
    const response = await stack.api('/members/it-405/ingests', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(response.json).toMatchObject({ title: 'Method Not Allowed', status: 405 });
    expect(apiEvents).toHaveLength(0);
  });
});

describe('with the real handlers (functions/ingest.ts, functions/api.ts)', () => {
  // The first stack in this file uses stand-ins only, so the real modules are first imported here, after
  // this stack has set the environment their module-scope clients read.
  let real: LocalStack;
  let sample: GeneratedExport;
  beforeAll(async () => {
    real = await startLocalStack();
    sample = await writeExport(join(deadLetterDir, 'sample-export.zip'), SAMPLE_OPTIONS);
  });
  afterAll(() => real?.stop());

  it('ingests an uploaded export and serves its manifest and days (what `npm start` and the CLI rely on)', async () => {
    const key = await real.upload('it-real', sample.path, 'exports/it-real/2026-01-01 my export.zip');
    await real.waitForIdle();
    expect(real.deliveries.map((delivery) => delivery.outcome)).toEqual(['ok']);

    const ingests = await real.api('/members/it-real/ingests');
    expect(ingests.status).toBe(200);
    const [manifest] = manifestsFromResponse(ingests.json);
    expect(manifest).toMatchObject({ memberId: 'it-real', objectKey: key, status: 'SUCCEEDED' });

    const last = sample.expected.at(-1);
    if (!last) throw new Error('the sample has no activity');
    const activity = await real.api(`/members/it-real/activity?from=${last.day}&to=${last.day}`);
    expect(activity.status).toBe(200);
    expect(activity.json).toMatchObject({ days: [{ day: last.day, counts: last.counts }] });
  });

  it('lists a FAILED manifest for a first upload that is not a ZIP (the CLI waits for it, then exits 1)', async () => {
    const key = await real.upload('it-real-bad', Buffer.from('not a zip at all'));
    await real.waitForIdle();
    const ingests = await real.api('/members/it-real-bad/ingests');
    expect(ingests.status).toBe(200);
    const [manifest] = manifestsFromResponse(ingests.json);
    expect(manifest).toMatchObject({ objectKey: key, status: 'FAILED', reason: expect.any(String) });
  });
});
