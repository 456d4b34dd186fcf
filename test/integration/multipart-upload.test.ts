import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExport } from '../../sample/generator';
import { ENV } from '../../shared/config/env';
import type { IngestManifest } from '../../shared/domain/manifest';
import type { MultipartGrant } from '../../shared/uploads/uploads';
import { runCliCapturing } from '../support/cli-run';
import { useLocalStack } from '../support/local-stack';
import { smallMember } from '../support/small-member';

/**
 * Multipart uploads through the local stack's doors. The single-PUT limit and the part size shrink to a few
 * KiB (the uploads function reads them from its environment at start), so a small export takes the path a
 * file above 100 MiB takes in AWS without writing 100 MiB.
 */
const LIMIT = 4 * 1024;
process.env[ENV.uploadSinglePutMaxBytes] = String(LIMIT);
process.env[ENV.uploadPartBytes] = String(LIMIT);
const stack = useLocalStack();
const dataDir = await mkdtemp(join(tmpdir(), 'pillarwatch-multipart-'));
afterAll(async () => {
  delete process.env[ENV.uploadSinglePutMaxBytes];
  delete process.env[ENV.uploadPartBytes];
  await rm(dataDir, { recursive: true, force: true });
});

const grant = (memberId: string, body: unknown) =>
  stack.api(`/members/${encodeURIComponent(memberId)}/uploads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('multipart uploads above the single-PUT limit', () => {
  it('pillarwatch upload sends the parts with progress, completes, and the export is ingested once', async () => {
    const memberId = 'multi+part@example.com';
    const { path } = await writeExport(join(dataDir, 'big export.zip'), smallMember({}));
    const { size } = await stat(path);
    expect(size).toBeGreaterThan(2 * LIMIT); // at least three parts
    await stack.writeCliConfig(dataDir);
    const deliveriesBefore = stack.deliveries.length;
    const result = await runCliCapturing([
      'upload',
      path,
      '--member',
      memberId,
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(result.stderr).toMatch(/Uploading big export\.zip: 100% /);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(result.stdout) as IngestManifest;
    expect(manifest).toMatchObject({ memberId, status: 'SUCCEEDED' });

    await stack.waitForIdle();
    const deliveries = stack.deliveries.slice(deliveriesBefore);
    expect(deliveries).toHaveLength(1);
    const ingests = (await stack.api(`/members/${encodeURIComponent(memberId)}/ingests`)).json as {
      ingests: IngestManifest[];
    };
    expect(ingests.ingests.map((ingest) => ingest.objectKey)).toEqual([manifest.objectKey]);
  });

  it('grants part URLs with signed sizes, a completion and an abort; an unfinished upload stores nothing', async () => {
    const memberId = 'aborts';
    const size = 2 * LIMIT + 10;
    const answer = await grant(memberId, { kind: 'scores', fileName: 'ssi.json', size });
    expect(answer.status).toBe(201);
    const granted = answer.json as MultipartGrant;
    expect(granted).toMatchObject({ method: 'MULTIPART', partBytes: LIMIT, complete: { method: 'POST' } });
    expect(granted.parts.map((part) => [part.partNumber, part.headers['content-length']])).toEqual([
      [1, String(LIMIT)],
      [2, String(LIMIT)],
      [3, '10'],
    ]);
    for (const part of granted.parts) {
      expect(new URL(part.url).searchParams.get('uploadId')).toBe(granted.uploadId);
      expect(new URL(part.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host');
    }
    expect(Date.parse(granted.expiresAt) - Date.now()).toBeGreaterThan(50 * 60_000);

    const first = granted.parts[0] as MultipartGrant['parts'][number];
    expect(
      (await fetch(first.url, { method: 'PUT', headers: first.headers, body: new Uint8Array(LIMIT) })).status,
    ).toBe(200);
    // The local S3 server has no AbortMultipartUpload (it answers 405): only the URL can be checked here.
    const abort = new URL(granted.abort.url);
    expect([granted.abort.method, abort.searchParams.get('uploadId')]).toEqual(['DELETE', granted.uploadId]);
    expect(abort.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const listed = await stack.s3.send(
      new (await import('@aws-sdk/client-s3')).ListObjectsV2Command({
        Bucket: stack.bucketName,
        Prefix: `scores/${memberId}/`,
      }),
    );
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it('keeps a single PUT up to the limit and refuses sizes above the multipart maximum', async () => {
    const single = await grant('single', { kind: 'scores', fileName: 'ssi.json', size: LIMIT });
    expect(single.status).toBe(201);
    expect((single.json as { method: string }).method).toBe('PUT');
    const huge = await grant('single', { kind: 'export', fileName: 'x.zip', size: 6 * 1024 ** 3 });
    expect(huge.status).toBe(400);
    expect((huge.json as { detail: string }).detail).toMatch(/at most 5 GiB/);
  });
});
