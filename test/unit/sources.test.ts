import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IngestFailure } from '../../shared/domain/errors';
import { bufferSource, fileSource, type RandomAccessSource, s3Source } from '../../shared/export/sources';
import { openArchive } from '../../shared/export/zip';
import { buildZip } from '../support/zip-builder';

async function readRange(source: RandomAccessSource, start: number, end: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source.createReadStream(start, end)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));

describe('bufferSource', () => {
  it('serves half-open ranges', async () => {
    const source = bufferSource(bytes, 'fixture');
    expect(source.size).toBe(200_000);
    expect(source.description).toBe('fixture');
    expect(await readRange(source, 10, 20)).toEqual(bytes.subarray(10, 20));
    expect(await readRange(source, 0, 200_000)).toEqual(bytes);
    expect(await readRange(source, 5, 5)).toHaveLength(0);
  });
});

describe('fileSource', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pillarwatch-sources-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const openDescriptors = () => readdirSync('/proc/self/fd').length;

  it('reads ranges of a file, concurrently, and closes its descriptor once', async () => {
    const path = join(dir, 'bytes.bin');
    await writeFile(path, bytes);
    const before = openDescriptors();
    const source = await fileSource(path);
    expect(source.size).toBe(200_000);
    expect(source.description).toBe(path);
    const [a, b, empty] = await Promise.all([
      readRange(source, 0, 100_000),
      readRange(source, 150_000, 200_000),
      readRange(source, 7, 7),
    ]);
    expect(a).toEqual(bytes.subarray(0, 100_000));
    expect(b).toEqual(bytes.subarray(150_000));
    expect(empty).toHaveLength(0);
    expect(openDescriptors()).toBe(before + 1);
    await source.close?.();
    await source.close?.();
    expect(openDescriptors()).toBe(before);
  });

  it('keeps serving ranges after a stream is abandoned early', async () => {
    const path = join(dir, 'abandoned.bin');
    await writeFile(path, bytes);
    const source = await fileSource(path);
    const first = source.createReadStream(0, 200_000);
    await new Promise<void>((resolve) => {
      first.once('data', () => first.destroy());
      first.once('close', resolve);
    });
    expect(await readRange(source, 10, 20)).toEqual(bytes.subarray(10, 20));
    await source.close?.();
  });

  it('lets openArchive read a ZIP file and release the descriptor', async () => {
    const path = join(dir, 'export.zip');
    await writeFile(path, await buildZip([{ name: 'Profile.csv', content: 'First Name\nAda\n' }]));
    const before = openDescriptors();
    const archive = await openArchive(await fileSource(path));
    const [entry] = archive.entries;
    if (!entry) throw new Error('missing entry');
    const chunks: Buffer[] = [];
    for await (const chunk of await archive.openEntry(entry)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('First Name\nAda\n');
    await archive.close();
    expect(openDescriptors()).toBe(before);
  });

  it('releases the descriptor when the file is not an archive', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'just text');
    const before = openDescriptors();
    await expect(openArchive(await fileSource(path))).rejects.toThrow(/not a ZIP archive/);
    expect(openDescriptors()).toBe(before);
  });
});

