import { rngFor } from '../../sample/prng';
import { addDays } from '../../shared/domain/days';
import type { Day } from '../../shared/domain/kinds';
import type { OfficialReading, PillarScores } from '../../shared/domain/pillars';
import type { MemberHistory } from '../../shared/findings/recalculation';
import { readingHash } from '../../shared/readings/normalise';

/** Simulated teams for RECALCULATION: day numbers count from START. */
export const START = '2026-01-01';

/** A typed reading on `day` at 09:00 UTC whose overall is the sum of its pillars. */
export const readingAt = (memberId: string, day: Day, pillars: PillarScores): OfficialReading => {
  const observedAt = `${day}T09:00:00.000Z`;
  const overall = Number(
    (pillars.brand + pillars.people + pillars.insights + pillars.relationships).toFixed(6),
  );
  return {
    memberId,
    observedAt,
    receivedAt: observedAt,
    source: 'api-json',
    overall,
    pillars,
    readingHash: readingHash(observedAt, overall, pillars),
  };
};

export const readingOn = (memberId: string, day: number, pillars: PillarScores): OfficialReading =>
  readingAt(memberId, addDays(START, day), pillars);

/**
 * A member of a simulated team: levels 6–16 per pillar, a slow drift of their own, ±0.3 (sd) daily noise per
 * pillar, read on `days`; from `stepDay` on (when given) LinkedIn's values are `factor` times the old formula's.
 */
export const teamMember = (
  memberId: string,
  days: readonly number[],
  { stepDay, factor = 0.93, noise = 0.3 }: { stepDay?: number; factor?: number; noise?: number } = {},
): MemberHistory => {
  const rng = rngFor(7, 'recalc-test', memberId);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const level = [0, 1, 2, 3].map(() => 6 + rng.next() * 10);
  const drift = [0, 1, 2, 3].map(() => (rng.next() - 0.5) * 0.04);
  const value = (day: number, i: number) => {
    const scale = stepDay !== undefined && day >= stepDay ? factor : 1;
    const exact = ((level[i] as number) + (drift[i] as number) * day) * scale;
    return Number(Math.min(25, Math.max(0, exact + gaussian() * noise)).toFixed(6));
  };
  return {
    readings: days.map((day) =>
      readingOn(memberId, day, {
        brand: value(day, 0),
        people: value(day, 1),
        insights: value(day, 2),
        relationships: value(day, 3),
      }),
    ),
    activity: [],
  };
};

export const dayRange = (from: number, to: number, every = 1): number[] =>
  Array.from({ length: Math.floor((to - from) / every) + 1 }, (_, i) => from + i * every);
