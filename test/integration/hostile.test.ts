import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayActivity } from '../../shared/domain/kinds';
import type { IngestManifest } from '../../shared/domain/manifest';
import { uploadsIn } from '../../shared/ingest/s3-event';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { expectManifestFor, keyFor } from '../support/hostile/assertions';
import {
  ARCHIVE_CASES,
  CSV_CASES,
  DATE_CASES,
  type HostileCase,
  NAME_CASES,
} from '../support/hostile/corpus';
import { type GoodExport, writeGoodExport } from '../support/hostile/realistic';
import { useLocalStack } from '../support/local-stack';
import { localDocumentClient } from '../support/table-dump';
import { buildZip } from '../support/zip-builder';

/**
 * The hostile corpus end to end: S3 server → S3 event → local queue → ingest handler → DynamoDB Local → API.
 * One member holds the good export; every hostile upload goes to that member, one after the other, and after
 * each the stored days must be exactly what the good export stored. The memory of the big cases is measured
 * in test/unit/hostile.test.ts (here the handler shares the process with the S3 server and the uploads).
 */
const MEMBER = 'hostile-e2e';
/** Uploads whose key holds this are deleted after the S3 event, before the handler runs. */
const DELETED_MARK = 'deleted-before-ingest';

const stack = useLocalStack({
  handlers: {
    async ingest(event: SQSEvent) {
      for (const record of event.Records) {
        for (const upload of uploadsIn(record.body)) {
          if (upload.key.includes(DELETED_MARK))
            await stack.s3.send(new DeleteObjectCommand({ Bucket: upload.bucket, Key: upload.key }));
        }
      }
      // Imported here, after the stack has pointed the environment at the local servers.
      const { handler } = await import('../../functions/ingest');
      return handler(event);
    },
  },
});

let dir: string;
let good: GoodExport;
let store: DynamoDbActivityStore;
let storedBefore: DayActivity[];
const storedDays = () => store.readDays(MEMBER, '2000-01-01', '2100-01-01');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pillarwatch-hostile-e2e-'));
  good = await writeGoodExport(dir);
  store = new DynamoDbActivityStore(localDocumentClient(stack.dynamoEndpoint), stack.tableName);
  const key = await stack.upload(MEMBER, good.bytes, `exports/${MEMBER}/good.zip`);
  await stack.waitForIdle();
  expect((await manifestOf(key))?.status).toBe('SUCCEEDED');
  storedBefore = await storedDays();
  expect(storedBefore).toEqual(good.expected);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The manifest of one upload, through the API. */
const manifestOf = async (objectKey: string): Promise<IngestManifest | undefined> => {
  const response = await stack.api(`/members/${MEMBER}/ingests?limit=100`);
  expect(response.status).toBe(200);
  return (response.json as { ingests: IngestManifest[] }).ingests.find((m) => m.objectKey === objectKey);
};

const storedObject = async (key: string): Promise<Buffer> => {
  const object = await stack.s3.send(new GetObjectCommand({ Bucket: stack.bucketName, Key: key }));
  return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
};

/** Upload, wait for the ingest, then: the manifest, the raw object untouched, the stored days unchanged. */
const uploadHostile = async (hostileCase: HostileCase, key = keyFor(MEMBER, hostileCase)) => {
  const bytes = await hostileCase.build(good.bytes);
  await stack.upload(MEMBER, bytes, key);
  await stack.waitForIdle();
  expectManifestFor(await manifestOf(key), hostileCase);
  if (key.includes(DELETED_MARK)) {
    await expect(
      stack.s3.send(new HeadObjectCommand({ Bucket: stack.bucketName, Key: key })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  } else {
    expect((await storedObject(key)).equals(bytes), 'the raw upload is untouched').toBe(true);
  }
  expect(await storedDays()).toEqual(storedBefore);
  // Permanent problems are acknowledged, not retried into the dead-letter queue.
  const deliveries = stack.deliveries.filter((d) => uploadsIn(d.record.body).some((u) => u.key === key));
  expect(deliveries.map((d) => d.outcome)).toEqual(['ok']);
};

const reactionsOn = (day: number) =>
  buildZip([
    {
      name: 'Reactions.csv',
      content: `Date,Type,Link\n2026-02-${String(day).padStart(2, '0')} 09:00:00,LIKE,x\n`,
    },
  ]);

describe('hostile uploads end to end', () => {
  it.each(ARCHIVE_CASES)('archive: $name → $status', (c) => uploadHostile(c));
  it.each(NAME_CASES)('entry names: $name → $status', (c) => uploadHostile(c));
  it.each(CSV_CASES)('CSV content: $name → $status', (c) => uploadHostile(c));
  it.each(DATE_CASES)('dates: $name → $status', (c) => uploadHostile(c));

  it.each([
    ['spaces', `exports/${MEMBER}/My LinkedIn export (1).zip`, 11],
    ['unicode', `exports/${MEMBER}/Экспорт données 导出 🚀.zip`, 12],
    ['a literal %2F', `exports/${MEMBER}/before%2Fafter.zip`, 13],
    ['all of them, a plus and a folder', `exports/${MEMBER}/sub folder/ünï %2F c+d (2).zip`, 14],
  ])('object key with %s → SUCCEEDED under its exact key', (_, key, day) =>
    uploadHostile(
      { name: key, status: 'SUCCEEDED', reason: null, rows: { reaction: 1 }, build: () => reactionsOn(day) },
      key,
    ),
  );

  it('object deleted before the ingest runs → FAILED', () =>
    uploadHostile(
      {
        name: 'deleted',
        status: 'FAILED',
        reason: /^the uploaded object no longer exists \(deleted before the ingest ran\)$/,
        build: () => reactionsOn(15),
      },
      `exports/${MEMBER}/${DELETED_MARK}.zip`,
    ));
});
