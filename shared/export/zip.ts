import { createHash } from 'node:crypto';
import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { IngestFailure } from '../domain/errors';
import { capText } from '../domain/manifest';
import type { RandomAccessSource } from './sources';

export interface ArchiveLimits {
  /** Central-directory records, directories included. Real exports have about 100. */
  maxEntries: number;
  maxTotalUncompressedBytes: number;
  maxEntryUncompressedBytes: number;
  /** Applies to entries that expand beyond 1 MiB; CSV text compresses about 5–15:1. */
  maxCompressionRatio: number;
}

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = Object.freeze({
  maxEntries: 5_000,
  maxTotalUncompressedBytes: 2 * GiB,
  maxEntryUncompressedBytes: 2 * GiB,
  maxCompressionRatio: 200,
});

/** Small entries may legitimately compress very well (a header-only CSV, a run of commas). */
const RATIO_CHECK_FROM_BYTES = MiB;

export interface ArchiveEntry {
  path: string;
  compressedSize: number;
  uncompressedSize: number;
  modifiedAt: Date;
}

export interface SkippedEntry {
  path: string;
  reason: string;
}

export interface ExportArchive {
  /** Files only (no directories), in central-directory order. */
  readonly entries: readonly ArchiveEntry[];
  /** Entries that cannot be read, with the reason. */
  readonly skipped: readonly SkippedEntry[];
  /**
   * SHA-256 (hex) over (name, CRC-32, uncompressed size) of every file record, sorted by name, taken from the
   * central directory at no extra I/O. The same files with the same content give the same fingerprint
   * whatever their order in the archive, their compression level or their timestamps, so an identical
   * re-upload (even re-zipped or under another key) is recognised. Directory records do not count.
   */
  readonly fingerprint: string;
  /** Latest plausible entry modification time: when LinkedIn produced the export. */
  readonly producedAt: Date | undefined;
  /** Decompressed, size- and CRC-checked bytes. May be called again for the same entry, in any order. */
  openEntry(entry: ArchiveEntry): Promise<Readable>;
  /** Resolves once the source is closed, i.e. after every stream from `openEntry` has ended or been destroyed. */
  close(): Promise<void>;
}

const STORED = 0;
const DEFLATED = 8;
const COMPRESSION_METHOD_NAMES: Record<number, string> = {
  1: 'Shrink',
  6: 'Implode',
  9: 'Deflate64',
  12: 'BZIP2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'XZ',
  98: 'PPMd',
  99: 'AES encryption',
};

/** Times before LinkedIn existed (e.g. the DOS epoch 1980-01-01 written by tools that have no time) are noise. */
const EARLIEST_PLAUSIBLE_EXPORT = Date.UTC(2003, 0, 1);
const FUTURE_TOLERANCE_MS = 2 * 24 * 3600 * 1000;

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(value) : String(Math.round(value * 10) / 10);
  return `${shown} ${units[unit]}`;
}

/** Names go into manifests and logs: keep them on one line and bounded. */
const displayName = (name: string): string => capText(name.replace(/\p{Cc}/gu, '?'));

const corrupt = (detail: string) => new IngestFailure(`the ZIP archive is truncated or corrupt (${detail})`);

/**
 * yauzl's `RandomAccessReader` over a `RandomAccessSource`, with a one-window read cache. yauzl issues many
 * small reads (the end record, 46 bytes plus the name of every central-directory record, 30 bytes plus the
 * name of every local header); each is one ranged GET in S3 without the cache. With it, the central
 * directory of a normal export costs one request, and a small entry (header and data) costs one more.
 */
class SourceReader extends yauzl.RandomAccessReader {
  static readonly WINDOW_BYTES = 64 * 1024;
  private window: { start: number; bytes: Buffer } | undefined;
  /** Errors raised by the source itself (S3, disk), which must reach the caller unchanged. */
  readonly sourceErrors = new WeakSet<object>();

  constructor(readonly source: RandomAccessSource) {
    super();
  }

  private cached(start: number, end: number): Buffer | undefined {
    const window = this.window;
    if (!window || start < window.start || end > window.start + window.bytes.length) return undefined;
    return window.bytes.subarray(start - window.start, end - window.start);
  }

