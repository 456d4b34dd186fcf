import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Checksum, SourceData } from '@smithy/types';
import type { PresignedPut, StartedMultipart } from '../uploads/uploads';

/** SHA-256 (or its HMAC, given a secret) for SignatureV4, from node:crypto: no hashing package to bundle. */
export class NodeSha256 implements Checksum {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  public constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
  public update(data: Uint8Array): void {
    this.hash.update(data);
  }
  public async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  public reset(): void {
    this.hash = this.fresh();
  }
}

const toBuffer = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** An object key as S3 expects it in a path: each segment RFC 3986-encoded, `/` kept. */
export const encodeKeyPath = (key: string): string =>
  key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');

/** Where the bucket is: AWS (virtual-host style by region) or an S3-compatible endpoint (the local S3 server). */
export interface BucketTarget {
  bucket: string;
  region: string;
  /** `AWS_ENDPOINT_URL_S3`; undefined: AWS. */
  endpoint?: string;
  pathStyle: boolean;
  credentials: () => Promise<AwsCredentialIdentity>;
}

/**
 * Presigns one request on one object (query-string SigV4, as @aws-sdk/s3-request-presigner does) without
 * the S3 client, which would double the uploads function's bundle. `host` and the given headers are signed.
 */
const presignRequest = async (
  target: BucketTarget,
  request: {
    method: 'PUT' | 'POST' | 'DELETE';
    key: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    expiresInSeconds: number;
  },
): Promise<string> => {
  const base = new URL(target.endpoint ?? `https://s3.${target.region}.amazonaws.com`);
  const hostname = target.pathStyle ? base.hostname : `${target.bucket}.${base.hostname}`;
  const path = `${base.pathname.replace(/\/$/, '')}${target.pathStyle ? `/${encodeKeyPath(target.bucket)}` : ''}/${encodeKeyPath(request.key)}`;
  const port = base.port ? Number(base.port) : undefined;
  const signer = new SignatureV4({
    credentials: target.credentials,
    region: target.region,
    service: 's3',
    sha256: NodeSha256,
    // The path is already encoded once, as S3 wants it signed.
    uriEscapePath: false,
  });
  const signed = await signer.presign(
    {
      method: request.method,
      protocol: base.protocol,
      hostname,
      port,
      path,
      query: request.query ?? {},
      headers: {
        host: `${hostname}${port ? `:${port}` : ''}`,
        ...request.headers,
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      },
    },
    { expiresIn: request.expiresInSeconds },
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(signed.query ?? {}))
    for (const one of Array.isArray(value) ? value : [value]) if (one != null) query.append(name, one);
  return `${base.protocol}//${signed.headers.host}${path}?${query}`;
};

/**
 * Presigns a PUT of one object. `content-length` and `host` are signed: the URL stores exactly the size
 * asked for, under exactly this key; `content-type` is left free.
 */
export const presignPut = async (
  target: BucketTarget,
  object: { key: string; contentLength: number; contentType: string; expiresInSeconds: number },
): Promise<PresignedPut> => ({
  url: await presignRequest(target, {
    method: 'PUT',
    key: object.key,
    headers: { 'content-length': String(object.contentLength) },
    expiresInSeconds: object.expiresInSeconds,
  }),
  method: 'PUT',
  headers: { 'content-length': String(object.contentLength), 'content-type': object.contentType },
});

/**
 * Starts a multipart upload (CreateMultipartUpload, sent with a URL presigned a moment before, so the
 * function needs no S3 client) and presigns each part (its exact size signed), the completion and the
 * abort. The URLs can do no more than the function's role: put objects, abort its uploads.
 */
export const startMultipart = async (
  target: BucketTarget,
  object: { key: string; contentType: string; partSizes: number[]; expiresInSeconds: number },
  send: typeof fetch = fetch,
): Promise<StartedMultipart> => {
  const createUrl = await presignRequest(target, {
    method: 'POST',
    key: object.key,
    query: { uploads: '' },
    expiresInSeconds: 60,
  });
  const created = await send(createUrl, { method: 'POST', headers: { 'content-type': object.contentType } });
  const answer = await created.text();
  const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(answer)?.[1];
  if (!created.ok || !uploadId)
    throw new Error(`CreateMultipartUpload answered ${created.status}: ${answer.slice(0, 200)}`);
  const withUpload = (extra: Record<string, string> = {}) => ({ uploadId, ...extra });
  const { key, expiresInSeconds } = object;
  const parts = await Promise.all(
    object.partSizes.map(async (size, index) => ({
      url: await presignRequest(target, {
        method: 'PUT',
        key,
        query: withUpload({ partNumber: String(index + 1) }),
        headers: { 'content-length': String(size) },
        expiresInSeconds,
      }),
      method: 'PUT' as const,
      headers: { 'content-length': String(size) },
    })),
  );
  return {
    uploadId,
    parts,
    complete: {
      url: await presignRequest(target, { method: 'POST', key, query: withUpload(), expiresInSeconds }),
      method: 'POST',
    },
    abort: {
      url: await presignRequest(target, { method: 'DELETE', key, query: withUpload(), expiresInSeconds }),
      method: 'DELETE',
    },
  };
};
