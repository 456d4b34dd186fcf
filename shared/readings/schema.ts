import * as z from 'zod';
import { LINKEDIN_PILLAR_NAMES, PILLARS, type Pillar } from '../domain/pillars';

/**
 * The shapes an official SSI reading arrives in. Only the structure is checked here; the SSI's own rules
 * (pillars 0–25, overall ≈ their sum) are checked in `validate.ts`, so every source gets the same messages.
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

/** What a member types (or a tracker stores): one reading with its time. */
export const PlainReadingSchema = z.strictObject({
  observedAt: z.string(),
  overall: score,
  pillars: z.strictObject({ brand: score, people: score, insights: score, relationships: score }),
});
export type PlainReading = z.infer<typeof PlainReadingSchema>;

/** The CSV header, in any column order: `date,overall,brand,people,insights,relationships`. */
export const CSV_COLUMNS = ['date', 'overall', ...PILLARS] as const;

export const PILLAR_BY_LINKEDIN_NAME: ReadonlyMap<string, Pillar> = new Map(
  PILLARS.map((pillar) => [LINKEDIN_PILLAR_NAMES[pillar], pillar]),
);
