import type * as z from 'zod';
import type { GroupScore, Pillar, PillarScores } from '../domain/pillars';
import { LINKEDIN_PILLAR_NAMES, PILLARS } from '../domain/pillars';
import { readRank, readScore } from './cells';
import { parseObservedAt } from './normalise';
import {
  ExtensionHistoryItemSchema,
  PILLAR_BY_LINKEDIN_NAME,
  PlainReadingSchema,
  type SsiPayload,
  SsiPayloadSchema,
  UnipileWrapperSchema,
} from './schema';
import type { Draft, ReadingShape, ShapeContext, ShapeEntry, ShapeId } from './shape';

/** One JSON reading in one of its shapes; a JSON file is one of them or an array mixing them. */
interface JsonItemShape {
  id: ShapeId;
  expects: string;
  accepts(value: unknown): boolean;
  read(value: unknown, context: ShapeContext): Draft;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The SSI payload, unwrapped from Unipile's `{object: 'LinkedinRawData', data}` when wrapped. */
const unwrap = (value: unknown): unknown => {
  const wrapped = UnipileWrapperSchema.safeParse(value);
  return wrapped.success ? wrapped.data.data : value;
};

/** zod's first issue as "field.path: message". */
const describeIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  if (!issue) return 'invalid reading';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
};

/** The stated observation time, the caller's override, or the assumed one (flagged) when nothing says. */
const observation = (
  own: string | undefined,
  context: ShapeContext,
): { iso: string; assumed: boolean } | { reason: string } => {
  const given = context.observedAt ?? own;
  if (given === undefined) return { iso: new Date(context.assumedObservedAt).toISOString(), assumed: true };
  const parsed = parseObservedAt(given, context.receivedAt);
  return 'reason' in parsed ? parsed : { iso: parsed.iso, assumed: false };
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

export const isComplete = (scores: Partial<PillarScores>): scores is PillarScores =>
  PILLARS.every((pillar) => scores[pillar] !== undefined);

/** A group's figures, leaving out what was not sent (an empty subScores list gives no pillars). */
export const groupScore = (parts: GroupScore): GroupScore | undefined => {
  const group = Object.fromEntries(
    Object.entries(parts).filter(
      ([, value]) => value !== undefined && !(typeof value === 'object' && Object.keys(value).length === 0),
    ),
  ) as GroupScore;
  return Object.keys(group).length > 0 ? group : undefined;
};

const groupOf = (groups: SsiPayload['groupScore'], type: 'INDUSTRY' | 'NETWORK'): GroupScore | undefined => {
  const entry = groups?.find((group) => group.groupType === type);
  if (!entry) return undefined;
  return groupScore({
    rank: entry.rank,
    overall: entry.score?.overall,
    pillars: subScoresByPillar(entry.score?.subScores ?? []),
    groupSize: entry.groupSize,
    industry: entry.industry,
  });
};

const SSI_PAGE: JsonItemShape = {
  id: 'ssi-page-json',
  expects: "the SSI page JSON ({memberScore, groupScore}, also in Unipile's wrapper)",
  accepts: (value) => isObject(unwrap(value)) && 'memberScore' in (unwrap(value) as object),
  read(value, context) {
    const parsed = SsiPayloadSchema.safeParse(unwrap(value));
    if (!parsed.success) return { reason: describeIssue(parsed.error) };
    const { memberScore, groupScore: groups, observedAt } = parsed.data;
    const pillars = subScoresByPillar(memberScore.subScores);
    if (!isComplete(pillars)) {
      const missing = PILLARS.filter((pillar: Pillar) => pillars[pillar] === undefined);
      return {
        reason: `memberScore.subScores has no ${missing.map((pillar) => `'${LINKEDIN_PILLAR_NAMES[pillar]}'`).join(', ')}`,
      };
    }
    const observed = observation(observedAt, context);
    if ('reason' in observed) return observed;
    const industry = groupOf(groups, 'INDUSTRY');
    const network = groupOf(groups, 'NETWORK');
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
  },
};

const TYPED: JsonItemShape = {
  id: 'typed-json',
  expects: 'a typed reading ({observedAt, overall, pillars})',
  accepts: (value) => isObject(value) && 'pillars' in value,
  read(value, context) {
    const parsed = PlainReadingSchema.safeParse(value);
    if (!parsed.success) return { reason: describeIssue(parsed.error) };
    const { observedAt, overall, pillars, industry, network, source, observedAtAssumed } = parsed.data;
    const observed = observation(observedAt, context);
    if ('reason' in observed) return observed;
    return {
      draft: {
        observedAt: observed.iso,
        observedAtAssumed: observedAtAssumed ?? false,
        source: source ?? 'typed',
        overall,
        pillars,
        ...(industry ? { industry } : {}),
        ...(network ? { network } : {}),
      },
    };
  },
};

/** `parsed`'s names for the pillars (an SSI-tracking browser extension's history). */
const EXTENSION_PILLARS: Record<Pillar, string> = {
  brand: 'prof_brand',
  people: 'find_right_people',
  insights: 'insight_engagement',
  relationships: 'relationship',
};

/** A number as the extension kept it: a number, or the page's text (`14,2`, `53 de 100`). */
const numberOf = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const read = readScore(value);
  return 'value' in read ? read.value : undefined;
};

