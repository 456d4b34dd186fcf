import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

const s3Error = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

/**
 * An S3 client over an in-memory bucket that behaves like S3 where the ingest depends on it: HEAD gives the
 * ETag, ranged GETs honour `If-Match` (412 PreconditionFailed once the object changed), a missing key is 404.
 * `onGet` runs before each GET is answered, so a test can replace or delete the object between two reads.
 */
export function mockBucket(onGet?: (key: string, getIndex: number) => void) {
  const objects = new Map<string, Buffer>();
  const etagOf = (bytes: Buffer) => `"${createHash('md5').update(bytes).digest('hex')}"`;
  const client = new S3Client({ region: 'us-east-1' });
  const mock = mockClient(client);
  let gets = 0;
  mock.on(HeadObjectCommand).callsFake(async ({ Key }) => {
    const bytes = objects.get(Key as string);
    if (!bytes) throw s3Error('NotFound', 404);
    return { ContentLength: bytes.length, ETag: etagOf(bytes) };
  });
  mock.on(GetObjectCommand).callsFake(async ({ Key, Range, IfMatch }) => {
    onGet?.(Key as string, gets++);
    const bytes = objects.get(Key as string);
    if (!bytes) throw s3Error('NoSuchKey', 404);
    if (IfMatch !== undefined && IfMatch !== etagOf(bytes)) throw s3Error('PreconditionFailed', 412);
    const [, start, end] = /^bytes=(\d+)-(\d+)$/.exec(Range as string) ?? [];
    return { Body: Readable.from([bytes.subarray(Number(start), Number(end) + 1)]) };
  });
  return { client, objects, restore: () => mock.restore() };
}
