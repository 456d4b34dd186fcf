import type * as z from 'zod';
import type { GroupScore, OfficialReading, Pillar, PillarScores } from '../domain/pillars';
import { LINKEDIN_PILLAR_NAMES, PILLARS } from '../domain/pillars';
import { CsvTokenizer, ExportTextDecoder } from '../export/csv';
import { checkScores, parseObservedAt, type ReadingDraft, toOfficialReading } from './normalise';
import {
  CSV_COLUMNS,
  PILLAR_BY_LINKEDIN_NAME,
  PlainReadingSchema,
  type SsiPayload,
  SsiPayloadSchema,
  UnipileWrapperSchema,
} from './schema';

export interface ReadingsParseOptions {
  /** When pillarwatch received the upload (ISO); the observation time of a reading that carries none. */
  receivedAt: string;
  /** Overrides the observation time of a single JSON reading (`?observedAt=`); CSV rows and array items keep theirs. */
  observedAt?: string;
}

/** A reading that was not accepted: the CSV line or the JSON array item, and why. Never the row's text. */
export interface RejectedReading {
  line?: number;
  item?: number;
  reason: string;
}

export interface ReadingsParseResult {
  readings: OfficialReading[];
  rejected: RejectedReading[];
}

export type SingleReadingResult = { ok: true; reading: OfficialReading } | { ok: false; reason: string };

/** Uploads are a handful of readings; anything larger is not a readings file. */
export const MAX_READINGS_UPLOAD_BYTES = 1 << 20;

type Draft = { draft: ReadingDraft } | { reason: string };

/**
 * An uploaded readings file (`scores/<memberId>/…` or an API body): the SSI page JSON (optionally in Unipile's
 * wrapper), a plain reading, a JSON array of either, or a CSV `date,overall,brand,people,insights,relationships`.
 * The form is told by the file name (`.csv`) or else by the first character. Identical readings are kept once.
 */
export const parseReadingsUpload = (
  memberId: string,
  fileName: string,
  content: string | Uint8Array,
  options: ReadingsParseOptions,
): ReadingsParseResult => {
  const size = typeof content === 'string' ? content.length : content.byteLength;
  if (size > MAX_READINGS_UPLOAD_BYTES)
    return reject(
      `the file is larger than ${MAX_READINGS_UPLOAD_BYTES} bytes; a readings file is a few readings`,
    );
  // Bytes decode like an export's files: UTF-8, or UTF-16 LE/BE with a byte-order mark (Excel's "Unicode text").
  const text = (
    typeof content === 'string' ? content : new ExportTextDecoder().decode(content, true)
  ).replace(/^\uFEFF/, '');
  const start = text.trimStart()[0];
  if (!fileName.toLowerCase().endsWith('.csv') && (start === '{' || start === '[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return reject(`not valid JSON (${(error as Error).message})`);
    }
    return parseJsonUpload(memberId, json, options);
  }
  if (start === undefined) return reject('the file is empty');
  return parseCsv(memberId, text, options.receivedAt);
};

/** One reading typed by a member (`{observedAt, overall, pillars}`), e.g. an API body. */
export const parsePlainReading = (
  memberId: string,
  json: unknown,
  receivedAt: string,
): SingleReadingResult => {
  const result = plainDraft(json, { receivedAt });
  return 'reason' in result
    ? { ok: false, reason: result.reason }
    : accept(memberId, receivedAt, result.draft);
};

const reject = (reason: string): ReadingsParseResult => ({ readings: [], rejected: [{ reason }] });

const accept = (memberId: string, receivedAt: string, draft: ReadingDraft): SingleReadingResult => {
  const problem = checkScores(draft.overall, draft.pillars);
  return problem
    ? { ok: false, reason: problem }
    : { ok: true, reading: toOfficialReading(memberId, receivedAt, draft) };
};

