import { isMemberId } from '../domain/member';
import type { OfficialReading } from '../domain/pillars';
import { CsvTokenizer, ExportTextDecoder } from '../export/csv';
import { LONG_CSV, TEAM_CSV, WIDE_CSV } from './csv-shapes';
import { JSON_READINGS, JSON_SHAPE_DESCRIPTIONS } from './json-shapes';
import { checkScores, type ReadingDraft, toOfficialReading } from './normalise';
import type { ReadingShape, ReadingsDocument, ShapeContext, ShapeEntry, ShapeId, Where } from './shape';

/**
 * One parser for official readings in every shape people have them (docs/readings.md): S3 `scores/` uploads,
 * `POST /members/{id}/official-scores` and `pillarwatch score --file` all come through here.
 */

export interface ReadingsParseOptions {
  /** When pillarwatch received the upload (ISO); the observation time of a reading that carries none. */
  receivedAt: string;
  /** Overrides the observation time of a single JSON reading (`?observedAt=`); CSV rows and array items keep theirs. */
  observedAt?: string;
  /** The observation time of a reading that states none, when better known than receivedAt (a file's mtime). */
  assumedObservedAt?: string;
}

/** A reading that was not accepted: the CSV line or the JSON array item, and why. Never the row's text. */
export interface RejectedReading {
  line?: number;
  item?: number;
  /** The member a team file's row named. */
  member?: string;
  reason: string;
  /** When no shape knew the file: the shapes that would have been read. */
  expected?: string[];
}

export interface ReadingsParseResult {
  readings: OfficialReading[];
  rejected: RejectedReading[];
  /** The shapes the readings were found in (`long-csv`, `ssi-page-json`, …), in order of first use. */
  shapes: ShapeId[];
  /** Where each of `readings` was read (same order). */
  origins: Where[];
  /** Lines or items that repeat an earlier reading of the same member: kept once. */
  repeats: (Where & { member: string })[];
}

export type SingleReadingResult = { ok: true; reading: OfficialReading } | { ok: false; reason: string };

/** Uploads are a handful of readings; anything larger is not a readings file. */
export const MAX_READINGS_UPLOAD_BYTES = 1 << 20;

/** The shapes in the order they are tried; the wide CSV takes any table, so it comes last. */
export const READING_SHAPES: readonly ReadingShape[] = [JSON_READINGS, LONG_CSV, TEAM_CSV, WIDE_CSV];

/** Every shape a readings file may have, as the "expected one of" list. */
export const EXPECTED_SHAPES: readonly string[] = [
  ...JSON_SHAPE_DESCRIPTIONS,
  ...READING_SHAPES.filter((shape) => shape !== JSON_READINGS).map((shape) => shape.expects),
];

/** Whose readings a file may hold: one member's (a row naming another is refused), or any (a team file). */
export type MemberScope = { only: string } | { default?: string };

/**
 * A readings file in any shape. Bytes decode like an export's files (UTF-8, or UTF-16 with a byte-order mark);
 * JSON is told by its first character unless the name ends in `.csv`; the shape is told by the content.
 * Identical readings are kept once.
 */
export const parseReadings = (
  content: string | Uint8Array,
  scope: MemberScope,
  options: ReadingsParseOptions & { fileName?: string },
): ReadingsParseResult => {
  const size = typeof content === 'string' ? content.length : content.byteLength;
  if (size > MAX_READINGS_UPLOAD_BYTES)
    return reject(
      `the file is larger than ${MAX_READINGS_UPLOAD_BYTES} bytes; a readings file is a few readings`,
    );
  const text = (
    typeof content === 'string' ? content : new ExportTextDecoder().decode(content, true)
  ).replace(/^\uFEFF/, '');
  const document = readDocument(text, options.fileName ?? '');
  if ('reason' in document) return reject(document.reason);
  return readDocumentReadings(document, scope, options);
};

/** A JSON body already parsed (the API's): one reading in any JSON shape, or an array of them. */
export const parseReadingsJson = (
  json: unknown,
  scope: MemberScope,
  options: ReadingsParseOptions,
): ReadingsParseResult => readDocumentReadings({ kind: 'json', value: json }, scope, options);

/** One member's upload (`scores/<memberId>/…`): rows of a team file naming someone else are refused. */
export const parseReadingsUpload = (
  memberId: string,
  fileName: string,
  content: string | Uint8Array,
  options: ReadingsParseOptions,
): ReadingsParseResult => parseReadings(content, { only: memberId }, { ...options, fileName });

