/**
 * Builds ZIP archives in memory for tests: normal ones with `buildZip` (yazl), and hostile ones by patching
 * the bytes of a normal archive (encrypted flag, lying sizes, unsafe names, truncation, a broken central
 * directory, …). Every patch helper takes an archive and returns a patched copy; the input is never modified.
 *
 * The patch helpers understand archives written by `buildZip` (no archive comment, no ZIP64).
 */
import yazl from 'yazl';

export interface ZipFileSpec {
  /**
   * The entry name, written as is: also unsafe names (`../x`, `/etc/x`, `a\\b`, `C:/x`), which yazl refuses and
   * which are therefore written under a placeholder of the same length and patched in afterwards.
   * A Buffer is written byte for byte (combine with `utf8: false` for a CP437 name).
   * A string ending in `/` adds a directory record (its content is ignored).
   */
  name: string | Buffer;
  content: string | Buffer;
  /** Default 2026-03-01T12:00:00Z, so archives are reproducible. */
  mtime?: Date;
  /** Store without compression (method 0) instead of Deflate. */
  store?: boolean;
  /** General-purpose bit 11 (UTF-8 name). yazl always sets it; `false` clears it (CP437 name). */
  utf8?: boolean;
}

export const DEFAULT_MTIME = new Date('2026-03-01T12:00:00Z');

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const END_RECORD_BYTES = 22;

/** One file as found in the central directory, with the offsets the patch helpers need. */
export interface ZipRecord {
  name: Buffer;
  /** Offset of this entry's central-directory header. */
  centralOffset: number;
  /** Offset of this entry's local file header. */
  localOffset: number;
  /** Offset of the first byte of the entry's (compressed) data. */
  dataOffset: number;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
  flags: number;
}