  private fromSource(start: number, end: number): Readable {
    let stream: Readable;
    try {
      stream = this.source.createReadStream(start, end);
    } catch (error) {
      // Still a source error (e.g. a client bug), not a property of the archive.
      stream = new PassThrough();
      stream.destroy(error as Error);
    }
    stream.on('error', (error) => {
      if (typeof error === 'object' && error !== null) this.sourceErrors.add(error);
    });
    return stream;
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const cached = this.cached(start, end);
    return cached ? bufferStream(cached) : this.fromSource(start, end);
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead?: number) => void,
  ): void {
    const cached = this.cached(position, position + length);
    if (cached) {
      cached.copy(buffer, offset);
      setImmediate(callback, null, cached.length);
      return;
    }
    const end = Math.min(this.source.size, position + Math.max(length, SourceReader.WINDOW_BYTES));
    const chunks: Buffer[] = [];
    const stream = this.fromSource(position, end);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('error', (error) => callback(error));
    stream.once('end', () => {
      const bytes = Buffer.concat(chunks);
      this.window = { start: position, bytes };
      const copied = bytes.copy(buffer, offset, 0, Math.min(length, bytes.length));
      callback(null, copied);
    });
  }

  override close(callback: (error: Error | null) => void): void {
    this.window = undefined;
    if (!this.source.close) {
      setImmediate(callback, null);
      return;
    }
    this.source.close().then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }
}

function bufferStream(bytes: Buffer): Readable {
  const stream = new PassThrough();
  stream.end(bytes);
  return stream;
}

/**
 * Counts and checksums an entry's decompressed bytes against its central-directory record. yauzl's own
 * `validateEntrySizes` is off because it rejects a whole archive for one stored entry with inconsistent
 * sizes and its errors are not worded for people; this check is per entry and also verifies the CRC-32,
 * which yauzl does not.
 */
class EntryGuard extends Transform {
  private bytes = 0;
  private crc = 0;

  constructor(
    private readonly path: string,
    private readonly declaredSize: number,
    private readonly declaredCrc: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.declaredSize) {
      callback(
        new IngestFailure(
          `entry '${displayName(this.path)}' holds more data than its header declares (${formatBytes(this.declaredSize)}); a possible ZIP bomb`,
        ),
      );
      return;
    }
    this.crc = crc32(chunk, this.crc);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.bytes < this.declaredSize) {
      callback(
        new IngestFailure(
          `entry '${displayName(this.path)}' holds less data than its header declares (${formatBytes(this.bytes)} of ${formatBytes(this.declaredSize)}); the archive is truncated or corrupt`,
        ),
      );
      return;
    }
    if (this.crc >>> 0 !== this.declaredCrc >>> 0) {
      callback(
        new IngestFailure(
          `entry '${displayName(this.path)}' is corrupt (its CRC-32 checksum does not match)`,
        ),
      );
      return;
    }
    callback();
  }
}

/**
 * The longest entry name read. Real export names stay under about 200 characters (article titles); the
 * name is repeated in the manifest (ignored entries, every rejected-row sample), which must fit one item.
 */
export const MAX_ENTRY_NAME_CHARS = 255;

/** Why a decoded name cannot be used as a path inside the export, or undefined when it is safe. */
function unsafeName(name: string): string | undefined {
  if (name.length === 0) return 'the entry has an empty name';
  if (name.length > MAX_ENTRY_NAME_CHARS)
    return `file name longer than ${MAX_ENTRY_NAME_CHARS} characters (${name.length})`;
  if (/\p{Cc}/u.test(name)) return 'unsafe file name (control characters)';
  if (name.includes('\\')) return 'unsafe file name (contains a backslash)';
  if (/^[a-zA-Z]:/.test(name) || name.startsWith('/')) return 'unsafe file name (absolute path)';
  if (name.split('/').includes('..')) return "unsafe file name (a '..' segment points outside the archive)";
  // yauzl's own rule stays the authority should it grow stricter.
  if (yauzl.validateFileName(name) !== null) return 'unsafe file name';
  return undefined;
}

/** The decoded name (UTF-8 when flagged or given in a Unicode-path extra field, else CP437). */
function decodeName(entry: yauzl.Entry): { name: string; unsafe?: string } {
  // strictFileNames: keep backslashes as they are so that validation sees (and rejects) them.
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
  return { name, unsafe: unsafeName(name) };
}

interface Listing {
  entries: ArchiveEntry[];
  skipped: SkippedEntry[];
  records: Map<string, yauzl.Entry>;
  fingerprint: string;
  producedAt: Date | undefined;
}

