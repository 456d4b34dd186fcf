import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Source } from '../../shared/export/sources';
import { ingestExport } from '../../shared/ingest/ingest-export';
import { mockBucket } from '../support/hostile/mock-bucket';
import { type GoodExport, writeGoodExport } from '../support/hostile/realistic';
import { MemoryStore } from '../support/memory-store';
import { buildZip, renameEntry } from '../support/zip-builder';

/**
 * Hostile timing on S3 (the corpus's object cases): the object goes away or changes under the ingest. The
 * bucket is aws-sdk-client-mock with S3's If-Match semantics, which the local S3 server does not implement.
 */
const MEMBER = 'hostile-s3';
const BUCKET = 'uploads';
const KEY = `exports/${MEMBER}/export.zip`;
let dir: string;
let good: GoodExport;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pillarwatch-hostile-s3-'));
  good = await writeGoodExport(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A store holding the good export, ingested through the same mocked S3. */
const storeWithGoodExport = async () => {
  const store = new MemoryStore();
  const bucket = mockBucket();
  bucket.objects.set(`exports/${MEMBER}/good.zip`, good.bytes);
  const manifest = await ingestExport(store, {
    memberId: MEMBER,
    objectKey: `exports/${MEMBER}/good.zip`,
    openSource: () => s3Source(bucket.client, BUCKET, `exports/${MEMBER}/good.zip`),
  });
  bucket.restore();
  expect(manifest.status).toBe('SUCCEEDED');
  return { store, before: await store.readDays(MEMBER, '2000-01-01', '2100-01-01') };
};

describe('hostile timing on S3', () => {
  it.each([
    {
      name: 'object deleted before the ingest runs',
      reason: /^the uploaded object no longer exists \(deleted before the ingest ran\)$/,
      // Deleted between the notification and the HEAD: no GET ever happens.
      prepare: (objects: Map<string, Buffer>) => objects.delete(KEY),
      onGet: undefined,
    },
    {
      name: 'object deleted between the listing and an entry read',
      reason: /^the uploaded object no longer exists/,
      prepare: () => {},
      onGet: (objects: Map<string, Buffer>, index: number) => index === 1 && objects.delete(KEY),
    },
    {
      name: 'object overwritten between the listing and an entry read',
      reason:
        /^the object was overwritten while it was being ingested; the newer upload is ingested on its own$/,
      prepare: () => {},
      onGet: (objects: Map<string, Buffer>, index: number, replacement?: Buffer) =>
        index === 1 && replacement && objects.set(KEY, replacement),
    },
  ])('$name → FAILED, nothing stored changes', async ({ reason, prepare, onGet }) => {
    const { store, before } = await storeWithGoodExport();
    // Another export under the same key, as a member re-uploading mid-ingest would write.
    const replacement = await buildZip([{ name: 'Reactions.csv', content: 'Date,Type,Link\n' }]);
    let gets = 0;
    const bucket = mockBucket((_key, index) => {
      gets = index + 1;
      onGet?.(bucket.objects, index, replacement);
    });
    try {
      // Not the stored export itself (that would be recognised as a duplicate and never read).
      const upload = renameEntry(good.bytes, 'Events.csv', 'Event2.csv');
      bucket.objects.set(KEY, upload);
      prepare(bucket.objects);
      const manifest = await ingestExport(store, {
        memberId: MEMBER,
        objectKey: KEY,
        openSource: () => s3Source(bucket.client, BUCKET, KEY),
      });
      expect(manifest).toMatchObject({ status: 'FAILED', objectKey: KEY, daysWritten: 0 });
      expect(manifest.reason).toMatch(reason);
      expect(store.manifests.at(-1)).toEqual(manifest);
      expect(await store.readDays(MEMBER, '2000-01-01', '2100-01-01')).toEqual(before);
      // The central directory was read before the object changed (except when it was gone from the start).
      if (onGet) expect(gets).toBeGreaterThanOrEqual(2);
      expect(
        upload.length,
        'entries are read with their own GET after the central directory',
      ).toBeGreaterThan(2 * 64 * 1024);
    } finally {
      bucket.restore();
    }
  });
});