/** Collects accepted readings once per hash, in input order. */
class Collector {
  readonly readings: OfficialReading[] = [];
  readonly rejected: RejectedReading[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly memberId: string,
    private readonly receivedAt: string,
  ) {}

  add(result: Draft, where: { line?: number; item?: number }): void {
    const outcome = 'reason' in result ? result : accept(this.memberId, this.receivedAt, result.draft);
    if ('reason' in outcome) {
      this.rejected.push({ ...where, reason: outcome.reason });
      return;
    }
    if (this.seen.has(outcome.reading.readingHash)) return;
    this.seen.add(outcome.reading.readingHash);
    this.readings.push(outcome.reading);
  }

  result(): ReadingsParseResult {
    return { readings: this.readings, rejected: this.rejected };
  }
}

// --- JSON ----------------------------------------------------------------------------------------------------

const parseJsonUpload = (
  memberId: string,
  json: unknown,
  options: ReadingsParseOptions,
): ReadingsParseResult => {
  const collector = new Collector(memberId, options.receivedAt);
  // One observation time cannot apply to a list of readings: an array's items keep their own.
  const itemOptions = { receivedAt: options.receivedAt };
  if (Array.isArray(json)) {
    for (const [index, value] of json.entries())
      collector.add(jsonDraft(value, itemOptions), { item: index });
  } else collector.add(jsonDraft(json, options), {});
  return collector.result();
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const jsonDraft = (value: unknown, options: ReadingsParseOptions): Draft => {
  const wrapped = UnipileWrapperSchema.safeParse(value);
  const payload = wrapped.success ? wrapped.data.data : value;
  if (isObject(payload) && 'memberScore' in payload) return ssiDraft(payload, options);
  if (isObject(payload) && 'pillars' in payload) return plainDraft(payload, options);
  return {
    reason:
      'neither the SSI page JSON (memberScore, subScores) nor a plain reading (observedAt, overall, pillars)',
  };
};

/** zod's first issue as "field.path: message". */
const describeIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  if (!issue) return 'invalid reading';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
};

const observation = (
  own: string | undefined,
  options: ReadingsParseOptions,
): { iso: string; assumed: boolean } | { reason: string } => {
  const given = options.observedAt ?? own;
  if (given === undefined) return { iso: new Date(options.receivedAt).toISOString(), assumed: true };
  const parsed = parseObservedAt(given, options.receivedAt);
  return 'reason' in parsed ? parsed : { iso: parsed.iso, assumed: false };
};

const plainDraft = (value: unknown, options: ReadingsParseOptions): Draft => {
  const parsed = PlainReadingSchema.safeParse(value);
  if (!parsed.success) return { reason: describeIssue(parsed.error) };
  const observed = observation(parsed.data.observedAt, options);
  if ('reason' in observed) return observed;
  return {
    draft: {
      observedAt: observed.iso,
      observedAtAssumed: false,
      source: 'typed',
      overall: parsed.data.overall,
      pillars: parsed.data.pillars,
    },
  };
};

/** subScores by pillar name; every pillar exactly once for the member, whatever is known for a group. */
const subScoresByPillar = (
  subScores: readonly { pillar: string; score: number }[],
): Partial<PillarScores> => {
  const scores: Partial<PillarScores> = {};
  for (const { pillar, score } of subScores) {
    const name = PILLAR_BY_LINKEDIN_NAME.get(pillar);
    if (name !== undefined && scores[name] === undefined) scores[name] = score;
  }
  return scores;
};

const isComplete = (scores: Partial<PillarScores>): scores is PillarScores =>
  PILLARS.every((pillar) => scores[pillar] !== undefined);

