import type { Readable } from 'node:stream';
import { ActivityAggregator } from '../domain/aggregate';
import { type Day, type DayActivity, type EventKind, isRollingHistoryKind } from '../domain/kinds';
import type { FileReport, IngestStatus } from '../domain/manifest';
import { type DayRange, type ProducedAtSource, windowOf } from '../domain/merge';
import { emptyProfile, type ProfileSnapshot } from '../domain/profile';
import { CsvTokenizer, ExportTextDecoder, tokenizeStream } from './csv';
import { Columns, type CsvFileType, normaliseColumn, type RowParser } from './csv-file-type';
import { utcDay } from './dates';
import { FileContext, type OwnerIdentity, RowDates } from './file-context';
import {
  ARTICLE_KIND,
  articleDate,
  fileTypeByName,
  fileTypesByHeader,
  hasArticleStamp,
  isArticlePath,
  normaliseFileName,
} from './file-types';
import { messagesFileType, OwnerVote } from './messages';
import type { ArchiveEntry, ExportArchive, SkippedEntry } from './zip';

/** Everything one export says, before it is merged with what is stored. */
export interface ExportReading {
  status: IngestStatus;
  reason?: string;
  fingerprint: string;
  exportedAt: string;
  producedAtSource: ProducedAtSource;
  exportDay: Day;
  files: FileReport[];
  ignored: { path: string; reason: string }[];
  days: DayActivity[];
  /** Per kind, the day ranges this export fully describes: there its counts replace stored ones. */
  windows: Partial<Record<EventKind, DayRange[]>>;
  rowsPerKind: Partial<Record<EventKind, number>>;
  undatedRows: number;
  rejectedRows: number;
  profile?: ProfileSnapshot;
}

export interface ReadOptions {
  /**
   * When the export was uploaded (the object's LastModified, else when the ingest started; default now): no
   * export is produced later, so it bounds the production time and the rows.
   */
  uploadedAt?: Date;
  /** Called as each file is read: progress for long exports. */
  onFile?: (path: string, type: string) => void;
}

/** How much of an unrecognised CSV is read to identify it by its header. */
const SNIFF_BYTES = 64 * 1024;

/** Ignored entries listed one by one; an archive of thousands of junk files must not bloat the manifest. */
export const MAX_IGNORED_LISTED = 100;

interface PlannedFile {
  entry: ArchiveEntry;
  type: CsvFileType;
  /** Why the file is read as another kind than its name says. */
  note?: string;
}

/**
 * Reads an export archive file by file, streaming each CSV through the tokenizer into the aggregator.
 * Profile files and Invitations go first because they identify the owner, whom messages and connections need.
 */
