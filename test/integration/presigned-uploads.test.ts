import { describe, expect, it } from 'vitest';
import type { IngestManifest } from '../../shared/domain/manifest';
import {
  MAX_MULTIPART_UPLOAD_BYTES,
  MAX_UPLOAD_BYTES,
  UPLOAD_PART_BYTES,
} from '../../shared/uploads/uploads';
import { useLocalStack } from '../support/local-stack';
import { buildZip } from '../support/zip-builder';

/** Uploads without S3 credentials, through the local stack's doors: the API presigns, a plain PUT uploads. */
const stack = useLocalStack();

interface Grant {
  memberId: string;
  key: string;
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

const grant = async (memberId: string, body: unknown) =>
  stack.api(`/members/${encodeURIComponent(memberId)}/uploads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const put = (granted: Grant, body: Uint8Array) =>
  fetch(granted.url, { method: 'PUT', headers: granted.headers, body });

describe('POST /members/{id}/uploads', () => {
  it('presigns a PUT that needs no credentials and whose upload is ingested like any other', async () => {
    const memberId = 'jane.doe+emea@example.com';
    const zip = await buildZip([
      { name: 'Reactions.csv', content: 'Date,Type,Link\n2026-02-03 10:00:00,LIKE,https://x\n' },
    ]);
    const answer = await grant(memberId, { kind: 'export', fileName: 'Basic export.zip', size: zip.length });
    expect(answer.status).toBe(201);
    const granted = answer.json as Grant;
    expect(granted.key).toMatch(/^exports\/jane\.doe\+emea@example\.com\/\d{4}-.*-Basic export\.zip$/);
    expect(Date.parse(granted.expiresAt)).toBeGreaterThan(Date.now());

    const uploaded = await put(granted, zip);
    expect(uploaded.status).toBe(200);
    await stack.waitForIdle();
    const ingests = (await stack.api(`/members/${encodeURIComponent(memberId)}/ingests`)).json as {
      ingests: IngestManifest[];
    };
    expect(ingests.ingests[0]).toMatchObject({
      objectKey: granted.key,
      memberId,
      status: 'SUCCEEDED',
      rowsPerKind: { reaction: 1 },
    });
  });

  // s3rver accepts any V4 signature, so what binds the URL is asserted on the URL itself: S3 in AWS checks it.
  it('signs the key, the host and the exact size, for 15 minutes, with no secret in the URL', async () => {
    const answer = await grant('size-bound', { kind: 'scores', fileName: 'ssi.json', size: 10 });
    expect(answer.status).toBe(201);
    const granted = answer.json as Grant;
    expect(granted.key).toMatch(/^scores\/size-bound\/\d{4}-.*-ssi\.json$/);
    const url = new URL(granted.url);
    expect(decodeURIComponent(url.pathname)).toBe(`/${stack.bucketName}/${granted.key}`);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'host']);
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    // Nothing but the signature's own parameters: no credentials, no session token locally.
    expect([...url.searchParams.keys()].sort()).toEqual(
      [
        'X-Amz-Algorithm',
        'X-Amz-Credential',
        'X-Amz-Date',
        'X-Amz-Expires',
        'X-Amz-Signature',
        'X-Amz-SignedHeaders',
        'x-amz-content-sha256',
      ].sort(),
    );
    expect(granted.headers).toEqual({ 'content-length': '10', 'content-type': 'application/json' });
  });

  it.each([
    [
      { kind: 'export', fileName: 'export.rar', size: 10 },
      /^fileName: an export must be the LinkedIn export \.zip/,
    ],
    [{ kind: 'export', fileName: '../x.zip', size: 10 }, /^fileName: must be a file name/],
    [
      { kind: 'export', fileName: 'x.zip', size: MAX_MULTIPART_UPLOAD_BYTES + 1 },
      /^size: must be at most 5 GiB/,
    ],
    [{ kind: 'logs', fileName: 'x.zip', size: 1 }, /^kind: /],
    [{ kind: 'export', fileName: 'x.zip', size: 0 }, /^size: must be more than 0 bytes/],
  ])('refuses %j with a 400 naming the field', async (body, detail) => {
    const answer = await grant('refused', body);
    expect(answer.status).toBe(400);
    expect((answer.json as { detail: string }).detail).toMatch(detail);
  });

  it('refuses a member id that is a path trick', async () => {
    const answer = await stack.api('/members/a%2F..%2Fb/uploads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'scores', fileName: 'a.csv', size: 1 }),
    });
    expect(answer.status).toBe(400);
    expect((answer.json as { detail: string }).detail).toMatch(/^memberId: /);
  });

  it('answers a size above the 100 MiB single-PUT limit with a multipart upload in 64 MiB parts', async () => {
    const answer = await grant('big-export', {
      kind: 'export',
      fileName: 'big.zip',
      size: MAX_UPLOAD_BYTES + 1,
    });
    expect(answer.status).toBe(201);
    const granted = answer.json as {
      method: string;
      partBytes: number;
      parts: { headers: Record<string, string> }[];
    };
    expect(granted.method).toBe('MULTIPART');
    expect(granted.partBytes).toBe(UPLOAD_PART_BYTES);
    expect(granted.parts.map((part) => Number(part.headers['content-length']))).toEqual([
      UPLOAD_PART_BYTES,
      MAX_UPLOAD_BYTES + 1 - UPLOAD_PART_BYTES,
    ]);
  });
});