async function listEntries(zipfile: yauzl.ZipFile, limits: ArchiveLimits): Promise<Listing> {
  const entries: ArchiveEntry[] = [];
  const skipped: SkippedEntry[] = [];
  const records = new Map<string, yauzl.Entry>();
  const localHeaderOwners = new Map<number, string>();
  const fingerprinted: { name: Buffer; crc: number; size: number }[] = [];
  let totalBytes = 0;
  let producedAt: Date | undefined;
  const latestPlausible = Date.now() + FUTURE_TOLERANCE_MS;

  for await (const record of zipfile.eachEntry()) {
    const { name, unsafe } = decodeName(record);
    if (name.endsWith('/') && !unsafe) continue; // a directory: nothing to read
    fingerprinted.push({ name: Buffer.from(name), crc: record.crc32, size: record.uncompressedSize });

    const skip = (reason: string) => skipped.push({ path: displayName(name), reason });
    if (unsafe) {
      skip(unsafe);
      continue;
    }
    if (records.has(name)) {
      skip('duplicate name; the first entry with this name is used');
      continue;
    }
    if (record.isEncrypted()) {
      skip('encrypted entry; pillarwatch cannot read password-protected files');
      continue;
    }
    if (record.compressionMethod !== STORED && record.compressionMethod !== DEFLATED) {
      const method =
        COMPRESSION_METHOD_NAMES[record.compressionMethod] ?? `method ${record.compressionMethod}`;
      skip(
        `compressed with ${method}, which pillarwatch cannot read (only Stored and Deflate are supported)`,
      );
      continue;
    }
    if (record.compressionMethod === STORED && record.compressedSize !== record.uncompressedSize) {
      skip('stored (uncompressed) entry whose header gives two different sizes; the archive is corrupt');
      continue;
    }
    // Overlapping entries (several records sharing one local file) multiply output without adding input.
    const sharedWith = localHeaderOwners.get(record.relativeOffsetOfLocalHeader);
    if (sharedWith !== undefined) {
      skip(
        `shares its data with entry '${displayName(sharedWith)}' (overlapping entries, a ZIP-bomb technique)`,
      );
      continue;
    }
    localHeaderOwners.set(record.relativeOffsetOfLocalHeader, name);

    const { compressedSize, uncompressedSize } = record;
    if (uncompressedSize > limits.maxEntryUncompressedBytes) {
      throw new IngestFailure(
        `entry '${displayName(name)}' expands to ${formatBytes(uncompressedSize)}, beyond the ${formatBytes(limits.maxEntryUncompressedBytes)} limit`,
      );
    }
    if (uncompressedSize > RATIO_CHECK_FROM_BYTES) {
      const ratio = uncompressedSize / Math.max(compressedSize, 1);
      if (ratio > limits.maxCompressionRatio) {
        throw new IngestFailure(
          `entry '${displayName(name)}' is compressed ${Math.round(ratio)}:1, above the ${limits.maxCompressionRatio}:1 limit (a possible ZIP bomb)`,
        );
      }
    }
    totalBytes += uncompressedSize;

    // DOS times carry no zone; reading them as UTC gives the same answer locally as in Lambda (TZ=UTC).
    const modifiedAt = record.getLastModDate({ timezone: 'UTC' });
    const time = modifiedAt.getTime();
    if (time >= EARLIEST_PLAUSIBLE_EXPORT && time <= latestPlausible && time > (producedAt?.getTime() ?? 0)) {
      producedAt = modifiedAt;
    }
    entries.push({ path: name, compressedSize, uncompressedSize, modifiedAt });
    records.set(name, record);
  }

  // Checked after the whole listing (it is small) so the message gives the real total.
  if (totalBytes > limits.maxTotalUncompressedBytes) {
    throw new IngestFailure(
      `entries expand to ${formatBytes(totalBytes)} in total, beyond the ${formatBytes(limits.maxTotalUncompressedBytes)} limit`,
    );
  }

  const hash = createHash('sha256');
  fingerprinted.sort((a, b) => Buffer.compare(a.name, b.name) || a.crc - b.crc || a.size - b.size);
  for (const { name, crc, size } of fingerprinted) {
    // Length-prefixed fields, so no two different listings serialise to the same bytes.
    const fields = Buffer.alloc(16);
    fields.writeUInt32LE(name.length, 0);
    fields.writeUInt32LE(crc >>> 0, 4);
    fields.writeBigUInt64LE(BigInt(size), 8);
    hash.update(fields).update(name);
  }
  return { entries, skipped, records, fingerprint: hash.digest('hex'), producedAt };
}

