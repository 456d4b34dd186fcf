/**
 * Odd uploads that must not corrupt stored data (issue #8): exports without entry times, entry times in the
 * future, files misnamed as another kind, UTF-16 files and the 2020 messages.csv era.
 */
import { describe, expect, it } from 'vitest';
import type { DayActivity } from '../../shared/domain/kinds';
import { readExport } from '../../shared/export/read-export';
import { bufferSource } from '../../shared/export/sources';
import { openArchive } from '../../shared/export/zip';
import { ingestExport } from '../../shared/ingest/ingest-export';
import { MemoryStore } from '../support/memory-store';
import { buildZip, type ZipFileSpec } from '../support/zip-builder';

/** What re-zipping tools without times write: the DOS epoch, 1980-01-01 00:00 (local time, as yazl writes it). */
const DOS_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

const reactionsCsv = (dates: string[]) => `Date,Type,Link\n${dates.map((d) => `${d},LIKE,x`).join('\n')}\n`;

const ingestAt = (store: MemoryStore, bytes: Buffer, uploadedAt: string, key: string) =>
  ingestExport(store, {
    memberId: 'ana',
    objectKey: `exports/ana/${key}.zip`,
    openSource: async () => bufferSource(bytes),
    now: () => new Date(uploadedAt),
  });

const reading = async (files: ZipFileSpec[], uploadedAt = new Date('2026-03-06T00:00:00Z')) => {
  const archive = await openArchive(bufferSource(await buildZip(files)));
  try {
    return await readExport(archive, { uploadedAt });
  } finally {
    await archive.close();
  }
};

const countsOn = (days: DayActivity[]) => Object.fromEntries(days.map((d) => [d.day, d.counts]));

describe('production time of an export without entry times', () => {
  // The newer export, produced 2026-03-05, holds reactions up to March; the older one (produced in February,
  // re-zipped without times) is uploaded after it.
  const newer = () =>
    buildZip([
      {
        name: 'Reactions.csv',
        content: reactionsCsv(['2026-02-01 10:00:00', '2026-03-01 09:00:00', '2026-03-01 10:00:00']),
        mtime: new Date('2026-03-05T12:00:00Z'),
      },
    ]);
  const olderRezipped = () =>
    buildZip([
      {
        name: 'Reactions.csv',
        content: reactionsCsv(['2026-01-20 10:00:00', '2026-02-01 10:00:00', '2026-02-01 11:00:00']),
        mtime: DOS_EPOCH,
      },
    ]);

  it('takes the latest activity as a lower bound and says so in the manifest', async () => {
    const manifest = await ingestAt(new MemoryStore(), await olderRezipped(), '2026-04-01T00:00:00Z', 'old');
    expect(manifest).toMatchObject({
      exportedAt: '2026-02-01T11:00:00.000Z',
      producedAtSource: 'activity',
      coverage: { reaction: { from: '2026-01-20', to: '2026-02-01' } },
    });
  });

  it('does not zero the newer export’s days, whichever arrives first', async () => {
    for (const order of [
      ['newer', 'older'],
      ['older', 'newer'],
    ]) {
      const store = new MemoryStore();
      for (const which of order) {
        const bytes = which === 'newer' ? await newer() : await olderRezipped();
        await ingestAt(
          store,
          bytes,
          which === 'newer' ? '2026-03-05T13:00:00Z' : '2026-04-01T00:00:00Z',
          which,
        );
      }
      expect(countsOn(await store.readDays('ana', '2026-01-01', '2026-12-31'))).toEqual({
        '2026-01-20': { reaction: 1 },
        '2026-02-01': { reaction: 1 }, // the newer export's count on the day both describe
        '2026-03-01': { reaction: 2 },
      });
    }
  });

  it('ranks the upload time (no dated row at all) below a real production time', async () => {
    const store = new MemoryStore();
    const real = await buildZip([
      {
        name: 'Reactions.csv',
        content: reactionsCsv(['2026-03-05 08:00:00']),
        mtime: new Date('2026-03-05T12:00:00Z'),
      },
    ]);
    await ingestAt(store, real, '2026-03-05T12:30:00Z', 'real');
    // Header only, no times: it says nothing about 2026-03-05 that should outrank the real export.
    const empty = await buildZip([{ name: 'Reactions.csv', content: 'Date,Type,Link\n', mtime: DOS_EPOCH }]);
    const manifest = await ingestAt(store, empty, '2026-03-05T18:00:00Z', 'empty');
    expect(manifest).toMatchObject({ producedAtSource: 'upload', exportedAt: '2026-03-05T18:00:00.000Z' });
    expect(countsOn(await store.readDays('ana', '2026-03-01', '2026-03-31'))).toEqual({
      '2026-03-05': { reaction: 1 },
    });
  });

  it('records entries as the source of an ordinary export', async () => {
    const manifest = await ingestAt(new MemoryStore(), await newer(), '2026-03-05T13:00:00Z', 'newer');
    expect(manifest).toMatchObject({ exportedAt: '2026-03-05T12:00:00.000Z', producedAtSource: 'entries' });
  });
});

