import { addDays } from './days';
import type { Day } from './kinds';
import type { MemberStanding, StandingCalibration, StandingEstimate, StandingReading } from './membership';
import type { Calibration, DailyEstimate, Finding, OfficialReading } from './pillars';

/**
 * Materialised standings: what a leaderboard needs of one member, stored with each of the member's team items,
 * so a team's leaderboard is one Query of the team's partition instead of reads per member. A standing answers
 * for every date from `since` (a week before it was written) on; it is rewritten whenever the member's
 * estimates, readings, calibration or findings change, so nothing after it is missing. Older dates fall back
 * on reading the member's own items.
 */
export const STANDING_DAYS = 7;

export interface StoredStanding {
  /** The first leaderboard date this standing answers for. */
  since: Day;
  /** Readings observed from `since` on, and the last one before it; oldest first. */
  readings: StandingReading[];
  /** Estimates of the days from `since` on. */
  estimates: StandingEstimate[];
  calibration?: StandingCalibration;
  /** The member's STALE findings (the leaderboard decides which were open on its date). */
  stale: Finding[];
}

/** What the scoring use case knows at the end of an evaluation, handed to the standings store. */
export interface StandingFacts {
  memberId: string;
  /** Oldest first. */
  readings: readonly OfficialReading[];
  findings: readonly Finding[];
  calibration?: Calibration;
  /** When the standing is written: it answers from `STANDING_DAYS` before this day on. */
  asOf: Date;
}

/** What a standing or summary keeps of a calibration: its lines, not its errors or pooled lines. */
export const standingCalibration = (calibration: Calibration): StandingCalibration => ({
  memberId: calibration.memberId,
  modelVersion: calibration.modelVersion,
  fittedAt: calibration.fittedAt,
  pillars: calibration.pillars,
});

/** The first day a standing written at `asOf` answers for. */
export const standingSince = (asOf: Date): Day => addDays(asOf.toISOString().slice(0, 10), -STANDING_DAYS);

/** The stored standing from an evaluation's facts and the member's estimates from `since` on. */
export const materialiseStanding = (
  facts: StandingFacts,
  estimates: readonly DailyEstimate[],
): StoredStanding => {
  const since = standingSince(facts.asOf);
  const firstRecent = facts.readings.findIndex((reading) => reading.observedAt >= since);
  const kept =
    firstRecent === -1 ? facts.readings.slice(-1) : facts.readings.slice(Math.max(0, firstRecent - 1));
  const calibration = facts.calibration;
  return {
    since,
    readings: kept.map(({ observedAt, observedAtAssumed, overall, pillars }) => ({
      observedAt,
      ...(observedAtAssumed ? { observedAtAssumed } : {}),
      overall,
      pillars,
    })),
    estimates: estimates
      .filter((estimate) => estimate.day >= since)
      .map(({ day, modelVersion, pillars, total }) => ({ day, modelVersion, pillars, total })),
    ...(calibration ? { calibration: standingCalibration(calibration) } : {}),
    stale: facts.findings.filter((finding) => finding.type === 'STALE'),
  };
};

/** STALE findings that may be open on `date`: started by then and still going within staleDays of it. */
export const staleFindingsOn = (findings: readonly Finding[], date: Day, staleSince: Day): Finding[] =>
  findings.filter((finding) => finding.from <= date && finding.to >= staleSince);

/** The member's standing on `date` from the stored one; undefined when `date` is before what it answers for. */
export const standingOn = (
  stored: StoredStanding,
  date: Day,
  staleSince: Day,
): MemberStanding | undefined => {
  if (date < stored.since) return undefined;
  // observedAt is ISO: every reading of `date` or before sorts below `<date>￿`, as the sort keys do.
  const official = stored.readings.filter((reading) => reading.observedAt <= `${date}\uffff`).at(-1);
  const estimate = stored.estimates.find((candidate) => candidate.day === date);
  return {
    ...(official ? { official } : {}),
    ...(estimate ? { estimate } : {}),
    ...(stored.calibration ? { calibration: stored.calibration } : {}),
    staleFindings: staleFindingsOn(stored.stale, date, staleSince),
  };
};
