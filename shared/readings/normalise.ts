import { capText } from '../domain/manifest';
import type { GroupScore, OfficialReading, PillarScores, ReadingSource } from '../domain/pillars';
import { PILLAR_MAX, PILLARS, TOTAL_MAX } from '../domain/pillars';
import { LINKEDIN_EPOCH_MS } from '../export/dates';
import { hash53 } from '../export/hash';

/** How far the overall may sit from the pillar sum: LinkedIn's own figures agree to ~1e-6, typed ones are rounded. */
export const OVERALL_SUM_TOLERANCE = 1;

/** A reading observed later than this after its upload is a clock or typing error (time zones allow ~1 day). */
const FUTURE_SLACK_MS = 36 * 3_600_000;

/** How much of a cell a reason quotes. */
const MAX_QUOTED_CHARS = 40;

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** A date-time must name its zone: `Z` or an offset. A zoneless time would be read in the server's zone. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `YYYY-MM-DD` (midnight UTC) or an ISO date-time with a zone, as a canonical ISO instant; or the reason it is
 * not one. Calendar-invalid dates (Feb 30) are refused, not rolled over.
 */
export const parseObservedAt = (text: string, receivedAt: string): { iso: string } | { reason: string } => {
  // Quoted in the reasons below: a cell of any length must not make a reason of that length.
  const trimmed = capText(text.trim(), MAX_QUOTED_CHARS);
  const isDay = DAY_ONLY.test(trimmed);
  if (!isDay && !DATE_TIME.test(trimmed))
    return { reason: `observedAt '${trimmed}' is not a date (YYYY-MM-DD) or an ISO date-time with a zone` };
  const datePart = trimmed.slice(0, 10);
  const dayMs = Date.parse(`${datePart}T00:00:00Z`);
  const ms = isDay ? dayMs : Date.parse(trimmed);
  if (Number.isNaN(ms) || Number.isNaN(dayMs) || new Date(dayMs).toISOString().slice(0, 10) !== datePart)
    return { reason: `observedAt '${trimmed}' is not a real calendar date and time` };
  if (ms < LINKEDIN_EPOCH_MS) return { reason: `observedAt '${trimmed}' is before LinkedIn existed` };
  if (ms > Date.parse(receivedAt) + FUTURE_SLACK_MS)
    return { reason: `observedAt '${trimmed}' is after the upload time ${receivedAt}` };
  return { iso: new Date(ms).toISOString() };
};

/** Why the values cannot be an SSI reading, naming the field; undefined when they can. */
export const checkScores = (overall: number, pillars: PillarScores): string | undefined => {
  for (const pillar of PILLARS) {
    const value = pillars[pillar];
    if (value < 0 || value > PILLAR_MAX) return `pillar '${pillar}' is ${value}; pillars are 0–${PILLAR_MAX}`;
  }
  if (overall < 0 || overall > TOTAL_MAX) return `overall is ${overall}; the SSI is 0–${TOTAL_MAX}`;
  const sum = PILLARS.reduce((total, pillar) => total + pillars[pillar], 0);
  // The page shows the overall rounded (20 for 19.705751): a whole overall is compared with the rounded sum.
  const reference = Number.isInteger(overall) ? Math.round(sum) : sum;
  if (Math.abs(overall - reference) > OVERALL_SUM_TOLERANCE)
    return `overall is ${overall} but the pillars sum to ${round2(sum)}; they may differ by at most ${OVERALL_SUM_TOLERANCE} point`;
  return undefined;
};

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** The reading's identity: the same observation time and values always give the same hash, whatever the source. */
export const readingHash = (observedAt: string, overall: number, pillars: PillarScores): string => {
  const canonical = [observedAt, overall, ...PILLARS.map((pillar) => pillars[pillar])].join('|');
  return hash53(canonical).toString(16).padStart(14, '0');
};

export interface ReadingDraft {
  observedAt: string;
  observedAtAssumed: boolean;
  source: ReadingSource;
  overall: number;
  pillars: PillarScores;
  industry?: GroupScore;
  network?: GroupScore;
}

/** The stored reading; optional fields are left out rather than undefined (DynamoDB refuses undefined). */
export const toOfficialReading = (
  memberId: string,
  receivedAt: string,
  draft: ReadingDraft,
): OfficialReading => ({
  memberId,
  observedAt: draft.observedAt,
  ...(draft.observedAtAssumed ? { observedAtAssumed: true } : {}),
  receivedAt,
  source: draft.source,
  overall: draft.overall,
  pillars: draft.pillars,
  ...(draft.industry ? { industry: draft.industry } : {}),
  ...(draft.network ? { network: draft.network } : {}),
  readingHash: readingHash(draft.observedAt, draft.overall, draft.pillars),
});