export async function buildZip(files: readonly ZipFileSpec[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const renames: { placeholder: Buffer; name: Buffer }[] = [];
  files.forEach((file, index) => {
    if (typeof file.name === 'string' && file.name.endsWith('/') && isSafeForYazl(file.name.slice(0, -1))) {
      zip.addEmptyDirectory(file.name, { mtime: file.mtime ?? DEFAULT_MTIME });
      return;
    }
    const name = Buffer.isBuffer(file.name) ? file.name : Buffer.from(file.name);
    let metadataPath = name.toString();
    if (Buffer.isBuffer(file.name) || !isSafeForYazl(metadataPath)) {
      const placeholder = `~${index}`.padEnd(name.length, '~');
      if (placeholder.length !== name.length)
        throw new Error(`name too short to patch in: ${name.toString()}`);
      renames.push({ placeholder: Buffer.from(placeholder), name });
      metadataPath = placeholder;
    }
    const content = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content);
    zip.addBuffer(content, metadataPath, { mtime: file.mtime ?? DEFAULT_MTIME, compress: !file.store });
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  let archive: Buffer = Buffer.concat(chunks);
  for (const { placeholder, name } of renames) archive = renameEntry(archive, placeholder, name);
  files.forEach((file) => {
    if (file.utf8 === false) archive = setFlags(archive, file.name, (flags) => flags & ~0x800);
  });
  return archive;
}

function isSafeForYazl(name: string): boolean {
  return !(
    name === '' ||
    name.includes('\\') ||
    /^[a-zA-Z]:/.test(name) ||
    name.startsWith('/') ||
    name.endsWith('/') ||
    name.split('/').includes('..')
  );
}

/** Every central-directory record of the archive, in order. */
export function readRecords(zip: Buffer): ZipRecord[] {
  const end = zip.length - END_RECORD_BYTES;
  if (end < 0 || zip.readUInt32LE(end) !== SIG_END)
    throw new Error('expected a buildZip archive (no comment)');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const records: ZipRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(offset) !== SIG_CENTRAL) throw new Error('unexpected central-directory layout');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    records.push({
      name: Buffer.from(zip.subarray(offset + 46, offset + 46 + nameLength)),
      centralOffset: offset,
      localOffset,
      dataOffset: localOffset + 30 + localNameLength + localExtraLength,
      flags: zip.readUInt16LE(offset + 8),
      compressionMethod: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      uncompressedSize: zip.readUInt32LE(offset + 24),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return records;
}

const asBytes = (name: string | Buffer) => (Buffer.isBuffer(name) ? name : Buffer.from(name));

/** The records named `name` (several when names are duplicated). Throws when there is none. */
function recordsNamed(zip: Buffer, name: string | Buffer): ZipRecord[] {
  const wanted = asBytes(name);
  const found = readRecords(zip).filter((record) => record.name.equals(wanted));
  if (found.length === 0) throw new Error(`no entry named ${wanted.toString()}`);
  return found;
}

function patch(zip: Buffer, edit: (copy: Buffer) => void): Buffer {
  const copy = Buffer.from(zip);
  edit(copy);
  return copy;
}

/** Renames an entry in place (local and central headers). The new name must have the same byte length. */
export function renameEntry(zip: Buffer, from: string | Buffer, to: string | Buffer): Buffer {
  const target = asBytes(to);
  return patch(zip, (copy) => {
    for (const record of recordsNamed(zip, from)) {
      if (target.length !== record.name.length)
        throw new Error('renameEntry needs a name of the same length');
      target.copy(copy, record.centralOffset + 46);
      target.copy(copy, record.localOffset + 30);
    }
  });
}

/** Rewrites the general-purpose bit flags of an entry in both its local and central headers. */
export function setFlags(zip: Buffer, name: string | Buffer, update: (flags: number) => number): Buffer {
  return patch(zip, (copy) => {
    for (const record of recordsNamed(zip, name)) {
      copy.writeUInt16LE(
        update(copy.readUInt16LE(record.centralOffset + 8)) & 0xffff,
        record.centralOffset + 8,
      );
      copy.writeUInt16LE(update(copy.readUInt16LE(record.localOffset + 6)) & 0xffff, record.localOffset + 6);
    }
  });
}

/** Marks an entry as encrypted (general-purpose bit 0), as a password-protected ZIP would. */
export const markEncrypted = (zip: Buffer, name: string | Buffer): Buffer =>
  setFlags(zip, name, (flags) => flags | 0x1);

/** Sets the compression method of an entry (e.g. 12 = BZIP2, 14 = LZMA) in both headers. */
export function setCompressionMethod(zip: Buffer, name: string | Buffer, method: number): Buffer {
  return patch(zip, (copy) => {
    for (const record of recordsNamed(zip, name)) {
      copy.writeUInt16LE(method, record.centralOffset + 10);
      copy.writeUInt16LE(method, record.localOffset + 8);
    }
  });
}

/**
 * Makes the central directory lie about an entry's sizes. Declaring a smaller uncompressed size than the
 * real data is the classic small bomb: every check made before reading passes, and only counting the
 * decompressed bytes catches it. (Local headers are not touched: readers that follow the spec ignore them.)
 */
export function declareSizes(
  zip: Buffer,
  name: string | Buffer,
  sizes: { uncompressedSize?: number; compressedSize?: number },
): Buffer {
  return patch(zip, (copy) => {
    for (const record of recordsNamed(zip, name)) {
      if (sizes.compressedSize !== undefined)
        copy.writeUInt32LE(sizes.compressedSize, record.centralOffset + 20);
      if (sizes.uncompressedSize !== undefined)
        copy.writeUInt32LE(sizes.uncompressedSize, record.centralOffset + 24);
    }
  });
}

/** Flips one byte inside an entry's data (for a stored entry: a CRC mismatch; deflated: usually an inflate error). */
export function corruptEntryData(zip: Buffer, name: string | Buffer, at = 0): Buffer {
  return patch(zip, (copy) => {
    const [record] = recordsNamed(zip, name);
    if (!record || at >= record.compressedSize) throw new Error('offset outside the entry data');
    const offset = record.dataOffset + at;
    copy.writeUInt8((copy.readUInt8(offset) ^ 0xff) & 0xff, offset);
  });
}

/** Keeps only the first `length` bytes (a negative length drops that many bytes from the end). */
export const truncateZip = (zip: Buffer, length: number): Buffer =>
  Buffer.from(zip.subarray(0, length < 0 ? zip.length + length : length));

/** Breaks the signature of the first central-directory header, leaving the end record intact. */
export function corruptCentralDirectory(zip: Buffer): Buffer {
  const [first] = readRecords(zip);
  if (!first) throw new Error('the archive has no entries');
  return patch(zip, (copy) => copy.writeUInt32LE(0xdeadbeef, first.centralOffset));
}

/** Rewrites the entry count of the end record (e.g. to claim more entries than the directory holds). */
export function declareEntryCount(zip: Buffer, count: number): Buffer {
  return patch(zip, (copy) => {
    copy.writeUInt16LE(count, copy.length - END_RECORD_BYTES + 8);
    copy.writeUInt16LE(count, copy.length - END_RECORD_BYTES + 10);
  });
}

/**
 * Adds a second central-directory record pointing at an existing entry's local header, under another name
 * of the same length: the "overlapping entries" technique of non-recursive ZIP bombs.
 */
export function addOverlappingEntry(zip: Buffer, existing: string, alias: string): Buffer {
  const records = readRecords(zip);
  const source = records.find((record) => record.name.equals(Buffer.from(existing)));
  if (!source) throw new Error(`no entry named ${existing}`);
  const end = zip.length - END_RECORD_BYTES;
  const centralStart = zip.readUInt32LE(end + 16);
  const headerLength =
    46 +
    zip.readUInt16LE(source.centralOffset + 28) +
    zip.readUInt16LE(source.centralOffset + 30) +
    zip.readUInt16LE(source.centralOffset + 32);
  const copy = Buffer.from(zip.subarray(source.centralOffset, source.centralOffset + headerLength));
  const aliasBytes = Buffer.from(alias);
  if (aliasBytes.length !== source.name.length) throw new Error('alias must have the same length');
  aliasBytes.copy(copy, 46);
  const endRecord = Buffer.from(zip.subarray(end));
  const count = endRecord.readUInt16LE(10) + 1;
  endRecord.writeUInt16LE(count, 8);
  endRecord.writeUInt16LE(count, 10);
  endRecord.writeUInt32LE(endRecord.readUInt32LE(12) + headerLength, 12);
  endRecord.writeUInt32LE(centralStart, 16);
  return Buffer.concat([zip.subarray(0, end), copy, endRecord]);
}

/** An archive of `count` tiny files (`f00001.csv`, …), for entry-count limits. */
export const buildManyEntries = (count: number): Promise<Buffer> =>
  buildZip(
    Array.from({ length: count }, (_, i) => ({ name: `f${String(i).padStart(5, '0')}.csv`, content: 'a\n' })),
  );

/** Whether a buffer starts with a local file header (sanity check for helpers). */
export const startsLikeZip = (zip: Buffer): boolean => zip.length >= 4 && zip.readUInt32LE(0) === SIG_LOCAL;