/** Wording for errors from yauzl: source errors pass through unchanged (they may be transient). */
function archiveError(error: unknown, reader: SourceReader): unknown {
  if (error instanceof IngestFailure) return error;
  if (typeof error === 'object' && error !== null && reader.sourceErrors.has(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/strong encryption/i.test(message)) {
    return new IngestFailure(
      'the archive uses strong encryption; pillarwatch cannot read password-protected files',
    );
  }
  if (/multi-disk/i.test(message))
    return new IngestFailure('split (multi-part) ZIP archives are not supported');
  return corrupt(message);
}

/** Errors while reading one entry: the archive's own problems are worded for people and name the entry. */
function entryError(path: string, error: unknown, reader: SourceReader): Error {
  if (error instanceof IngestFailure) return error;
  if (typeof error === 'object' && error !== null && reader.sourceErrors.has(error)) return error as Error;
  const message = error instanceof Error ? error.message : String(error);
  return new IngestFailure(
    `entry '${displayName(path)}' cannot be read: the ZIP archive is truncated or corrupt (${message})`,
  );
}

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** No end record: a truncated upload still starts like a ZIP, anything else is not one. */
async function missingEndRecord(source: RandomAccessSource): Promise<IngestFailure> {
  const start: Buffer[] = [];
  try {
    for await (const chunk of source.createReadStream(0, Math.min(4, source.size))) start.push(chunk);
  } catch {
    // Best effort: the message below is still true.
  }
  return Buffer.concat(start).equals(ZIP_LOCAL_HEADER)
    ? corrupt('its end-of-central-directory record is missing: the upload looks incomplete')
    : new IngestFailure('not a ZIP archive (no end-of-central-directory record found)');
}

/**
 * Opens an export archive: reads and checks the central directory (entry count, declared sizes, ratio,
 * names) before any entry data, then serves entries on demand. Whole-archive problems throw a permanent
 * `IngestFailure`; per-entry problems land in `skipped`. Errors of the source itself are rethrown as they are.
 */
export async function openArchive(
  source: RandomAccessSource,
  limits: Partial<ArchiveLimits> = {},
): Promise<ExportArchive> {
  const effective: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
  if (source.size === 0) {
    await source.close?.();
    throw new IngestFailure('empty file, not a ZIP archive');
  }
  const reader = new SourceReader(source);
  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await yauzl.fromRandomAccessReaderPromise(reader, source.size, {
      autoClose: false, // entries are opened after the listing, in any order
      decodeStrings: false, // names are validated here, so an unsafe name skips one entry, not the archive
      validateEntrySizes: false, // see EntryGuard
    });
  } catch (error) {
    // yauzl keeps its reference on the reader when opening fails, so the source is closed here.
    const failure =
      error instanceof Error && /end of central directory record signature not found/i.test(error.message)
        ? await missingEndRecord(source)
        : archiveError(error, reader);
    await source.close?.();
    throw failure;
  }

  const closeZip = () =>
    new Promise<void>((resolve) => {
      if (!zipfile.isOpen) return resolve();
      reader.once('close', resolve);
      // A source that fails to close (rare: a descriptor error) must not crash the process; nothing to retry.
      zipfile.on('error', () => resolve());
      zipfile.close();
    });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= closeZip();
    return closing;
  };

  let listing: Listing;
  try {
    if (zipfile.entryCount > effective.maxEntries) {
      throw new IngestFailure(
        `the archive has ${zipfile.entryCount} entries; the limit is ${effective.maxEntries}`,
      );
    }
    listing = await listEntries(zipfile, effective);
  } catch (error) {
    await close();
    throw archiveError(error, reader);
  }

  return {
    entries: listing.entries,
    skipped: listing.skipped,
    fingerprint: listing.fingerprint,
    producedAt: listing.producedAt,
    close,
    async openEntry(entry) {
      const record = listing.records.get(entry.path);
      if (!record) throw new Error(`'${displayName(entry.path)}' is not a readable entry of this archive`);
      if (!zipfile.isOpen) throw new Error('the archive is already closed');
      const raw = await zipfile.openReadStreamPromise(record).catch((error: unknown) => {
        throw entryError(entry.path, error, reader);
      });
      const guard = new EntryGuard(entry.path, record.uncompressedSize, record.crc32);
      raw.on('error', (error) => guard.destroy(entryError(entry.path, error, reader)));
      // Stop reading (and decompressing) as soon as the consumer goes away or the guard fails.
      guard.once('close', () => {
        if (raw.readableEnded || raw.destroyed) return;
        raw.unpipe(guard);
        raw.destroy();
      });
      raw.pipe(guard);
      return guard;
    },
  };
}