describe('s3Source', () => {
  const s3 = mockClient(S3Client);
  const client = new S3Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  const etag = '"0123456789abcdef"';
  afterEach(() => s3.reset());
  // The mock patches S3Client's prototype: unit files share a worker's module graph (isolate: false).
  afterAll(() => s3.restore());

  const s3Error = (name: string, status: number) =>
    new S3ServiceException({
      name,
      $fault: status >= 500 ? 'server' : 'client',
      $metadata: { httpStatusCode: status },
    });

  /** Serves `object` honouring the Range header, as S3 does. */
  function serve(object: Buffer) {
    s3.on(HeadObjectCommand).resolves({
      ContentLength: object.length,
      ETag: etag,
      LastModified: new Date(0),
    });
    s3.on(GetObjectCommand).callsFake(async (input: { Range?: string }) => {
      const match = /^bytes=(\d+)-(\d+)$/.exec(input.Range ?? '');
      if (!match) throw new Error(`unexpected Range ${input.Range}`);
      const body = object.subarray(Number(match[1]), Number(match[2]) + 1);
      // In Node the SDK's Body is a Readable (with mixins the source does not use).
      return { Body: Readable.from([body]) as never, ContentLength: body.length };
    });
  }

  async function rangeError(source: RandomAccessSource): Promise<unknown> {
    return readRange(source, 0, 10).then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  it('heads the object, then GETs exact ranges pinned to its ETag', async () => {
    serve(bytes);
    const source = await s3Source(client, 'uploads', 'exports/m1/export.zip');
    expect(source).toMatchObject({ size: 200_000, etag, description: 's3://uploads/exports/m1/export.zip' });
    expect(source.lastModified).toEqual(new Date(0));
    expect(await readRange(source, 100, 1100)).toEqual(bytes.subarray(100, 1100));
    const gets = s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input);
    expect(gets).toEqual([
      { Bucket: 'uploads', Key: 'exports/m1/export.zip', Range: 'bytes=100-1099', IfMatch: etag },
    ]);
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'uploads',
      Key: 'exports/m1/export.zip',
      VersionId: undefined,
    });
  });

  it('pins GETs to the version when one is given', async () => {
    serve(bytes);
    const source = await s3Source(client, 'uploads', 'k.zip', 'v42');
    expect(source.versionId).toBe('v42');
    expect(source.description).toBe('s3://uploads/k.zip?versionId=v42');
    await readRange(source, 0, 10);
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input.VersionId).toBe('v42');
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'uploads',
      Key: 'k.zip',
      Range: 'bytes=0-9',
      VersionId: 'v42',
    });
  });

  it('turns a missing object into a permanent failure', async () => {
    s3.on(HeadObjectCommand).rejects(s3Error('NotFound', 404));
    const error = await s3Source(client, 'uploads', 'gone.zip').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IngestFailure);
    expect(error).toMatchObject({
      permanent: true,
      reason: 'the uploaded object no longer exists (deleted before the ingest ran)',
    });

    serve(bytes);
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));
    const source = await s3Source(client, 'uploads', 'deleted-later.zip');
    expect(await rangeError(source)).toMatchObject({
      permanent: true,
      reason: expect.stringMatching(/no longer exists/),
    });
  });

  it('turns an overwrite during the ingest (412) into a permanent failure', async () => {
    serve(bytes);
    s3.on(GetObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    const error = await rangeError(await s3Source(client, 'uploads', 'k.zip'));
    expect(error).toBeInstanceOf(IngestFailure);
    expect(error).toMatchObject({
      permanent: true,
      reason:
        'the object was overwritten while it was being ingested; the newer upload is ingested on its own',
    });
  });

  it('rethrows throttling and server errors unchanged, for the queue to retry', async () => {
    serve(bytes);
    const slowDown = s3Error('SlowDown', 503);
    s3.on(GetObjectCommand).rejects(slowDown);
    const error = await rangeError(await s3Source(client, 'uploads', 'k.zip'));
    expect(error).not.toBeInstanceOf(IngestFailure);
    expect(error).toMatchObject({ name: 'SlowDown' });

    s3.on(HeadObjectCommand).rejects(s3Error('InternalError', 500));
    await expect(s3Source(client, 'uploads', 'k.zip')).rejects.toMatchObject({ name: 'InternalError' });
  });

  it('refuses an empty object', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 0, ETag: etag });
    await expect(s3Source(client, 'uploads', 'empty.zip')).rejects.toMatchObject({
      reason: 'empty file, not a ZIP archive',
      permanent: true,
    });
  });

  it('feeds openArchive with a handful of ranged GETs', async () => {
    const files = Array.from({ length: 80 }, (_, i) => ({
      name: `File${i}.csv`,
      content: `Date\n2026-01-0${i % 9}\n`,
    }));
    const zip = await buildZip(files);
    serve(zip);
    const archive = await openArchive(await s3Source(client, 'uploads', 'k.zip'));
    expect(archive.entries).toHaveLength(80);
    const entry = archive.entries[79];
    if (!entry) throw new Error('missing entry');
    const chunks: Buffer[] = [];
    for await (const chunk of await archive.openEntry(entry)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('Date\n2026-01-07\n');
    await archive.close();
    expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(1);
    expect(s3.commandCalls(GetObjectCommand).length).toBeLessThanOrEqual(2);
  });

  it('fails an entry cleanly when the object is overwritten between listing and reading', async () => {
    // A large last entry keeps the first entry's bytes out of the window read with the central directory.
    const zip = await buildZip([
      { name: 'Profile.csv', content: 'First Name\nAda\n' },
      { name: 'Shares.csv', content: randomBytes(150_000) },
    ]);
    serve(zip);
    const archive = await openArchive(await s3Source(client, 'uploads', 'k.zip'));
    const entry = archive.entries[0];
    if (!entry) throw new Error('missing entry');
    s3.on(GetObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    const error = await archive.openEntry(entry).then(
      async (stream) => {
        for await (const _chunk of stream) {
          // drain
        }
      },
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(IngestFailure);
    expect((error as IngestFailure).reason).toMatch(
      /^the object was overwritten while it was being ingested/,
    );
    await archive.close();
  });
});
