import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createUploadsApi } from '../../shared/api/uploads-function';
import type { PresignPut } from '../../shared/uploads/uploads';

const NOW = new Date('2026-03-01T09:00:00.000Z');
const presign: PresignPut = vi.fn(async ({ key, contentLength }) => ({
  url: `https://bucket.example/${key}?X-Amz-Signature=x`,
  method: 'PUT' as const,
  headers: { 'content-length': String(contentLength) },
}));

const event = (memberId: string, claims?: Record<string, string>): APIGatewayProxyEvent =>
  ({
    httpMethod: 'POST',
    resource: '/members/{memberId}/uploads',
    path: `/members/${memberId}/uploads`,
    pathParameters: { memberId },
    body: JSON.stringify({ kind: 'export', fileName: 'export.zip', size: 1234 }),
    requestContext: { authorizer: claims ? { claims } : null },
  }) as unknown as APIGatewayProxyEvent;

describe('POST /members/{memberId}/uploads, authorized like every route (Cognito)', () => {
  const api = createUploadsApi(presign, { authMode: 'cognito', now: () => NOW });

  it('grants a member an upload into their own folder, keyed by the receipt time', async () => {
    const answer = await api(event('jane+emea@example.com', { 'cognito:username': 'jane+emea@example.com' }));
    expect(answer.statusCode).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({
      memberId: 'jane+emea@example.com',
      kind: 'export',
      key: 'exports/jane+emea@example.com/2026-03-01T09-00-00-000Z-export.zip',
      method: 'PUT',
      headers: { 'content-length': '1234' },
      expiresAt: '2026-03-01T09:15:00.000Z',
    });
  });

  it("refuses a member another member's folder, and presigns nothing", async () => {
    vi.mocked(presign).mockClear();
    const answer = await api(event('victim', { 'cognito:username': 'mallory' }));
    expect(answer.statusCode).toBe(403);
    expect(presign).not.toHaveBeenCalled();
  });

  it('lets a manager upload for anyone', async () => {
    const answer = await api(event('jane', { 'cognito:username': 'lead', 'cognito:groups': 'managers' }));
    expect(answer.statusCode).toBe(201);
  });
});

describe('POST /members/{memberId}/uploads above the single-PUT limit', () => {
  const limits = { singlePutMaxBytes: 100, partBytes: 40 };
  const big = (memberId: string) => ({
    ...event(memberId),
    body: JSON.stringify({ kind: 'export', fileName: 'export.zip', size: 101 }),
  });

  it('starts a multipart upload cut into parts of partBytes, the last one shorter', async () => {
    const startMultipart = vi.fn(async ({ partSizes }: { partSizes: number[] }) => ({
      uploadId: 'u-1',
      parts: partSizes.map((size) => ({
        url: `https://bucket.example/part?size=${size}`,
        method: 'PUT' as const,
        headers: { 'content-length': String(size) },
      })),
      complete: { url: 'https://bucket.example/complete', method: 'POST' as const },
      abort: { url: 'https://bucket.example/abort', method: 'DELETE' as const },
    }));
    const api = createUploadsApi({ presign, startMultipart }, { authMode: 'off', now: () => NOW, limits });
    const answer = await api(big('ana'));
    expect(answer.statusCode).toBe(201);
    const body = JSON.parse(answer.body);
    expect(body).toMatchObject({ method: 'MULTIPART', uploadId: 'u-1', partBytes: 40 });
    expect(
      body.parts.map((part: { partNumber: number; headers: Record<string, string> }) => [
        part.partNumber,
        part.headers['content-length'],
      ]),
    ).toEqual([
      [1, '40'],
      [2, '40'],
      [3, '21'],
    ]);
    expect(startMultipart).toHaveBeenCalledWith(
      expect.objectContaining({ key: body.key, contentType: 'application/zip' }),
    );
  });

  it('refuses with a 400 naming size where no multipart signer is configured', async () => {
    const api = createUploadsApi(presign, { authMode: 'off', now: () => NOW, limits });
    const answer = await api(big('ana'));
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body).detail).toMatch(/^size: .*multipart uploads are not available/);
  });
});
