import * as z from 'zod';
import { LINKEDIN_PILLAR_NAMES, PILLARS, type Pillar } from '../domain/pillars';

/**
 * The shapes an official SSI reading arrives in. Only the structure is checked here; the SSI's own rules
 * (pillars 0–25, overall ≈ their sum) are checked in `normalise.ts`, so every source gets the same messages.
 */

const score = z.number().finite();

/** `{ pillar: "PROFESSIONAL_BRAND", score: 13.118002 }` — subScores are mapped by name, never by position. */
const SubScore = z.looseObject({ pillar: z.string(), score });

const GroupEntry = z.looseObject({
  groupType: z.string(),
  rank: score.optional(),
  score: z.looseObject({ overall: score.optional(), subScores: z.array(SubScore).optional() }).optional(),
  groupSize: score.optional(),
  industry: z.string().optional(),
});

/** The JSON linkedin.com/sales/ssi loads (`/sales-api/salesApiSsi`), docs/ssi-signals.md. */
export const SsiPayloadSchema = z.looseObject({
  memberScore: z.looseObject({ overall: score, subScores: z.array(SubScore) }),
  groupScore: z.array(GroupEntry).optional(),
  /** Not LinkedIn's: a tracker may add when the page was loaded. */
  observedAt: z.string().optional(),
});
export type SsiPayload = z.infer<typeof SsiPayloadSchema>;

/** Unipile's wrapper around the same payload. */
export const UnipileWrapperSchema = z.looseObject({
  object: z.literal('LinkedinRawData'),
  data: z.unknown(),
});

const PillarsSchema = z.strictObject({ brand: score, people: score, insights: score, relationships: score });

/** A group's figures as stored (`GroupScore`): what the page states of the industry or the network. */
export const GroupScoreSchema = z.strictObject({
  rank: score.optional(),
  overall: score.optional(),
  pillars: PillarsSchema.partial().optional(),
  groupSize: score.optional(),
  industry: z.string().max(200).optional(),
});

/**
 * What a member types (or a tracker stores): one reading with its time. A client that read another shape
 * (the CLI reading a scraper's CSV) may pass the group figures and say which source it read.
 */
export const PlainReadingSchema = z.strictObject({
  observedAt: z.string(),
  overall: score,
  pillars: PillarsSchema,
  industry: GroupScoreSchema.optional(),
  network: GroupScoreSchema.optional(),
  source: z.enum(['api-json', 'typed', 'csv']).optional(),
  /** The client took the time from elsewhere (a saved page JSON's file time), as `observedAtAssumed` says. */
  observedAtAssumed: z.boolean().optional(),
});

/** One entry of an SSI-tracking browser extension's history: `{date, parsed: {overall, prof_brand, …}}`. */
export const ExtensionHistoryItemSchema = z.looseObject({
  date: z.union([z.string(), z.number().finite()]),
  parsed: z.looseObject({
    overall: z.unknown(),
    prof_brand: z.unknown(),
    find_right_people: z.unknown(),
    insight_engagement: z.unknown(),
    relationship: z.unknown(),
    industry: z.unknown().optional(),
    network: z.unknown().optional(),
    industry_rank: z.unknown().optional(),
    network_rank: z.unknown().optional(),
  }),
});
export type PlainReading = z.infer<typeof PlainReadingSchema>;

/** The CSV header, in any column order: `date,overall,brand,people,insights,relationships`. */
export const CSV_COLUMNS = ['date', 'overall', ...PILLARS] as const;

export const PILLAR_BY_LINKEDIN_NAME: ReadonlyMap<string, Pillar> = new Map(
  PILLARS.map((pillar) => [LINKEDIN_PILLAR_NAMES[pillar], pillar]),
);