/** One reading typed by a member (`{observedAt, overall, pillars}`). */
export const parsePlainReading = (
  memberId: string,
  json: unknown,
  receivedAt: string,
): SingleReadingResult => {
  const { readings, rejected } = parseReadingsJson(json, { only: memberId }, { receivedAt });
  const [reading] = readings;
  return reading ? { ok: true, reading } : { ok: false, reason: rejected[0]?.reason ?? 'no reading' };
};

const reject = (reason: string, expected?: readonly string[]): ReadingsParseResult => ({
  readings: [],
  rejected: [{ reason, ...(expected ? { expected: [...expected] } : {}) }],
  shapes: [],
  origins: [],
  repeats: [],
});

const readDocument = (text: string, fileName: string): ReadingsDocument | { reason: string } => {
  const start = text.trimStart()[0];
  if (start === undefined) return { reason: 'the file is empty' };
  if (!fileName.toLowerCase().endsWith('.csv') && (start === '{' || start === '[')) {
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch (error) {
      return { reason: `not valid JSON (${(error as Error).message})` };
    }
  }
  return readTable(text);
};

/** The header line's most frequent separator outside quotes: `;` and tab for spreadsheets that use `,` as decimal. */
const separatorOf = (text: string): string => {
  const firstLine = text.slice(0, text.search(/\r|\n|$/)).replace(/"[^"]*"/g, '');
  const count = (separator: string) => firstLine.split(separator).length - 1;
  return [';', '\t'].reduce((best, separator) => (count(separator) > count(best) ? separator : best), ',');
};

const readTable = (text: string): ReadingsDocument => {
  const rows: { fields: string[]; line: number }[] = [];
  const broken: { line: number; reason: string }[] = [];
  let header: string[] | undefined;
  const tokenizer = new CsvTokenizer(
    (fields, line) => {
      if (header) rows.push({ fields, line });
      else header = fields.map((name) => name.trim());
    },
    (line, reason) => broken.push({ line, reason }),
    { separator: separatorOf(text) },
  );
  tokenizer.push(text);
  tokenizer.end();
  return { kind: 'table', header: header ?? [], rows, broken };
};

const readDocumentReadings = (
  document: ReadingsDocument,
  scope: MemberScope,
  options: ReadingsParseOptions,
): ReadingsParseResult => {
  const context: ShapeContext = {
    receivedAt: options.receivedAt,
    ...(options.observedAt !== undefined ? { observedAt: options.observedAt } : {}),
    assumedObservedAt: options.assumedObservedAt ?? options.receivedAt,
  };
  const shape = READING_SHAPES.find((candidate) => candidate.accepts(document));
  if (!shape) return reject('no readings shape fits this file', EXPECTED_SHAPES);
  const collector = new Collector(scope, options.receivedAt);
  if (document.kind === 'table')
    for (const { line, reason } of document.broken) collector.rejected.push({ line, reason });
  for (const entry of shape.read(document, context)) collector.add(entry);
  return collector.result();
};

/** Checks each draft, assigns its member, and keeps accepted readings once per member and hash, in order. */
class Collector {
  readonly readings: OfficialReading[] = [];
  readonly rejected: RejectedReading[] = [];
  private readonly origins: Where[] = [];
  private readonly repeats: (Where & { member: string })[] = [];
  private readonly shapes = new Set<ShapeId>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly scope: MemberScope,
    private readonly receivedAt: string,
  ) {}

  add({ shape, where, member: named, result, unknownShape }: ShapeEntry): void {
    const member = named ?? ('only' in this.scope ? this.scope.only : this.scope.default);
    const refuse = (reason: string) =>
      this.rejected.push({
        ...where,
        ...(named !== undefined ? { member: named } : {}),
        reason,
        ...(unknownShape ? { expected: [...EXPECTED_SHAPES] } : {}),
      });
    if ('reason' in result) return void refuse(result.reason);
    if (member === undefined || member === '')
      return void refuse('no member: name one with --member or give the file a member column');
    if (!isMemberId(member)) return void refuse(`'${member.slice(0, 64)}' is not a member id`);
    if ('only' in this.scope && member !== this.scope.only)
      return void refuse(`the row is for member '${member}', not '${this.scope.only}'`);
    const problem = checkScores(result.draft.overall, result.draft.pillars);
    if (problem) return void refuse(problem);
    const reading = toOfficialReading(member, this.receivedAt, result.draft satisfies ReadingDraft);
    const key = `${member}#${reading.readingHash}`;
    this.shapes.add(shape);
    if (this.seen.has(key)) return void this.repeats.push({ ...where, member });
    this.seen.add(key);
    this.readings.push(reading);
    this.origins.push(where);
  }

  result(): ReadingsParseResult {
    return {
      readings: this.readings,
      rejected: this.rejected,
      shapes: [...this.shapes],
      origins: this.origins,
      repeats: this.repeats,
    };
  }
}
