import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IngestFailure } from '../../shared/domain/errors';
import { bufferSource, type RandomAccessSource } from '../../shared/export/sources';
import { type ExportArchive, formatBytes, openArchive } from '../../shared/export/zip';
import {
  addOverlappingEntry,
  buildManyEntries,
  buildZip,
  corruptCentralDirectory,
  corruptEntryData,
  declareEntryCount,
  declareSizes,
  markEncrypted,
  setCompressionMethod,
  truncateZip,
  type ZipFileSpec,
} from '../support/zip-builder';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readEntry(archive: ExportArchive, path: string): Promise<string> {
  const entry = archive.entries.find((candidate) => candidate.path === path);
  if (!entry) throw new Error(`no entry ${path}`);
  return (await readAll(await archive.openEntry(entry))).toString('utf8');
}

/** A source that records what is asked of it, to check I/O counts and that it is closed. */
function trackedSource(zip: Buffer) {
  const inner = bufferSource(zip, 'tracked');
  const calls: [number, number][] = [];
  let closes = 0;
  const source: RandomAccessSource = {
    size: inner.size,
    description: inner.description,
    createReadStream(start, end) {
      calls.push([start, end]);
      return inner.createReadStream(start, end);
    },
    async close() {
      closes += 1;
    },
  };
  return { source, calls, closes: () => closes };
}

async function failure(promise: Promise<unknown>): Promise<IngestFailure> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IngestFailure);
  return error as IngestFailure;
}

const open = async (files: ZipFileSpec[]) => openArchive(bufferSource(await buildZip(files)));

const profileCsv = 'First Name,Last Name,Headline\nAda,Lovelace,Analyst\n';
const sharesCsv = `Date,ShareLink,ShareCommentary\n${'2026-02-01 10:00:00,https://example.invalid/1,\n'.repeat(500)}`;

