import { open } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { IngestFailure } from '../domain/errors';

/**
 * Random access to the bytes of an uploaded archive. The ZIP reader asks for the central directory first
 * and then one range per entry, so neither the archive nor an entry is ever held whole.
 */
export interface RandomAccessSource {
  readonly size: number;
  /** For messages, e.g. `s3://bucket/key` or a file path. */
  readonly description: string;
  /** Bytes [start, end) as a stream. */
  createReadStream(start: number, end: number): Readable;
  close?(): Promise<void>;
  /** When the bytes were uploaded (S3 LastModified), when the source knows. */
  readonly lastModified?: Date;
}

export type S3Source = RandomAccessSource & { etag: string; versionId?: string };

const emptyStream = (): Readable => Readable.from([], { objectMode: false });

/** A local file, read with positioned reads on one descriptor (no seek state shared between streams). */
export async function fileSource(path: string): Promise<RandomAccessSource> {
  const handle = await open(path, 'r');
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    await handle.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    size,
    description: path,
    createReadStream(start, end) {
      if (end <= start) return emptyStream();
      // Positioned reads, not handle.createReadStream: destroying such a stream early (as the header sniff
      // does) closes the FileHandle on Node 20 even with autoClose off, and the descriptor outlives each stream.
      let position = start;
      return new Readable({
        highWaterMark: CHUNK,
        read() {
          const length = Math.min(CHUNK, end - position);
          if (length <= 0) {
            this.push(null);
            return;
          }
          handle.read(Buffer.allocUnsafe(length), 0, length, position).then(
            ({ bytesRead, buffer }) => {
              if (bytesRead === 0) return void this.push(null);
              position += bytesRead;
              this.push(bytesRead < length ? buffer.subarray(0, bytesRead) : buffer);
            },
            (error: Error) => this.destroy(error),
          );
        },
      });
    },
    close() {
      closed ??= handle.close();
      return closed;
    },
  };
}

const CHUNK = 64 * 1024;

/** An in-memory archive (tests, small fixtures). */
export function bufferSource(buffer: Buffer, description = 'in-memory archive'): RandomAccessSource {
  return {
    size: buffer.length,
    description,
    createReadStream(start, end) {
      const bytes = buffer.subarray(start, Math.max(start, end));
      // Several chunks, like a real stream, so consumers are exercised across chunk boundaries.
      function* chunks() {
        for (let offset = 0; offset < bytes.length; offset += CHUNK)
          yield bytes.subarray(offset, offset + CHUNK);
      }
      return Readable.from(chunks(), { objectMode: false });
    },
  };
}

const OBJECT_GONE = 'the uploaded object no longer exists (deleted before the ingest ran)';
const OBJECT_OVERWRITTEN =
  'the object was overwritten while it was being ingested; the newer upload is ingested on its own';

interface S3ErrorShape {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Translates the S3 errors that mean "this upload can never be read" into permanent failures. Anything else
 * (throttling, 5xx, network, access denied) is returned unchanged so the queue retries the message.
 */
function toIngestError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const { name, Code, $metadata } = error as S3ErrorShape;
  const code = name ?? Code;
  const status = $metadata?.httpStatusCode;
  if (code === 'NotFound' || code === 'NoSuchKey' || code === 'NoSuchVersion' || status === 404) {
    return new IngestFailure(OBJECT_GONE, true, 'OBJECT_GONE');
  }
  if (code === 'PreconditionFailed' || status === 412)
    return new IngestFailure(OBJECT_OVERWRITTEN, true, 'OBJECT_GONE');
  return error;
}

/**
 * An S3 object read with one ranged GET per requested range. Every GET is pinned to the object seen by the
 * initial HEAD (its version when known from the caller, otherwise `If-Match` on its ETag), so an upload
 * that replaces the key mid-ingest fails this ingest cleanly instead of mixing bytes of two archives.
 */
export async function s3Source(
  client: S3Client,
  bucket: string,
  key: string,
  versionId?: string,
): Promise<S3Source> {
  const description = `s3://${bucket}/${key}${versionId ? `?versionId=${versionId}` : ''}`;
  const head = await client
    .send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }))
    .catch((error: unknown) => {
      throw toIngestError(error);
    });
  const size = head.ContentLength ?? 0;
  if (size === 0) throw new IngestFailure('empty file, not a ZIP archive');
  if (!head.ETag && !versionId) throw new Error(`S3 returned no ETag for ${description}`);
  const etag = head.ETag ?? '';
  const pin = versionId ? { VersionId: versionId } : { IfMatch: etag };

  return {
    size,
    description,
    etag,
    versionId: versionId ?? head.VersionId,
    lastModified: head.LastModified,
    createReadStream(start, end) {
      if (end <= start) return emptyStream();
      // The stream is returned synchronously (the reader pipes it at once); the GET fills it when it answers.
      const output = new PassThrough();
      const abort = new AbortController();
      output.once('close', () => abort.abort());
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        Range: `bytes=${start}-${end - 1}`,
        ...pin,
      });
      Promise.resolve()
        .then(() => client.send(command, { abortSignal: abort.signal }))
        .then((response) => {
          const body = response.Body;
          if (!(body instanceof Readable)) throw new Error(`S3 returned no readable body for ${description}`);
          if (output.destroyed) {
            body.destroy();
            return;
          }
          body.once('error', (error) => output.destroy(toIngestError(error) as Error));
          output.once('close', () => body.destroy());
          body.pipe(output);
        })
        .catch((error: unknown) => {
          if (!output.destroyed) output.destroy(toIngestError(error) as Error);
        });
      return output;
    },
  };
}
