import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { IngestFailure } from '../domain/errors';

/**
 * A small uploaded object's bytes (official readings), refused before reading when larger than `maxBytes`.
 * A missing object is a permanent failure, like a deleted export; anything else is left to the retry.
 */
export const readSmallObject = async (
  client: S3Client,
  bucket: string,
  key: string,
  maxBytes: number,
  versionId?: string,
): Promise<Uint8Array> => {
  try {
    const object = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }),
    );
    if ((object.ContentLength ?? 0) > maxBytes) {
      (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new IngestFailure(
        `the file is larger than ${maxBytes} bytes; a readings file is a few readings`,
        true,
        'READINGS_TOO_LARGE',
      );
    }
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchKey' || name === 'NotFound') {
      throw new IngestFailure(
        'the uploaded object no longer exists (deleted before the ingest ran)',
        true,
        'OBJECT_GONE',
      );
    }
    throw error;
  }
};