describe('openArchive on a normal export', () => {
  const files: ZipFileSpec[] = [
    { name: 'Profile.csv', content: profileCsv, mtime: new Date('2026-03-01T10:00:00Z') },
    { name: 'Shares.csv', content: sharesCsv, mtime: new Date('2026-03-01T10:05:00Z') },
    { name: 'Jobs/', content: '' },
    {
      name: 'Jobs/Job Applications.csv',
      content: 'Application Date\n',
      mtime: new Date('2026-03-01T10:01:00Z'),
    },
    { name: 'Articles/Articles/x.html', content: '<html></html>', store: true },
  ];

  it('lists files (not directories) in central-directory order with sizes and times', async () => {
    const archive = await open(files);
    expect(archive.entries.map((entry) => entry.path)).toEqual([
      'Profile.csv',
      'Shares.csv',
      'Jobs/Job Applications.csv',
      'Articles/Articles/x.html',
    ]);
    expect(archive.skipped).toEqual([]);
    const shares = archive.entries[1];
    expect(shares?.uncompressedSize).toBe(Buffer.byteLength(sharesCsv));
    expect(shares?.compressedSize).toBeLessThan(shares?.uncompressedSize ?? 0);
    expect(archive.entries[3]?.compressedSize).toBe(13); // stored
    expect(archive.entries[0]?.modifiedAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(archive.producedAt?.toISOString()).toBe('2026-03-01T12:00:00.000Z'); // x.html's default time
    await archive.close();
  });

  it('opens entries in any order and more than once', async () => {
    const archive = await open(files);
    expect(await readEntry(archive, 'Shares.csv')).toBe(sharesCsv);
    expect(await readEntry(archive, 'Profile.csv')).toBe(profileCsv);
    expect(await readEntry(archive, 'Articles/Articles/x.html')).toBe('<html></html>');
    expect(await readEntry(archive, 'Profile.csv')).toBe(profileCsv);
    const [a, b] = await Promise.all([readEntry(archive, 'Shares.csv'), readEntry(archive, 'Shares.csv')]);
    expect(a).toBe(sharesCsv);
    expect(b).toBe(sharesCsv);
    await archive.close();
  });

  it('rejects entries that are not its own and opening after close', async () => {
    const archive = await open(files);
    const profile = archive.entries[0];
    if (!profile) throw new Error('missing entry');
    await expect(archive.openEntry({ ...profile, path: 'Other.csv' })).rejects.toThrow(
      /not a readable entry/,
    );
    await archive.close();
    await expect(archive.openEntry(profile)).rejects.toThrow(/closed/);
  });

  it('takes producedAt from the latest plausible time only', async () => {
    const archive = await open([
      { name: 'a.csv', content: 'x', mtime: new Date('1980-01-01T00:00:00Z') },
      { name: 'b.csv', content: 'x', mtime: new Date('2025-06-30T08:00:00Z') },
      { name: 'c.csv', content: 'x', mtime: new Date('2038-01-01T00:00:00Z') },
    ]);
    expect(archive.producedAt?.toISOString()).toBe('2025-06-30T08:00:00.000Z');
    const none = await open([{ name: 'a.csv', content: 'x', mtime: new Date('1980-01-01T00:00:00Z') }]);
    expect(none.producedAt).toBeUndefined();
  });

  it('decodes UTF-8 names and CP437 names without the UTF-8 flag', async () => {
    const cp437 = Buffer.concat([Buffer.from('caf'), Buffer.from([0x82]), Buffer.from('.csv')]);
    const archive = await open([
      { name: 'Zoë.csv', content: 'a' },
      { name: cp437, content: 'b', utf8: false },
    ]);
    expect(archive.entries.map((entry) => entry.path)).toEqual(['Zoë.csv', 'café.csv']);
    expect(await readEntry(archive, 'café.csv')).toBe('b');
  });
});

describe('fingerprint', () => {
  const a = { name: 'Profile.csv', content: profileCsv };
  const b = { name: 'Shares.csv', content: sharesCsv };
  const fingerprint = async (files: ZipFileSpec[]) => (await open(files)).fingerprint;

  it('is a SHA-256 that depends on names and contents only', async () => {
    const base = await fingerprint([a, b]);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    // Same files: other order, other times, other compression ⇒ same fingerprint.
    expect(await fingerprint([b, a])).toBe(base);
    expect(
      await fingerprint([
        { ...a, mtime: new Date('2020-01-01Z') },
        { ...b, store: true },
      ]),
    ).toBe(base);
    // Directory records do not count.
    expect(await fingerprint([{ name: 'Jobs/', content: '' }, a, b])).toBe(base);
    // Different content, name or file set ⇒ different fingerprint.
    expect(await fingerprint([{ ...a, content: `${profileCsv}x` }, b])).not.toBe(base);
    expect(await fingerprint([{ ...a, name: 'profile.csv' }, b])).not.toBe(base);
    expect(await fingerprint([a])).not.toBe(base);
  });
});

describe('archive-level failures', () => {
  it('refuses empty files and non-ZIP bytes', async () => {
    expect((await failure(openArchive(bufferSource(Buffer.alloc(0))))).reason).toBe(
      'empty file, not a ZIP archive',
    );
    const text = Buffer.from('Date,Link\n2026-01-01,https://example.invalid\n');
    expect((await failure(openArchive(bufferSource(text)))).reason).toBe(
      'not a ZIP archive (no end-of-central-directory record found)',
    );
  });

  it('recognises a truncated upload', async () => {
    const zip = await buildZip([{ name: 'Shares.csv', content: sharesCsv }]);
    const truncated = await failure(openArchive(bufferSource(truncateZip(zip, Math.floor(zip.length / 2)))));
    expect(truncated.reason).toBe(
      'the ZIP archive is truncated or corrupt (its end-of-central-directory record is missing: the upload looks incomplete)',
    );
    expect(truncated.permanent).toBe(true);
  });

  it('reports a corrupt central directory', async () => {
    const zip = corruptCentralDirectory(await buildZip([{ name: 'Profile.csv', content: profileCsv }]));
    expect((await failure(openArchive(bufferSource(zip)))).reason).toMatch(
      /^the ZIP archive is truncated or corrupt \(invalid central directory file header signature/,
    );
  });

  it('limits the number of entries before reading them', async () => {
    const { source, calls } = trackedSource(await buildManyEntries(30));
    const error = await failure(openArchive(source, { maxEntries: 20 }));
    expect(error.reason).toBe('the archive has 30 entries; the limit is 20');
    expect(calls).toHaveLength(1); // only the end record was read
  });

  it('applies the default entry limit of 5000', async () => {
    // The count is checked from the end record alone, so claiming 5001 entries is enough.
    const zip = declareEntryCount(await buildManyEntries(3), 5_001);
    const error = await failure(openArchive(bufferSource(zip)));
    expect(error.reason).toBe('the archive has 5001 entries; the limit is 5000');
  });

  it('limits the declared size of one entry', async () => {
    const zip = declareSizes(
      await buildZip([{ name: 'messages.csv', content: 'x'.repeat(1000) }]),
      'messages.csv',
      {
        uncompressedSize: Math.round(3.1 * 1024 ** 3),
        compressedSize: 2 * 1024 ** 3,
      },
    );
    expect((await failure(openArchive(bufferSource(zip)))).reason).toBe(
      "entry 'messages.csv' expands to 3.1 GiB, beyond the 2 GiB limit",
    );
  });

  it('limits the declared total', async () => {
    const files = ['a', 'b', 'c'].map((name) => ({ name: `${name}.csv`, content: randomBytes(1000) }));
    const error = await failure(
      openArchive(bufferSource(await buildZip(files)), { maxTotalUncompressedBytes: 2048 }),
    );
    expect(error.reason).toBe('entries expand to 2.9 KiB in total, beyond the 2 KiB limit');
  });

  it('refuses a suspicious compression ratio on large entries only', async () => {
    const zeros = Buffer.alloc(2 * 1024 ** 2);
    const error = await failure(
      openArchive(bufferSource(await buildZip([{ name: 'x.csv', content: zeros }]))),
    );
    expect(error.reason).toMatch(
      /^entry 'x\.csv' is compressed \d+:1, above the 200:1 limit \(a possible ZIP bomb\)$/,
    );
    // Below 1 MiB a high ratio is normal (header-only files, runs of commas).
    const small = await open([{ name: 'y.csv', content: Buffer.alloc(512 * 1024) }]);
    expect(small.entries).toHaveLength(1);
  });
});

describe('per-entry problems skip the entry', () => {
  it('skips encrypted entries', async () => {
    const zip = markEncrypted(
      await buildZip([
        { name: 'Profile.csv', content: profileCsv },
        { name: 'Secret.csv', content: 'x' },
      ]),
      'Secret.csv',
    );
    const archive = await openArchive(bufferSource(zip));
    expect(archive.skipped).toEqual([
      { path: 'Secret.csv', reason: 'encrypted entry; pillarwatch cannot read password-protected files' },
    ]);
    expect(await readEntry(archive, 'Profile.csv')).toBe(profileCsv);
  });

  it('skips unsafe names instead of failing the archive', async () => {
    const archive = await open([
      { name: '../evil.csv', content: 'x' },
      { name: '/etc/passwd', content: 'x' },
      { name: 'C:/boot.ini', content: 'x' },
      { name: 'Jobs\\x.csv', content: 'x' },
      { name: 'Jobs/../../x.csv', content: 'x' },
      { name: 'bad\nname.csv', content: 'x' },
      { name: 'Profile.csv', content: profileCsv },
    ]);
    expect(archive.entries.map((entry) => entry.path)).toEqual(['Profile.csv']);
    expect(archive.skipped).toEqual([
      { path: '../evil.csv', reason: "unsafe file name (a '..' segment points outside the archive)" },
      { path: '/etc/passwd', reason: 'unsafe file name (absolute path)' },
      { path: 'C:/boot.ini', reason: 'unsafe file name (absolute path)' },
      { path: 'Jobs\\x.csv', reason: 'unsafe file name (contains a backslash)' },
      { path: 'Jobs/../../x.csv', reason: "unsafe file name (a '..' segment points outside the archive)" },
      { path: 'bad?name.csv', reason: 'unsafe file name (control characters)' },
    ]);
    expect(await readEntry(archive, 'Profile.csv')).toBe(profileCsv);
  });

  it('keeps the first of duplicate names', async () => {
    const archive = await open([
      { name: 'Shares.csv', content: 'first' },
      { name: 'Shares.csv', content: 'second' },
    ]);
    expect(archive.entries).toHaveLength(1);
    expect(archive.skipped).toEqual([
      { path: 'Shares.csv', reason: 'duplicate name; the first entry with this name is used' },
    ]);
    expect(await readEntry(archive, 'Shares.csv')).toBe('first');
  });

  it('skips unsupported compression methods', async () => {
    const zip = setCompressionMethod(await buildZip([{ name: 'a.csv', content: 'x' }]), 'a.csv', 12);
    const archive = await openArchive(bufferSource(zip));
    expect(archive.entries).toEqual([]);
    expect(archive.skipped).toEqual([
      {
        path: 'a.csv',
        reason:
          'compressed with BZIP2, which pillarwatch cannot read (only Stored and Deflate are supported)',
      },
    ]);
  });

  it('skips stored entries with contradictory sizes and overlapping entries', async () => {
    let zip = await buildZip([
      { name: 'a.csv', content: 'aaaa', store: true },
      { name: 'b.csv', content: 'bbbb', store: true },
    ]);
    zip = declareSizes(zip, 'b.csv', { uncompressedSize: 40 });
    zip = addOverlappingEntry(zip, 'a.csv', 'c.csv');
    const archive = await openArchive(bufferSource(zip));
    expect(archive.entries.map((entry) => entry.path)).toEqual(['a.csv']);
    expect(archive.skipped).toEqual([
      {
        path: 'b.csv',
        reason: 'stored (uncompressed) entry whose header gives two different sizes; the archive is corrupt',
      },
      {
        path: 'c.csv',
        reason: "shares its data with entry 'a.csv' (overlapping entries, a ZIP-bomb technique)",
      },
    ]);
  });
});

describe('streamed data is checked against the central directory', () => {
  const text = 'Date,Link\n'.repeat(10_000);

  it('fails the stream when an entry holds more data than declared (a small bomb)', async () => {
    const zip = declareSizes(await buildZip([{ name: 'x.csv', content: text }]), 'x.csv', {
      uncompressedSize: 1000,
    });
    const archive = await openArchive(bufferSource(zip));
    expect(archive.entries[0]?.uncompressedSize).toBe(1000);
    const error = await failure(readEntry(archive, 'x.csv'));
    expect(error.reason).toBe(
      "entry 'x.csv' holds more data than its header declares (1000 bytes); a possible ZIP bomb",
    );
  });

  it('fails the stream when an entry holds less data than declared', async () => {
    const zip = declareSizes(await buildZip([{ name: 'x.csv', content: text }]), 'x.csv', {
      uncompressedSize: text.length + 10,
    });
    const error = await failure(readEntry(await openArchive(bufferSource(zip)), 'x.csv'));
    expect(error.reason).toBe(
      "entry 'x.csv' holds less data than its header declares (97.7 KiB of 97.7 KiB); the archive is truncated or corrupt",
    );
  });

  it('verifies the CRC-32', async () => {
    const zip = corruptEntryData(await buildZip([{ name: 'x.csv', content: text, store: true }]), 'x.csv', 5);
    const error = await failure(readEntry(await openArchive(bufferSource(zip)), 'x.csv'));
    expect(error.reason).toBe("entry 'x.csv' is corrupt (its CRC-32 checksum does not match)");
  });

  it('names the entry when its compressed data is corrupt', async () => {
    const zip = corruptEntryData(await buildZip([{ name: 'x.csv', content: text }]), 'x.csv', 0);
    const error = await failure(readEntry(await openArchive(bufferSource(zip)), 'x.csv'));
    expect(error.reason).toMatch(/^entry 'x\.csv' /);
  });
});

describe('I/O and resources', () => {
  it('reads the central directory with one request and a small entry with one more', async () => {
    const files: ZipFileSpec[] = Array.from({ length: 100 }, (_, i) => ({
      name: `Folder/File ${i}.csv`,
      content: `a,b\n${i}\n`,
    }));
    // A large last entry keeps the small ones out of the window read with the central directory.
    files.push({ name: 'messages.csv', content: randomBytes(300_000) });
    const { source, calls } = trackedSource(await buildZip(files));
    const archive = await openArchive(source);
    expect(archive.entries).toHaveLength(101);
    expect(calls).toHaveLength(1);
    expect(await readEntry(archive, 'Folder/File 42.csv')).toBe('a,b\n42\n');
    expect(calls).toHaveLength(2);
    // A large entry: at most its local header, then all its data as one range.
    const big = archive.entries[100];
    if (!big) throw new Error('missing entry');
    expect(await readAll(await archive.openEntry(big))).toEqual(files[100]?.content);
    expect(calls.length).toBeLessThanOrEqual(4);
    const [start, end] = calls.at(-1) ?? [0, 0];
    expect(end - start).toBe(big.compressedSize);
    expect(calls.reduce((sum, [start, end]) => sum + end - start, 0)).toBeLessThan(source.size + 200_000);
    await archive.close();
  });

  it('closes the source on close, after a failure, and after an abandoned stream', async () => {
    const zip = await buildZip([{ name: 'Shares.csv', content: sharesCsv.repeat(20) }]);

    const normal = trackedSource(zip);
    const archive = await openArchive(normal.source);
    const entry = archive.entries[0];
    if (!entry) throw new Error('missing entry');
    const stream = await archive.openEntry(entry);
    for await (const _chunk of stream) break; // abandon mid-way: destroys the stream
    await archive.close();
    await archive.close();
    expect(normal.closes()).toBe(1);

    const failing = trackedSource(zip);
    await failure(openArchive(failing.source, { maxEntries: 0 }));
    expect(failing.closes()).toBe(1);

    const notZip = trackedSource(Buffer.from('not a zip at all'));
    await failure(openArchive(notZip.source));
    expect(notZip.closes()).toBe(1);
  });

  it('passes errors of the source through unchanged (they may be transient)', async () => {
    const zip = await buildZip([{ name: 'Shares.csv', content: randomBytes(200_000) }]);
    const throttled = Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' });
    const inner = bufferSource(zip);
    let failFrom = Number.POSITIVE_INFINITY;
    const source: RandomAccessSource = {
      size: inner.size,
      description: 'flaky',
      createReadStream(start, end) {
        const stream = inner.createReadStream(start, end);
        if (start >= failFrom) process.nextTick(() => stream.destroy(throttled));
        return stream;
      },
    };
    const archive = await openArchive(source);
    failFrom = 0;
    await expect(readEntry(archive, 'Shares.csv')).rejects.toBe(throttled);

    failFrom = 0;
    await expect(openArchive(source)).rejects.toBe(throttled);
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(2.5 * 1024 ** 3)).toBe('2.5 GiB');
  });
});