const ssiDraft = (value: unknown, options: ReadingsParseOptions): Draft => {
  const parsed = SsiPayloadSchema.safeParse(value);
  if (!parsed.success) return { reason: describeIssue(parsed.error) };
  const { memberScore, groupScore, observedAt } = parsed.data;
  const pillars = subScoresByPillar(memberScore.subScores);
  if (!isComplete(pillars)) {
    const missing = PILLARS.filter((pillar: Pillar) => pillars[pillar] === undefined);
    return {
      reason: `memberScore.subScores has no ${missing.map((pillar) => `'${LINKEDIN_PILLAR_NAMES[pillar]}'`).join(', ')}`,
    };
  }
  const observed = observation(observedAt, options);
  if ('reason' in observed) return observed;
  const industry = groupOf(groupScore, 'INDUSTRY');
  const network = groupOf(groupScore, 'NETWORK');
  return {
    draft: {
      observedAt: observed.iso,
      observedAtAssumed: observed.assumed,
      source: 'api-json',
      overall: memberScore.overall,
      pillars,
      ...(industry ? { industry } : {}),
      ...(network ? { network } : {}),
    },
  };
};

/** A group's figures, leaving out what LinkedIn did not send (an empty subScores list gives no pillars). */
const groupOf = (groups: SsiPayload['groupScore'], type: 'INDUSTRY' | 'NETWORK'): GroupScore | undefined => {
  const entry = groups?.find((group) => group.groupType === type);
  if (!entry) return undefined;
  const pillars = subScoresByPillar(entry.score?.subScores ?? []);
  const group: GroupScore = {
    ...(entry.rank !== undefined ? { rank: entry.rank } : {}),
    ...(entry.score?.overall !== undefined ? { overall: entry.score.overall } : {}),
    ...(Object.keys(pillars).length > 0 ? { pillars } : {}),
    ...(entry.groupSize !== undefined ? { groupSize: entry.groupSize } : {}),
    ...(entry.industry !== undefined ? { industry: entry.industry } : {}),
  };
  return Object.keys(group).length > 0 ? group : undefined;
};

// --- CSV -----------------------------------------------------------------------------------------------------

const NUMBER = /^-?\d+(\.\d+)?$/;

const parseCsv = (memberId: string, text: string, receivedAt: string): ReadingsParseResult => {
  const collector = new Collector(memberId, receivedAt);
  let columns: Map<string, number> | undefined;
  let headerProblem: string | undefined;
  const tokenizer = new CsvTokenizer(
    (fields, line) => {
      if (headerProblem) return;
      if (!columns) {
        columns = new Map(fields.map((name, index) => [name.trim().toLowerCase(), index]));
        const missing = CSV_COLUMNS.filter((name) => !columns?.has(name));
        if (missing.length > 0)
          headerProblem = `the CSV header must name ${CSV_COLUMNS.join(',')}; missing: ${missing.join(', ')}`;
        return;
      }
      collector.add(csvDraft(fields, columns, receivedAt), { line });
    },
    (line, reason) => collector.rejected.push({ line, reason }),
  );
  tokenizer.push(text);
  tokenizer.end();
  if (headerProblem) return reject(headerProblem);
  if (!columns) return reject('the file is empty');
  return collector.result();
};

/** Every row names its own date, so `options.observedAt` does not apply to a CSV. */
const csvDraft = (fields: string[], columns: Map<string, number>, receivedAt: string): Draft => {
  const cell = (name: string): string => (fields[columns.get(name) ?? -1] ?? '').trim();
  const numbers: Record<string, number> = {};
  for (const name of CSV_COLUMNS.slice(1)) {
    const text = cell(name);
    if (!NUMBER.test(text)) return { reason: `${name} '${text.slice(0, 20)}' is not a number` };
    numbers[name] = Number(text);
  }
  const date = cell('date');
  if (!date) return { reason: 'date is empty' };
  const observed = parseObservedAt(date, receivedAt);
  if ('reason' in observed) return observed;
  const pillars = Object.fromEntries(
    PILLARS.map((pillar) => [pillar, numbers[pillar] as number]),
  ) as PillarScores;
  return {
    draft: {
      observedAt: observed.iso,
      observedAtAssumed: false,
      source: 'csv',
      overall: numbers.overall as number,
      pillars,
    },
  };
};
