import { addDays, daysBetween } from '../domain/days';
import type { Day } from '../domain/kinds';
import type {
  StandingCalibration,
  StandingEstimate,
  StandingReading,
  TeamMember,
} from '../domain/membership';
import type { Pillar, PillarScores } from '../domain/pillars';
import { applyCalibration } from '../model/calibration';
import { READING_MAX_AGE_DAYS } from './ranking';

/** What the team tables (competitions, tiers, KPI, the team page) score: the total or one pillar. */
export const METRICS = ['total', 'brand', 'people', 'insights', 'relationships'] as const;
export type Metric = (typeof METRICS)[number];

/**
 * Where a score came from: an official reading, the calibrated estimate (LinkedIn's scale), or the raw model
 * estimate (the model's scale: compared only with another raw estimate of the same member).
 */
export type Basis = 'official' | 'calibrated' | 'raw';

/** One member's series over a period, loaded once and scored by the pure functions below. */
export interface MemberHistory {
  memberId: string;
  displayName: string;
  /** Oldest first. */
  readings: readonly StandingReading[];
  /** Oldest first, from `LOOKBACK_DAYS` before the period's start to its end. */
  estimates: readonly StandingEstimate[];
  calibration?: StandingCalibration;
}

/** How far from a day a figure may lie and still stand for it ("close enough"). */
export const MATCH_DAYS = 7;
/** Estimates are read from this many days before a period, so its first day has one to stand for it. */
export const LOOKBACK_DAYS = MATCH_DAYS;

export interface Score {
  value: number;
  basis: Basis;
  /** The day the figure belongs to (the reading's UTC day, or the estimate's day). */
  day: Day;
}

const pick = (scores: { total: number; pillars: PillarScores }, metric: Metric): number =>
  metric === 'total' ? scores.total : scores.pillars[metric as Pillar];

const readingValue = (reading: StandingReading, metric: Metric): number =>
  metric === 'total' ? reading.overall : reading.pillars[metric as Pillar];

/** The official reading nearest to `day` within `MATCH_DAYS` (on a tie the earlier), never after `notAfter`. */
export const readingNear = (
  history: MemberHistory,
  day: Day,
  notAfter: Day = addDays(day, MATCH_DAYS),
): StandingReading | undefined => {
  let best: { reading: StandingReading; distance: number } | undefined;
  for (const reading of history.readings) {
    const readingDay = reading.observedAt.slice(0, 10);
    if (readingDay > notAfter) continue;
    const distance = Math.abs(daysBetween(readingDay, day));
    if (distance > MATCH_DAYS) continue;
    if (!best || distance < best.distance) best = { reading, distance };
  }
  return best?.reading;
};

/** The latest estimate on or before `day`, at most `MATCH_DAYS` before it. */
export const estimateNear = (history: MemberHistory, day: Day): StandingEstimate | undefined => {
  const since = addDays(day, -MATCH_DAYS);
  for (let i = history.estimates.length - 1; i >= 0; i--) {
    const estimate = history.estimates[i] as StandingEstimate;
    if (estimate.day > day) continue;
    return estimate.day >= since ? estimate : undefined;
  }
  return undefined;
};

/** The estimate near `day` on LinkedIn's scale when a calibration applies, else raw. */
export const estimateScore = (history: MemberHistory, day: Day, metric: Metric): Score | undefined => {
  const estimate = estimateNear(history, day);
  if (!estimate) return undefined;
  const calibrated = history.calibration ? applyCalibration(estimate, history.calibration) : undefined;
  return calibrated
    ? { value: pick(calibrated, metric), basis: 'calibrated', day: estimate.day }
    : { value: pick(estimate, metric), basis: 'raw', day: estimate.day };
};

/**
 * Where a member stands on `day` on LinkedIn's scale: their latest reading while it is current (at most
 * `READING_MAX_AGE_DAYS` old, as on the leaderboard), else the calibrated estimate. Raw estimates are on the
 * model's scale and place nobody.
 */
export const standingOn = (history: MemberHistory, day: Day, metric: Metric): Score | undefined => {
  let latest: StandingReading | undefined;
  for (const reading of history.readings) if (reading.observedAt.slice(0, 10) <= day) latest = reading;
  if (latest && daysBetween(latest.observedAt.slice(0, 10), day) <= READING_MAX_AGE_DAYS) {
    return { value: readingValue(latest, metric), basis: 'official', day: latest.observedAt.slice(0, 10) };
  }
  const estimate = estimateScore(history, day, metric);
  return estimate?.basis === 'calibrated' ? estimate : undefined;
};

export const readingScore = (reading: StandingReading, metric: Metric): Score => ({
  value: readingValue(reading, metric),
  basis: 'official',
  day: reading.observedAt.slice(0, 10),
});

export const round2 = (x: number): number => Math.round(x * 100) / 100;

export const byMemberId = (a: TeamMember, b: TeamMember): number =>
  a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