export const readExport = async (
  archive: ExportArchive,
  options: ReadOptions = {},
): Promise<ExportReading> => {
  const uploadedAt = options.uploadedAt ?? new Date();
  // Entry times ahead of the upload (a wrong clock, a crafted archive) are held to the upload time.
  const entriesTime = archive.producedAt;
  const fromEntries = entriesTime && new Date(Math.min(entriesTime.getTime(), uploadedAt.getTime()));
  const dates = new RowDates((fromEntries ?? uploadedAt).getTime());
  const aggregator = new ActivityAggregator();
  const owner: OwnerIdentity = {};
  const profile = emptyProfile('');
  const ignored: { path: string; reason: string }[] = archive.skipped.map(({ path, reason }) => ({
    path,
    reason,
  }));
  const { planned, articles } = await planFiles(archive, ignored);

  const files: FileReport[] = [];
  const kindsSeen = new Map<CsvFileType, EventKind[]>();
  for (const { entry, type, note } of planned) {
    options.onFile?.(entry.path, type.type);
    if (type === messagesFileType && owner.profileKey === undefined && owner.fullName === undefined) {
      owner.profileKey = await voteOwner(archive, entry, type, dates);
    }
    const ctx = new FileContext(entry.path, type.type, aggregator, owner, profile, dates);
    if (note) ctx.report.note = note;
    await readCsvFile(archive, entry, type, ctx);
    files.push(ctx.report);
    if (type.kinds.length === 0 && !ctx.report.error) profile.filesPresent.push(type.type);
    if (type.kinds.length > 0 && !ctx.report.error) kindsSeen.set(type, [...type.kinds]);
  }
  if (articles.length > 0) files.push(readArticles(articles, aggregator, owner, profile, dates));

  const { producedAt, producedAtSource } = productionTime(fromEntries, dates, uploadedAt);
  profile.exportedAt = producedAt.toISOString();

  const days = aggregator.toDays();
  const lastEventDay = days.at(-1)?.day;
  const producedDay = utcDay(producedAt.getTime());
  const exportDay = lastEventDay && lastEventDay > producedDay ? lastEventDay : producedDay;
  const windows: Partial<Record<EventKind, DayRange[]>> = {};
  for (const [type, kinds] of kindsSeen) {
    const ranges = windowOf(
      kinds.flatMap((kind) => aggregator.daysWith(kind)),
      exportDay,
      type.kinds.every(isRollingHistoryKind) ? 'rolling' : 'full',
    );
    // A file present without dated rows still shows its kinds were empty on the export day: observed, not unknown.
    for (const kind of kinds)
      windows[kind] = ranges.length > 0 ? ranges : [{ from: exportDay, to: exportDay }];
  }
  if (articles.length > 0) {
    const ranges = windowOf(aggregator.daysWith(ARTICLE_KIND), exportDay, 'full');
    if (ranges.length > 0) windows[ARTICLE_KIND] = ranges;
  }

  const rejectedRows = files.reduce((sum, file) => sum + file.rejected, 0);
  const failedFiles = files.filter((file) => file.error);
  const recognised = files.length - failedFiles.length;
  const status: IngestStatus =
    recognised === 0
      ? 'FAILED'
      : rejectedRows > 0 || failedFiles.length > 0 || archive.skipped.length > 0
        ? 'PARTIAL'
        : 'SUCCEEDED';
  return {
    status,
    reason: statusReason(status, files, failedFiles, rejectedRows, archive.skipped),
    fingerprint: archive.fingerprint,
    exportedAt: producedAt.toISOString(),
    producedAtSource,
    exportDay,
    files,
    ignored: listedIgnored(ignored),
    days,
    windows,
    rowsPerKind: aggregator.totals(),
    undatedRows: files.reduce((sum, file) => sum + file.undated, 0),
    rejectedRows,
    profile: profile.filesPresent.length > 0 ? profile : undefined,
  };
};

/**
 * The entries' time when the archive has one. Without (a re-zip that wrote the DOS epoch), the latest row
 * instant: the export cannot be older than its own activity, and an older export must not pass for a newer
 * one. The upload time only when no row is dated; the merge ranks that guess below every attested time.
 */
const productionTime = (
  fromEntries: Date | undefined,
  dates: RowDates,
  uploadedAt: Date,
): { producedAt: Date; producedAtSource: ProducedAtSource } => {
  if (fromEntries) return { producedAt: fromEntries, producedAtSource: 'entries' };
  if (dates.latestSeenMs !== undefined)
    return {
      producedAt: new Date(Math.min(dates.latestSeenMs, uploadedAt.getTime())),
      producedAtSource: 'activity',
    };
  return { producedAt: uploadedAt, producedAtSource: 'upload' };
};

const statusReason = (
  status: IngestStatus,
  files: FileReport[],
  failedFiles: FileReport[],
  rejectedRows: number,
  skipped: readonly SkippedEntry[],
): string | undefined => {
  const skippedCount = `${skipped.length} archive entr${skipped.length === 1 ? 'y' : 'ies'} skipped`;
  if (status === 'FAILED') {
    if (files.length > 0)
      return `no file could be read: ${failedFiles.map((f) => `${f.path}: ${f.error}`).join('; ')}`;
    // Say why when the export files are there but unreadable (all encrypted, unsafe names, …).
    const [first] = skipped;
    if (first) {
      const example = `${skipped.length === 1 ? '' : 'first: '}${first.path}: ${first.reason}`;
      return `the archive holds no readable LinkedIn export files; ${skippedCount} (${example})`;
    }
    return 'the archive holds no LinkedIn export files (looked for Connections.csv, messages.csv, Shares.csv, Invitations.csv, …)';
  }
  if (status === 'SUCCEEDED') return undefined;
  const parts: string[] = [];
  if (failedFiles.length > 0) parts.push(`${failedFiles.length} file(s) could not be read`);
  if (rejectedRows > 0) parts.push(`${rejectedRows} row(s) rejected`);
  if (skipped.length > 0) parts.push(skippedCount);
  return parts.join(', ');
};