describe('rows after the upload', () => {
  it('bounds rows by the upload time when entry times lie in the future', async () => {
    const uploadedAt = '2026-03-05T12:00:00Z';
    const bytes = await buildZip([
      {
        name: 'Reactions.csv',
        // 3 days after the upload; the entries claim a production time 46 h after it.
        content: reactionsCsv(['2026-03-04 10:00:00', '2026-03-08 12:00:00']),
        mtime: new Date('2026-03-07T10:00:00Z'),
      },
    ]);
    const store = new MemoryStore();
    const manifest = await ingestAt(store, bytes, uploadedAt, 'future');
    expect(manifest.exportedAt).toBe('2026-03-05T12:00:00.000Z');
    expect(manifest.rejectedRows).toBe(1);
    expect(manifest.filesRecognised[0]?.samples[0]?.reason).toBe('date after the export was produced');
    expect(countsOn(await store.readDays('ana', '2026-01-01', '2026-12-31'))).toEqual({
      '2026-03-04': { reaction: 1 },
    });
    expect(manifest.coverage.reaction?.to).toBe('2026-03-05');
  });
});

describe('a file whose name and header disagree', () => {
  const mtime = new Date('2026-03-05T12:00:00Z');

  it('reads reactions data named InstantReposts.csv as reactions, and says so', async () => {
    const result = await reading([
      {
        name: 'InstantReposts.csv',
        content: reactionsCsv(['2026-03-01 10:00:00', '2026-03-02 10:00:00']),
        mtime,
      },
    ]);
    expect(result.rowsPerKind).toEqual({ reaction: 2 });
    expect(result.windows.repost).toBeUndefined();
    expect(result.files[0]).toMatchObject({
      path: 'InstantReposts.csv',
      type: 'Reactions',
      note: expect.stringMatching(/named like InstantReposts.*header.*Reactions/),
    });
  });

  it('still reads a real InstantReposts file with a column LinkedIn added later', async () => {
    const result = await reading([
      {
        name: 'InstantReposts_123.csv',
        content: 'Date,Link,Visibility\n2026-03-01 10:00:00,x,PUBLIC\n',
        mtime,
      },
    ]);
    expect(result.rowsPerKind).toEqual({ repost: 1 });
    expect(result.files[0]?.note).toBeUndefined();
  });

  it('skips a file whose header fits several other kinds, naming them', async () => {
    const result = await reading([
      {
        name: 'InstantReposts.csv',
        content: 'Date,Type,Link,OptionText\n2026-03-01 10:00:00,LIKE,x,y\n',
        mtime,
      },
    ]);
    expect(result.rowsPerKind).toEqual({});
    expect(result.ignored).toEqual([
      {
        path: 'InstantReposts.csv',
        reason: expect.stringMatching(/named like InstantReposts.*Reactions.*Votes/),
      },
    ]);
  });
});

describe('UTF-16 files', () => {
  const mtime = new Date('2026-03-05T12:00:00Z');
  const text = reactionsCsv(['2026-03-01 10:00:00', '2026-03-02 10:00:00']);
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const utf16be = Buffer.from(utf16le).swap16(); // BOM becomes FE FF

  it.each([
    ['LE', utf16le],
    ['BE', utf16be],
  ])('reads a UTF-16 %s file with a byte-order mark, by name and by header', async (_, content) => {
    const result = await reading([
      { name: 'Reactions.csv', content, mtime },
      { name: 'my reactions copy.csv', content, mtime },
    ]);
    expect(result.files.map((f) => [f.type, f.rows, f.error])).toEqual([['Reactions', 2, undefined]]);
    expect(result.ignored).toEqual([
      { path: expect.any(String), reason: expect.stringMatching(/another Reactions/) },
    ]);
    expect(result.rowsPerKind).toEqual({ reaction: 2 });
  });
});

describe('the 2020 messages.csv era', () => {
  it('reads ISO dates without a zone as UTC and takes sent/received from DIRECTION', async () => {
    const result = await reading([
      {
        name: 'messages.csv',
        content: [
          'FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER',
          'Jane Doe,Bob Smith,2019-11-06T02:08:20,,"Hi Bob, long time",OUTGOING,INBOX',
          'Bob Smith,Jane Doe,2019-11-06T23:59:59,Re:,"Hi, Jane",INCOMING,INBOX',
          'Carl Ray,Jane Doe,2019-11-07T00:00:00,,hello,INCOMING,INBOX',
        ].join('\n'),
        mtime: new Date('2020-02-10T12:00:00Z'),
      },
    ]);
    expect(result.rejectedRows).toBe(0);
    expect(result.rowsPerKind).toEqual({ message_sent: 1, message_received: 2 });
    expect(countsOn(result.days)).toEqual({
      '2019-11-06': { message_sent: 1, message_received: 1 },
      '2019-11-07': { message_received: 1 },
    });
  });
});
