import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Checksum, SourceData } from '@smithy/types';
import type { PresignedPut } from '../uploads/uploads';

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
 * Presigns a PUT of one object (query-string SigV4, as @aws-sdk/s3-request-presigner does) without the S3
 * client, which would double the uploads function's bundle. `content-length` and `host` are signed: the
 * URL stores exactly the size asked for, under exactly this key; `content-type` is left free.
 */
export const presignPut = async (
  target: BucketTarget,
  object: { key: string; contentLength: number; contentType: string; expiresInSeconds: number },
): Promise<PresignedPut> => {
  const base = new URL(target.endpoint ?? `https://s3.${target.region}.amazonaws.com`);
  const hostname = target.pathStyle ? base.hostname : `${target.bucket}.${base.hostname}`;
  const path = `${base.pathname.replace(/\/$/, '')}${target.pathStyle ? `/${encodeKeyPath(target.bucket)}` : ''}/${encodeKeyPath(object.key)}`;
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
      method: 'PUT',
      protocol: base.protocol,
      hostname,
      port,
      path,
      query: {},
      headers: {
        host: `${hostname}${port ? `:${port}` : ''}`,
        'content-length': String(object.contentLength),
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      },
    },
    { expiresIn: object.expiresInSeconds },
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(signed.query ?? {}))
    for (const one of Array.isArray(value) ? value : [value]) if (one != null) query.append(name, one);
  return {
    url: `${base.protocol}//${signed.headers.host}${path}?${query}`,
    method: 'PUT',
    headers: { 'content-length': String(object.contentLength), 'content-type': object.contentType },
  };
};