const listedIgnored = (ignored: { path: string; reason: string }[]): { path: string; reason: string }[] =>
  ignored.length <= MAX_IGNORED_LISTED
    ? ignored
    : [
        ...ignored.slice(0, MAX_IGNORED_LISTED),
        { path: '…', reason: `${ignored.length - MAX_IGNORED_LISTED} more ignored entries not listed` },
      ];

/** Decides which entry is read as which file type, and in which order. */
const planFiles = async (archive: ExportArchive, ignored: { path: string; reason: string }[]) => {
  const chosen = new Map<CsvFileType, { entry: ArchiveEntry; suffixed: boolean; note?: string }>();
  const articles: ArchiveEntry[] = [];
  const choose = (type: CsvFileType, entry: ArchiveEntry, suffixed: boolean, note?: string) => {
    const current = chosen.get(type);
    // Prefer the unsuffixed file when both `Shares.csv` and `Shares_123.csv` exist.
    if (!current || (current.suffixed && !suffixed)) {
      if (current)
        ignored.push({
          path: current.entry.path,
          reason: `another ${type.type} file was used: ${entry.path}`,
        });
      chosen.set(type, { entry, suffixed, note });
    } else {
      ignored.push({ path: entry.path, reason: `another ${type.type} file was used: ${current.entry.path}` });
    }
  };
  for (const entry of archive.entries) {
    if (isArticlePath(entry.path)) {
      articles.push(entry);
      continue;
    }
    const byName = fileTypeByName(entry.path);
    const known = knownNonActivity(entry.path);
    if (known) {
      ignored.push({ path: entry.path, reason: known });
    } else if (byName?.type.byNameOnly) {
      choose(byName.type, entry, byName.suffixed);
    } else if (byName) {
      // The header has the last word when it has columns that distinguish another kind: a file named like one
      // kind may hold another's data. A header with fewer columns than its name's kind is that kind, damaged
      // (reported as such), not a kind whose columns happen to be a subset.
      const named = byName.type;
      const fits = (await headerKinds(archive, entry, named.headerSearchLines ?? 1)).filter(
        (t) => t === named || t.required.some((column) => !named.required.includes(column)),
      );
      const name = named.type;
      const [only] = fits;
      if (fits.length === 0 || fits.includes(named)) choose(named, entry, byName.suffixed);
      else if (only && fits.length === 1)
        // Counted as a renamed file: a file that is really of this kind by name wins over it.
        choose(
          only,
          entry,
          true,
          `named like ${name} but its header is that of ${only.type}; read as ${only.type}`,
        );
      else
        ignored.push({
          path: entry.path,
          reason: `named like ${name} but its header fits ${fits.map((t) => t.type).join(', ')}; skipped`,
        });
    } else if (/\.csv$/i.test(entry.path)) {
      const fits = await headerKinds(archive, entry, 1);
      const [only] = fits;
      if (only && fits.length === 1) choose(only, entry, true);
      else if (fits.length > 1)
        ignored.push({
          path: entry.path,
          reason: `its header fits ${fits.map((t) => t.type).join(', ')} alike; skipped`,
        });
      else ignored.push({ path: entry.path, reason: 'not an activity or profile file pillarwatch reads' });
    } else {
      ignored.push({ path: entry.path, reason: 'not an activity or profile file pillarwatch reads' });
    }
  }
  const rank = (type: CsvFileType) => (type.early ? 0 : type === messagesFileType ? 2 : 1);
  const planned: PlannedFile[] = [...chosen]
    .map(([type, { entry, note }]) => ({ entry, type, note }))
    .sort((a, b) => rank(a.type) - rank(b.type));
  return { planned, articles };
};

/** The kinds the first header-like record (within `searchLines` records, for preambles) fits; [] when none. */
const headerKinds = async (
  archive: ExportArchive,
  entry: ArchiveEntry,
  searchLines: number,
): Promise<CsvFileType[]> => {
  for (const record of await sniffRecords(archive, entry, searchLines)) {
    const fits = fileTypesByHeader(record);
    if (fits.length > 0) return fits;
  }
  return [];
};

/**
 * Files shaped like activity files that are not the member's activity: LinkedIn Learning's coach chats have
 * a messages-like header, so header sniffing alone would count them as messages.
 */
