/**
 * The hostile-input corpus: uploads a member may send on purpose or by accident, each built by code (nothing
 * big is committed) and paired with the manifest a person should read afterwards. The same tables drive the
 * unit suite (ingest use case + in-memory store) and the integration suite (S3 server → queue → handler →
 * DynamoDB Local → API).
 *
 * Hand-built exports are dated February 2026 and produced on 2026-03-01 (`DEFAULT_MTIME`), inside and before
 * the good export stored first (2025-06 → 2026-04-15): whatever a hostile upload manages to apply, it may never
 * change a stored day. Cases derived from the good export itself carry the same data, so the same holds.
 */
import type { EventKind } from '../../../shared/domain/kinds';
import type { IngestManifest, IngestStatus } from '../../../shared/domain/manifest';
import {
  addOverlappingEntry,
  buildZip,
  corruptCentralDirectory,
  corruptEntryData,
  declareEntryCount,
  declareSizes,
  markEncrypted,
  readRecords,
  renameEntry,
  setCompressionMethod,
  truncateZip,
  type ZipFileSpec,
} from '../zip-builder';

export interface HostileCase {
  /** What is wrong with the upload, in a few words. */
  name: string;
  /** The upload's bytes; `good` is the member's good export (some cases are derived from it). */
  build: (good: Buffer) => Promise<Buffer>;
  status: IngestStatus;
  /** What the manifest's `reason` must say; null when there must be none (SUCCEEDED). */
  reason: RegExp | null;
  /** Must appear among the manifest's details: skipped and ignored entries, file errors, rejected rows. */
  detail?: RegExp;
  /** Rows per kind the manifest must report: the readable part was read, and read right. */
  rows?: Partial<Record<EventKind, number>>;
  undatedRows?: number;
  /** Memory is measured around this case. */
  big?: boolean;
}

/** The manifest's details as one text, one line per item, for `detail` patterns. */
export const manifestDetails = (manifest: IngestManifest): string =>
  [
    ...manifest.filesIgnored.map((f) => `ignored ${f.path}: ${f.reason}`),
    ...manifest.filesRecognised.flatMap((f) => [
      ...(f.error ? [`error ${f.path}: ${f.error}`] : []),
      ...f.samples.map((s) => `rejected ${s.file}:${s.line}: ${s.reason}`),
    ]),
  ].join('\n');

const MiB = 1024 ** 2;
const pad = (n: number) => String(n).padStart(2, '0');
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const zip = (...files: ZipFileSpec[]) => buildZip(files);
const hostile = (
  name: string,
  status: IngestStatus,
  reason: RegExp | null,
  build: HostileCase['build'],
  more: Partial<HostileCase> = {},
): HostileCase => ({ name, status, reason, build, ...more });

const REACTIONS_HEADER = 'Date,Type,Link';
const reaction = (day: number) =>
  `2026-02-${pad(day)} 10:00:00,LIKE,https://www.linkedin.com/feed/update/urn:li:activity:${day}`;
/** A well-formed file next to the hostile one: what can be read must still be read. */
const GOOD_REACTIONS: ZipFileSpec = {
  name: 'Reactions.csv',
  content: csv(REACTIONS_HEADER, reaction(2), reaction(3)),
};
const SHARES_HEADER = 'Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility';
const NESTED_BOMB = () => zip({ name: 'messages.csv', content: Buffer.alloc(50 * MiB) });

/** Deterministic letters that deflate poorly, so a big line is not mistaken for a bomb. */
const noise = (bytes: number): Buffer => {
  const out = Buffer.allocUnsafe(bytes);
  let state = 0x2545f491;
  for (let i = 0; i < bytes; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = 0x61 + ((state >>> 0) % 26);
  }
  return out;
};

/** Removes `length` bytes from the middle of the entry data: the central directory stays, offsets go wrong. */
const cutMiddle = (archive: Buffer, length: number): Buffer => {
  const records = readRecords(archive);
  const at = records[Math.floor(records.length / 2)]?.dataOffset ?? 0;
  return Buffer.concat([archive.subarray(0, at), archive.subarray(at + length)]);
};

/** The good export with one unrelated entry renamed: new content to read, not a re-upload of the stored one. */
const variantOf = (good: Buffer) => renameEntry(good, 'Events.csv', 'Event2.csv');