/** `industry`/`network` in a history: the stated average, `{overall|average|score, rank}`, or `Top 9 %`. */
const extensionGroup = (value: unknown, rank: unknown): GroupScore | undefined => {
  const rankOf = (cell: unknown) =>
    typeof cell === 'string' ? (readRank(cell) ?? numberOf(cell)) : numberOf(cell);
  if (isObject(value))
    return groupScore({
      overall: numberOf(value.overall ?? value.average ?? value.score),
      rank: rankOf(value.rank ?? rank),
    });
  return groupScore({ overall: numberOf(value), rank: rankOf(rank) });
};

const EXTENSION_HISTORY: JsonItemShape = {
  id: 'extension-history',
  expects: 'a browser extension history ([{date, parsed: {overall, prof_brand, find_right_people, …}}])',
  accepts: (value) => isObject(value) && 'parsed' in value,
  read(value, context) {
    const parsed = ExtensionHistoryItemSchema.safeParse(value);
    if (!parsed.success) return { reason: describeIssue(parsed.error) };
    const { date, parsed: scores } = parsed.data;
    const pillars: Partial<PillarScores> = {};
    for (const pillar of PILLARS) {
      const number = numberOf(scores[EXTENSION_PILLARS[pillar]]);
      if (number === undefined) return { reason: `parsed.${EXTENSION_PILLARS[pillar]} is not a number` };
      pillars[pillar] = number;
    }
    const overall = numberOf(scores.overall);
    if (overall === undefined) return { reason: 'parsed.overall is not a number' };
    const stated = typeof date === 'number' ? new Date(date).toISOString() : date;
    const observed = observation(stated, { ...context, observedAt: undefined });
    if ('reason' in observed) return observed;
    const industry = extensionGroup(scores.industry, scores.industry_rank);
    const network = extensionGroup(scores.network, scores.network_rank);
    return {
      draft: {
        observedAt: observed.iso,
        observedAtAssumed: observed.assumed,
        source: 'api-json',
        overall,
        pillars: pillars as PillarScores,
        ...(industry ? { industry } : {}),
        ...(network ? { network } : {}),
      },
    };
  },
};

const JSON_ITEM_SHAPES: readonly JsonItemShape[] = [SSI_PAGE, TYPED, EXTENSION_HISTORY];

/** Kept word for word: manifests and clients quote it. The shapes it leaves out are listed in `expected`. */
const NOT_A_JSON_READING =
  'neither the SSI page JSON (memberScore, subScores) nor a plain reading (observedAt, overall, pillars)';

const readItem = (value: unknown, context: ShapeContext, item?: number): ShapeEntry => {
  const shape = JSON_ITEM_SHAPES.find((candidate) => candidate.accepts(value));
  const where = item === undefined ? {} : { item };
  if (!shape)
    return { shape: 'typed-json', where, result: { reason: NOT_A_JSON_READING }, unknownShape: true };
  return { shape: shape.id, where, result: shape.read(value, context) };
};

/**
 * A JSON readings file: one reading in any item shape, or an array of them. One observation time cannot
 * apply to a list, so an array's items keep their own.
 */
export const JSON_READINGS: ReadingShape = {
  id: 'ssi-page-json',
  expects: JSON_ITEM_SHAPES.map((shape) => shape.expects).join('; '),
  accepts: (document) => document.kind === 'json',
  read(document, context) {
    if (document.kind !== 'json') return [];
    const { value } = document;
    if (!Array.isArray(value)) return [readItem(value, context)];
    const itemContext = { ...context, observedAt: undefined };
    return value.map((item, index) => readItem(item, itemContext, index));
  },
};

export const JSON_SHAPE_DESCRIPTIONS = JSON_ITEM_SHAPES.map((shape) => shape.expects);