const knownNonActivity = (path: string): string | undefined => {
  const base = normaliseFileName(path)?.base ?? '';
  return /^(guide|coach|learningcoach|learningroleplay)messages$/.test(base)
    ? 'LinkedIn Learning coach chat, not messages between members'
    : undefined;
};

/** The first `count` records of a CSV, from its first 64 KiB: enough to recognise a file by its header. */
const sniffRecords = async (
  archive: ExportArchive,
  entry: ArchiveEntry,
  count: number,
): Promise<string[][]> => {
  const stream = await archive.openEntry(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= SNIFF_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  const records: string[][] = [];
  const tokenizer = new CsvTokenizer(
    (fields) => {
      if (records.length < count) records.push(fields);
    },
    () => {},
  );
  tokenizer.push(new ExportTextDecoder().decode(Buffer.concat(chunks), true));
  // A record cut off by the 64 KiB limit is not a header: end() only when the whole file was read.
  if (records.length < count && size < SNIFF_BYTES) tokenizer.end();
  return records;
};

/** Streams one CSV entry: finds its header (within the preamble allowance), then feeds rows to the parser. */
const readCsvFile = async (
  archive: ExportArchive,
  entry: ArchiveEntry,
  type: CsvFileType,
  ctx: FileContext,
  parserFor: (columns: Columns) => RowParser = (columns) => type.parser(columns, ctx),
  /** False on a second pass: rows and tokenizer errors were counted on the first. */
  report = true,
): Promise<void> => {
  const searchLines = type.headerSearchLines ?? 1;
  let recordsBeforeHeader = 0;
  let parser: RowParser | undefined;
  const tokenizer = new CsvTokenizer(
    (fields, line) => {
      if (parser) {
        if (fields.length === 1 && fields[0] === '') return;
        if (report) ctx.report.rows += 1;
        parser.row(fields, line);
        return;
      }
      if (recordsBeforeHeader >= searchLines) return;
      recordsBeforeHeader += 1;
      const columns = new Columns(fields);
      if (type.required.every((name) => columns.has(name))) {
        tokenizer.keepOnly(fields.map((name) => type.reads.includes(normaliseColumn(name))));
        parser = parserFor(columns);
      }
    },
    (line, reason) => report && ctx.reject(line, reason),
    type.csv,
  );
  const stream: Readable = await archive.openEntry(entry);
  await tokenizeStream(stream, tokenizer);
  if (!parser) {
    // Header-only files are fine (zero rows); a missing header means the file is not what its name says.
    if (recordsBeforeHeader > 0 || entry.uncompressedSize > 0) {
      ctx.report.error = `the header lacks required column(s) ${type.required.join(', ')} for ${type.type}`;
    }
    return;
  }
  parser.finish?.();
  const again = parser.secondPass?.();
  if (again) await readCsvFile(archive, entry, type, ctx, () => again, false);
};

const voteOwner = async (
  archive: ExportArchive,
  entry: ArchiveEntry,
  type: CsvFileType,
  dates: RowDates,
): Promise<string | undefined> => {
  const vote = { current: undefined as OwnerVote | undefined };
  // The vote reads no dates; the scratch context only swallows tokenizer errors already reported by the read.
  const scratch = new FileContext(
    entry.path,
    type.type,
    new ActivityAggregator(),
    {},
    emptyProfile(''),
    dates,
  );
  await readCsvFile(archive, entry, type, scratch, (columns) => {
    vote.current = new OwnerVote(columns);
    return vote.current;
  });
  return vote.current?.winner();
};

const readArticles = (
  articles: ArchiveEntry[],
  aggregator: ActivityAggregator,
  owner: OwnerIdentity,
  profile: ProfileSnapshot,
  dates: RowDates,
): FileReport => {
  const ctx = new FileContext('Articles/', 'Articles', aggregator, owner, profile, dates);
  for (const [i, entry] of articles.entries()) {
    ctx.report.rows += 1;
    const ms = articleDate(entry.path);
    // Most article files are named by slug and carry no date: counted, not placed on a day. A stamped name
    // whose stamp names no real time is a bad date, not a slug.
    if (ms === undefined) {
      if (hasArticleStamp(entry.path)) ctx.reject(i + 1, `unreadable date in the file name '${entry.path}'`);
      else ctx.undated(ARTICLE_KIND);
      continue;
    }
    const day = ctx.dayOf(ms, i + 1, 1);
    if (day) ctx.count(ARTICLE_KIND, day);
  }
  return ctx.report;
};