/** Tiny stored entries: thousands of them build in a fraction of a second. */
const tinyEntries = (count: number, name: (i: number) => string, content: string) =>
  zip(...Array.from({ length: count }, (_, i) => ({ name: name(i), content, store: true })));

/** The archive around the ZIP: junk before (a self-extractor stub) or after (a download page appended). */
const wrap = (archive: Buffer, before: string, after: string) =>
  Buffer.concat([Buffer.from(before), archive, Buffer.from(after)]);

export const ARCHIVE_CASES: HostileCase[] = [
  hostile('PDF bytes', 'FAILED', /^not a ZIP archive/, async () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')),
  hostile('empty file', 'FAILED', /^empty file, not a ZIP archive$/, async () => Buffer.alloc(0)),
  hostile('random bytes', 'FAILED', /^not a ZIP archive/, async () => noise(4096)),
  hostile(
    'a ZIP with no entries at all',
    'FAILED',
    /holds no LinkedIn export files/,
    async () => await zip(),
  ),
  hostile('truncated to half', 'FAILED', /truncated or corrupt.*upload looks incomplete/, async (good) =>
    truncateZip(good, Math.floor(good.length / 2)),
  ),
  hostile('last byte missing', 'FAILED', /truncated or corrupt/, async (good) => truncateZip(good, -1)),
  hostile('1 KiB cut out of the entry data', 'FAILED', /truncated or corrupt/, async (good) =>
    cutMiddle(good, 1024),
  ),
  hostile('a broken central directory', 'FAILED', /truncated or corrupt/, async (good) =>
    corruptCentralDirectory(good),
  ),
  hostile('the end record claims more entries', 'FAILED', /truncated or corrupt/, async (good) =>
    declareEntryCount(good, readRecords(good).length + 3),
  ),
  hostile('junk appended after the archive', 'FAILED', /truncated or corrupt|not a ZIP/, async (good) =>
    wrap(good, '', '<html>download complete</html>'),
  ),
  hostile(
    'a flipped byte in messages.csv',
    'FAILED',
    /^entry 'messages\.csv' (is corrupt|cannot be read)/,
    async (good) => corruptEntryData(variantOf(good), 'messages.csv', 100),
  ),
  // The central directory still lists the stored export's names, CRCs and sizes: a duplicate, never read.
  hostile(
    'the stored export again, with a flipped byte',
    'SUCCEEDED',
    /^identical to an export already ingested for this member; nothing changed$/,
    async (good) => corruptEntryData(good, 'messages.csv', 100),
  ),
  hostile(
    'messages.csv encrypted',
    'PARTIAL',
    /^1 archive entry skipped$/,
    async (good) => markEncrypted(variantOf(good), 'messages.csv'),
    { detail: /ignored messages\.csv: encrypted entry; pillarwatch cannot read password-protected files/ },
  ),
  hostile(
    'every entry encrypted',
    'FAILED',
    /no readable LinkedIn export files.*Reactions\.csv: encrypted entry/,
    async () => markEncrypted(await zip(GOOD_REACTIONS), 'Reactions.csv'),
  ),
  hostile(
    'an entry compressed with LZMA',
    'PARTIAL',
    /^1 archive entry skipped$/,
    async () =>
      setCompressionMethod(await zip(GOOD_REACTIONS, { name: 'Shares.csv', content: 'x' }), 'Shares.csv', 14),
    { detail: /Shares\.csv: compressed with LZMA, which pillarwatch cannot read/, rows: { reaction: 2 } },
  ),
  hostile(
    'a 1000:1 bomb (50 MiB of zeros)',
    'FAILED',
    /entry 'messages\.csv' is compressed 10\d\d:1, above the 200:1 limit \(a possible ZIP bomb\)/,
    NESTED_BOMB,
    { big: true },
  ),
  hostile(
    'a bomb that declares 1 KiB',
    'FAILED',
    /entry 'messages\.csv' holds more data than its header declares \(1 KiB\); a possible ZIP bomb/,
    async () => declareSizes(await NESTED_BOMB(), 'messages.csv', { uncompressedSize: 1024 }),
    { big: true },
  ),
  hostile(
    'overlapping entries',
    'PARTIAL',
    /^1 archive entry skipped$/,
    async () => addOverlappingEntry(await zip(GOOD_REACTIONS), 'Reactions.csv', 'Shares___.csv'),
    { detail: /shares its data with entry 'Reactions\.csv' \(overlapping entries/, rows: { reaction: 2 } },
  ),
  hostile(
    'a nested ZIP bomb next to a good file',
    'SUCCEEDED',
    null,
    async () =>
      zip(GOOD_REACTIONS, { name: 'Complete_LinkedInDataExport.zip', content: await NESTED_BOMB() }),
    {
      detail: /ignored Complete_LinkedInDataExport\.zip: not an activity or profile file/,
      rows: { reaction: 2 },
    },
  ),
  hostile(
    'only a nested ZIP',
    'FAILED',
    /holds no LinkedIn export files/,
    async (good) => zip({ name: 'export.zip', content: good }),
    { detail: /ignored export\.zip: not an activity/ },
  ),
  hostile(
    '10 000 tiny entries',
    'FAILED',
    /^the archive has 10000 entries; the limit is 5000$/,
    () => tinyEntries(10_000, (i) => `f${String(i).padStart(5, '0')}.csv`, 'a\n'),
    { big: true },
  ),
  hostile(
    '4 999 unknown CSVs (just under the entry limit)',
    'FAILED',
    /^the archive holds no LinkedIn export files/,
    () => tinyEntries(4_999, (i) => `junk/f${String(i).padStart(5, '0')}.csv`, 'Unknown,Columns\n1,2\n'),
    { big: true, detail: /ignored …: 4899 more ignored entries not listed/ },
  ),
  hostile(
    '2 000 entries with 1 000-character names',
    'FAILED',
    // Every reason is capped at 200 characters (+ …): the skipped name's own 200 are cut with it.
    /^the archive holds no readable LinkedIn export files; 2000 archive entries skipped \(first: 0000n+…$/,
    () => tinyEntries(2_000, (i) => `${String(i).padStart(4, '0')}${'n'.repeat(996)}`, 'x'),
    { big: true, detail: /ignored …: 1900 more ignored entries not listed/ },
  ),
  hostile(
    'Shares_ with a 60 000-digit member suffix',
    'PARTIAL',
    /^1 archive entry skipped$/,
    () => zip(GOOD_REACTIONS, { name: `Shares_${'1'.repeat(60_000)}.csv`, content: csv(SHARES_HEADER) }),
    {
      detail: /ignored Shares_1{193}…: file name longer than 255 characters \(60011\)/,
      rows: { reaction: 2 },
    },
  ),
];

export const NAME_CASES: HostileCase[] = [
  ...(
    [
      ['../Shares.csv', /'\.\.' segment points outside the archive/],
      ['../../../../etc/Shares.csv', /'\.\.' segment points outside the archive/],
      ['/etc/cron.d/Shares.csv', /absolute path/],
      ['C:/Windows/Shares.csv', /absolute path/],
      ['..\\..\\Shares.csv', /contains a backslash/],
      ['Sha\u0000res.csv', /control characters/],
      ['Sha\nres.csv', /control characters/],
    ] as const
  ).map(([name, detail]) =>
    hostile(
      `entry named ${JSON.stringify(name)}`,
      'PARTIAL',
      /^1 archive entry skipped$/,
      async () => zip(GOOD_REACTIONS, { name, content: csv(SHARES_HEADER) }),
      { detail: new RegExp(`: unsafe file name \\(.*${detail.source}`), rows: { reaction: 2 } },
    ),
  ),
  hostile('only unsafe names', 'FAILED', /no readable LinkedIn export files.*unsafe file name/, async () =>
    zip({ ...GOOD_REACTIONS, name: '../Reactions.csv' }),
  ),
  hostile(
    'Reactions.csv twice (the second would add a day)',
    'PARTIAL',
    /^1 archive entry skipped$/,
    async () => zip(GOOD_REACTIONS, { name: 'Reactions.csv', content: csv(REACTIONS_HEADER, reaction(20)) }),
    {
      detail: /Reactions\.csv: duplicate name; the first entry with this name is used/,
      rows: { reaction: 2 },
    },
  ),
];

const reactions = (...lines: string[]): Promise<Buffer> =>
  zip({ name: 'Reactions.csv', content: csv(REACTIONS_HEADER, ...lines) });

export const CSV_CASES: HostileCase[] = [
  hostile(
    'a wrong header, alone',
    'FAILED',
    /^no file could be read: Shares\.csv: the header lacks required column\(s\) date, sharelink, sharecommentary for Shares$/,
    () => zip({ name: 'Shares.csv', content: csv('Foo,Bar', '1,2') }),
  ),
  hostile(
    'a wrong header next to a good file',
    'PARTIAL',
    /^1 file\(s\) could not be read$/,
    () => zip(GOOD_REACTIONS, { name: 'Shares.csv', content: csv('Foo,Bar', '1,2') }),
    { detail: /error Shares\.csv: the header lacks required column/, rows: { reaction: 2 } },
  ),
  hostile(
    'a required column missing',
    'PARTIAL',
    /^1 file\(s\) could not be read$/,
    () => zip(GOOD_REACTIONS, { name: 'Votes.csv', content: csv('Date,Link', `2026-02-04 10:00:00,x`) }),
    { detail: /error Votes\.csv: the header lacks required column\(s\) date, link, optiontext for Votes/ },
  ),
  hostile(
    'rows missing their last columns',
    'PARTIAL',
    /^2 row\(s\) rejected$/,
    () =>
      zip({
        name: 'Reactions.csv',
        content: csv('Type,Link,Date', 'LIKE,x,2026-02-04 10:00:00', 'LIKE,x', 'LIKE,'),
      }),
    {
      detail: /rejected Reactions\.csv:3: missing date\nrejected Reactions\.csv:4: missing date/,
      rows: { reaction: 1 },
    },
  ),
  hostile(
    'extra columns in the header and the rows',
    'SUCCEEDED',
    null,
    () =>
      zip({
        name: 'Reactions.csv',
        content: csv(`${REACTIONS_HEADER},Extra,More`, `${reaction(4)},a,b,c,d,e`, reaction(5)),
      }),
    { rows: { reaction: 2 } },
  ),
  hostile(
    'invalid UTF-8 in a link',
    'SUCCEEDED',
    null,
    async () =>
      zip({
        name: 'Reactions.csv',
        content: Buffer.concat([
          Buffer.from(`${REACTIONS_HEADER}\n2026-02-04 10:00:00,LIKE,\xff`),
          Buffer.from([0xc3, 0x28, 0xfe, 0x0a]),
          Buffer.from(`${reaction(5)}\n`),
        ]),
      }),
    { rows: { reaction: 2 } },
  ),
  hostile(
    'invalid UTF-8 in a date',
    'PARTIAL',
    /^1 row\(s\) rejected$/,
    async () =>
      zip({
        name: 'Reactions.csv',
        content: Buffer.concat([
          Buffer.from(`${REACTIONS_HEADER}\n2026-02-0`),
          Buffer.from([0xff]),
          Buffer.from(` 10:00:00,LIKE,x\n${reaction(5)}\n`),
        ]),
      }),
    { detail: /Reactions\.csv:2: unreadable date/, rows: { reaction: 1 } },
  ),
  hostile(
    'invalid UTF-8 in the header',
    'FAILED',
    /^no file could be read: Reactions\.csv: the header lacks required column/,
    async () =>
      zip({
        name: 'Reactions.csv',
        content: Buffer.concat([
          Buffer.from('Da'),
          Buffer.from([0xff]),
          Buffer.from(`te,Type,Link\n${reaction(5)}\n`),
        ]),
      }),
  ),
  hostile(
    'a BOM in the middle of a row',
    'SUCCEEDED',
    null,
    () => reactions(reaction(4), `\uFEFF${reaction(5)}`, `2026-02-06 10:00:00,LI\uFEFFKE,x`),
    { rows: { reaction: 3 } },
  ),
  hostile(
    'a second file with its BOM and header pasted in',
    'PARTIAL',
    /^1 row\(s\) rejected$/,
    () => reactions(reaction(4), `\uFEFF${REACTIONS_HEADER}`, reaction(5)),
    { detail: /Reactions\.csv:3: unreadable date/, rows: { reaction: 2 } },
  ),
  hostile(
    'a 50 MB single line between good rows',
    'PARTIAL',
    /^1 row\(s\) rejected$/,
    async () =>
      zip({
        name: 'Reactions.csv',
        store: true,
        content: Buffer.concat([
          Buffer.from(`${REACTIONS_HEADER}\n${reaction(4)}\n2026-02-05 10:00:00,LIKE,`),
          noise(50 * MiB),
          Buffer.from(`\n${reaction(6)}\n`),
        ]),
      }),
    {
      detail: /Reactions\.csv:3: record longer than 1000000 characters; skipped/,
      rows: { reaction: 2 },
      big: true,
    },
  ),
  hostile(
    'a 50 MB file without a line break',
    'FAILED',
    /^no file could be read: Shares\.csv: the header lacks required column/,
    async () => zip({ name: 'Shares.csv', store: true, content: noise(50 * MiB) }),
    { detail: /Shares\.csv:1: record longer than 1000000 characters; skipped/, big: true },
  ),
  hostile(
    'an unterminated quote at EOF',
    'PARTIAL',
    /^1 row\(s\) rejected$/,
    () => reactions(reaction(4), '2026-02-05 10:00:00,LIKE,"https://x'),
    {
      detail: /Reactions\.csv:3: unterminated quoted field at end of file; record skipped/,
      rows: { reaction: 1 },
    },
  ),
  hostile(
    'an unterminated quote swallowing the rest of the file',
    'PARTIAL',
    /^1 row\(s\) rejected$/,
    () => reactions(reaction(4), '2026-02-05 10:00:00,"LIKE,x', reaction(6), reaction(7)),
    { detail: /Reactions\.csv:3: unterminated quoted field/, rows: { reaction: 1 } },
  ),
  hostile(
    'CRLF, LF and lone CR mixed',
    'SUCCEEDED',
    null,
    async () =>
      zip({
        name: 'Reactions.csv',
        content: `${REACTIONS_HEADER}\r\n${reaction(4)}\n${reaction(5)}\r${reaction(6)}\r\n\r\n${reaction(7)}`,
      }),
    { rows: { reaction: 4 } },
  ),
  hostile(
    'NUL bytes and binary noise named messages.csv',
    'FAILED',
    /^no file could be read: messages\.csv: the header lacks required column\(s\) from, to, date/,
    async () => zip({ name: 'messages.csv', content: Buffer.concat([Buffer.alloc(64), noise(10_000)]) }),
  ),
];

/** One file per date format: a good row, then the same date mangled in ways a real export could not hold. */
const dateCase = (
  format: string,
  file: string,
  header: string,
  good: string,
  mangled: string[],
  rows?: Partial<Record<EventKind, number>>,
): HostileCase =>
  hostile(
    `${format} mangled (${file})`,
    'PARTIAL',
    new RegExp(`^${mangled.length} row\\(s\\) rejected$`),
    () => zip({ name: file, content: csv(header, good, ...mangled) }),
    { detail: new RegExp(`${file.replace('.', '\\.')}:3: unreadable date`), rows },
  );

const MESSAGES_HEADER =
  'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS';
const message = (date: string) =>
  `c1,,Bob Smith,https://www.linkedin.com/in/bob,Jane Doe,https://www.linkedin.com/in/jane,${date},,hello,INBOX,`;
const invitation = (sentAt: string) =>
  `Jane Doe,Bob Smith,"${sentAt}",,OUTGOING,https://www.linkedin.com/in/jane,https://www.linkedin.com/in/bob`;
const legacyMessage = (date: string) => `Bob,Jane,"${date}",,hi,INCOMING,INBOX`;
const connection = (on: string) => `Bob,Smith,https://www.linkedin.com/in/bob,,Acme,Engineer,${on}`;
const richMedia = (prose: string) => `"You uploaded a photo ${prose}",,https://media.licdn.com/x`;

export const DATE_CASES: HostileCase[] = [
  dateCase(
    'YYYY-MM-DD HH:MM:SS',
    'Shares.csv',
    SHARES_HEADER,
    '2026-02-03 10:00:00,https://x,Hello,,,MEMBER_NETWORK',
    [
      '2026-02-30 10:00:00',
      '2026-13-03 10:00:00',
      '2026-02-03T10:00:00Z',
      '2026-02-03 10:00',
      'yesterday',
    ].map((date) => `${date},https://x,Hello,,,MEMBER_NETWORK`),
    { post: 1 },
  ),
  dateCase(
    'YYYY-MM-DD HH:MM:SS UTC',
    'messages.csv',
    MESSAGES_HEADER,
    message('2026-02-03 10:00:00 UTC'),
    [
      '2026-02-03 24:00:00 UTC',
      '2026-02-03 10:00:00 CET',
      '2026-02-03 10:00:60 UTC',
      '03-02-2026 10:00:00 UTC',
    ].map(message),
  ),
  dateCase(
    'YYYY/MM/DD HH:MM:SS UTC',
    'SearchQueries.csv',
    'Time,Search Query',
    '2026/02/03 10:00:00 UTC,sales',
    [
      '2026/02/29 10:00:00 UTC',
      '2026/02/03 10:00:00 PST',
      '2026/2/3 10:00:00 UTC',
      '2026\\02\\03 10:00:00 UTC',
    ].map((time, i) => `${time},query ${i}`),
    { search: 1 },
  ),
  dateCase(
    'M/D/YY, h:mm AM (US Pacific)',
    'Invitations.csv',
    'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl',
    invitation('2/3/26, 10:00 AM'),
    ['2/30/26, 10:00 AM', '2/3/26, 13:00 PM', '2/3/26 10:00 AM', '13/3/26, 10:00 AM', '2/3/26, 10:00'].map(
      invitation,
    ),
    { invitation_sent: 1 },
  ),
  dateCase(
    'MM/dd/YY, HH:mm a (~2018 Messages.csv)',
    'Messages.csv',
    'From,To,Date,Subject,Content,Direction,Folder',
    legacyMessage('02/03/26, 21:25 PM'),
    ['02/03/26, 25:25 PM', '02/03/26, 00:25 PM', '02/03/26', '02/31/26, 10:00 AM'].map(legacyMessage),
    { message_received: 1 },
  ),
  dateCase(
    'DD Mon YYYY',
    'Connections.csv',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    connection('03 Feb 2026'),
    ['31 Feb 2026', '03 Foo 2026', '2026-02-03', '03 February 2026', '3 Feb 26'].map(connection),
    { connection: 1 },
  ),
  dateCase(
    'Java Date.toString',
    'Company Follows.csv',
    'Organization,Followed On',
    'Acme,Tue Feb 03 10:00:00 UTC 2026',
    [
      'Tue Feb 30 10:00:00 UTC 2026',
      'Tue Feb 03 10:00:00 CET 2026',
      'Tue Feb 03 2026',
      'tue feb 03 10:00:00 UTC 2026',
    ].map((date) => `Acme,${date}`),
    { company_follow: 1 },
  ),
  dateCase(
    'prose "on March 9, 2026 at 2:58 PM (GMT)"',
    'Rich_Media.csv',
    'Date/Time,Media Description,Media Link',
    richMedia('on February 3, 2026 at 10:00 AM (GMT)'),
    [
      'on Febtober 3, 2026 at 10:00 AM (GMT)',
      'on February 3, 2026 at 13:00 PM (GMT)',
      'on February 3, 2026 at 10:00 AM (PST)',
      'on February 30, 2026 at 10:00 AM (GMT)',
    ].map(richMedia),
    { media_upload: 1 },
  ),
  hostile(
    'article file-name stamp mangled',
    'PARTIAL',
    /^2 row\(s\) rejected$/,
    () =>
      zip(
        ...[
          '2026-02-03 10_00_00.0-Good.html',
          '2026-02-30 10_00_00.0-Feb 30.html',
          '2026-02-03 25_00_00.0-Hour 25.html',
          'a-slug-named-article.html',
        ].map((name) => ({ name: `Articles/Articles/${name}`, content: '<html></html>' })),
      ),
    {
      detail: /unreadable date in the file name 'Articles\/Articles\/2026-02-30 10_00_00\.0-Feb 30\.html'/,
      rows: { article: 1 },
      undatedRows: 1,
    },
  ),
  hostile(
    'dates after the export was produced',
    'PARTIAL',
    /^2 row\(s\) rejected$/,
    () => reactions(reaction(4), '2026-03-03 10:00:00,LIKE,x', '2031-01-01 10:00:00,LIKE,x'),
    {
      detail: /Reactions\.csv:3: date after the export was produced\n.*Reactions\.csv:4: date after/,
      rows: { reaction: 1 },
    },
  ),
  hostile(
    'dates before LinkedIn existed',
    'PARTIAL',
    /^3 row\(s\) rejected$/,
    () =>
      reactions(
        reaction(4),
        '2003-05-04 23:59:59,LIKE,x',
        '1970-01-01 00:00:00,LIKE,x',
        '0024-02-04 10:00:00,LIKE,x',
      ),
    { detail: /Reactions\.csv:3: date before LinkedIn existed \(2003-05-05\)/, rows: { reaction: 1 } },
  ),
];
