import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-env';

/** An S3 client for the local S3 server (path-style, its built-in key pair, no streaming checksums). */
export function localS3Client(s3Endpoint: string): S3Client {
  return new S3Client({
    endpoint: s3Endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Uploads a file (streamed, never read whole into memory) or a buffer with the real SDK, as a member's
 * client would. `onProgress` sees the bytes handed to the SDK so far.
 */
export async function uploadObject(options: {
  client: S3Client;
  bucket: string;
  key: string;
  body: string | Uint8Array;
  onProgress?: (sent: number, total: number) => void;
}): Promise<{ key: string; bytes: number }> {
  const { client, bucket, key, body, onProgress } = options;
  if (typeof body !== 'string') {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentTypeFor(key) }),
    );
    onProgress?.(body.byteLength, body.byteLength);
    return { key, bytes: body.byteLength };
  }
  const { size } = await stat(body);
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sent += chunk.length;
      onProgress?.(sent, size);
      callback(null, chunk);
    },
  });
  const stream = createReadStream(body).pipe(counter);
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: stream,
      ContentLength: size,
      ContentType: contentTypeFor(key),
    }),
  );
  return { key, bytes: size };
}

const contentTypeFor = (key: string) => (key.endsWith('.json') ? 'application/json' : 'application/zip');
