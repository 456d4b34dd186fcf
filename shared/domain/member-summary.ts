import { addDays, daysBetween } from './days';
import type { Day, DayActivity } from './kinds';
import type { StandingCalibration, StandingEstimate, StandingReading } from './membership';
import {
  type Calibration,
  type DailyEstimate,
  type OfficialReading,
  PILLARS,
  type Pillar,
  type PillarScores,
} from './pillars';
import { standingCalibration } from './standing';
import { weekStart } from './weeks';

/**
 * Materialised team-page data: what the team page (and the team tables it shows) needs of one member, stored
 * with the member's standing on each of their team items, so a team page is one Query of the team's partition
 * instead of five reads per member. Written at the end of every evaluation (with the standing): every change
 * of the member's estimates, readings, calibration or activity ends in one, so a summary holds everything from
 * its windows' starts on. Periods reaching further back are read from the member's own items. Pure; the team page rebuilds a member's history from it (`shared/teams/member-summary.ts`).
 */

/**
 * How far back a summary's estimates and activity reach from the day it is written: the default team page (90
 * days and the week before its first day) and a margin.
 */
export const SUMMARY_DAYS = 100;
/** Its readings reach 30 days further: a period's first day is placed by the reading current on it. */
export const SUMMARY_READING_DAYS = SUMMARY_DAYS + 30;

/** A member's estimates in columns (one entry per estimate, oldest first): a quarter of the size of the items. */
export interface PackedEstimates {
  /** The day `offsets` count from. */
  first: Day;
  offsets: number[];
  /** The model versions used; `version[i]` indexes into it (absent when there is only one). */
  modelVersions: string[];
  version?: number[];
  total: number[];
  brand: number[];
  people: number[];
  insights: number[];
  relationships: number[];
}

/** Readings in columns, oldest first; `assumed` lists the ones whose time of day was assumed (by index). */
export interface PackedReadings {
  observedAt: string[];
  assumed?: number[];
  overall: number[];
  brand: number[];
  people: number[];
  insights: number[];
  relationships: number[];
}

/** Weekly sums in columns: `counts[kind][i]` / `signals[name][i]` of the week `first` + 7·`weeks[i]` days. */
export interface PackedWeeks {
  /** A Monday. */
  first: Day;
  weeks: number[];
  counts: Record<string, number[]>;
  signals: Record<string, number[]>;
}

export interface MemberSummary {
  /** When it was written (ISO): the windows below start this long before it. */
  asOf: string;
  /** Readings observed on or after this day, oldest first. */
  readingsSince: Day;
  readings: PackedReadings;
  /** Estimates of the days from this day on. */
  estimatesSince: Day;
  estimates: PackedEstimates;
  calibration?: StandingCalibration;
  /** Activity of the weeks from this Monday on, each week summed (`sumWeeks`). */
  activitySince: Day;
  weeks: PackedWeeks;
}

/** What an evaluation hands over: the member's readings, calibration and items read from the windows on. */
export interface SummaryFacts {
  asOf: Date;
  /** Oldest first (any earlier ones are dropped here). */
  readings: readonly OfficialReading[];
  calibration?: Calibration;
  estimates: readonly DailyEstimate[];
  /** Oldest first. */
  days: readonly DayActivity[];
}

/** The windows of a summary written at `asOf`: the reads that fill it start at these days. */
export const summaryWindows = (asOf: Date) => {
  const day = asOf.toISOString().slice(0, 10);
  const estimatesSince = addDays(day, -SUMMARY_DAYS);
  return {
    estimatesSince,
    readingsSince: addDays(day, -SUMMARY_READING_DAYS),
    activitySince: weekStart(estimatesSince),
  };
};

/** Sums each week's days into one entry dated its Monday, adding in day order (as the KPI does). */
export const sumWeeks = (days: readonly DayActivity[]): DayActivity[] => {
  const weeks = new Map<Day, DayActivity>();
  for (const day of days) {
    const week = weekStart(day.day);
    const sum = weeks.get(week) ?? { day: week, counts: {}, signals: {} };
    const add = (into: Record<string, number>, values: Record<string, number | undefined>) => {
      for (const [name, value] of Object.entries(values)) into[name] = (into[name] ?? 0) + (value ?? 0);
    };
    add(sum.counts, day.counts);
    add(sum.signals, day.signals);
    weeks.set(week, sum);
  }
  return [...weeks.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
};

/** One column per pillar, in the items' order: what packed estimates and readings share. */
type PillarColumns = Record<Pillar, number[]>;

const pillarColumns = (items: readonly { pillars: PillarScores }[]): PillarColumns =>
  Object.fromEntries(
    PILLARS.map((pillar) => [pillar, items.map((item) => item.pillars[pillar])]),
  ) as PillarColumns;

const pillarsAt = (columns: PillarColumns, i: number): PillarScores =>
  Object.fromEntries(PILLARS.map((pillar) => [pillar, columns[pillar][i] as number])) as PillarScores;

const packEstimates = (estimates: readonly StandingEstimate[], first: Day): PackedEstimates => {
  const modelVersions = [...new Set(estimates.map((estimate) => estimate.modelVersion))];
  return {
    first,
    offsets: estimates.map((estimate) => daysBetween(first, estimate.day)),
    modelVersions,
    ...(modelVersions.length > 1
      ? { version: estimates.map((estimate) => modelVersions.indexOf(estimate.modelVersion)) }
      : {}),
    total: estimates.map((estimate) => estimate.total),
    ...pillarColumns(estimates),
  };
};

export const unpackEstimates = (packed: PackedEstimates): StandingEstimate[] =>
  packed.offsets.map((offset, i) => ({
    day: addDays(packed.first, offset),
    modelVersion: packed.modelVersions[packed.version?.[i] ?? 0] as string,
    pillars: pillarsAt(packed, i),
    total: packed.total[i] as number,
  }));

const packReadings = (readings: readonly StandingReading[]): PackedReadings => {
  const assumed = readings.flatMap((reading, i) => (reading.observedAtAssumed ? [i] : []));
  return {
    observedAt: readings.map((reading) => reading.observedAt),
    ...(assumed.length > 0 ? { assumed } : {}),
    overall: readings.map((reading) => reading.overall),
    ...pillarColumns(readings),
  };
};

export const unpackReadings = (packed: PackedReadings): StandingReading[] =>
  packed.observedAt.map((observedAt, i) => ({
    observedAt,
    ...(packed.assumed?.includes(i) ? { observedAtAssumed: true } : {}),
    overall: packed.overall[i] as number,
    pillars: pillarsAt(packed, i),
  }));

/** Every name any week has, with a value for each week (0 where it had none: the KPI adds it as 0 alike). */
const packWeeks = (weeks: readonly DayActivity[], first: Day): PackedWeeks => {
  const column = (values: (week: DayActivity) => Record<string, number | undefined>) => {
    const names = [...new Set(weeks.flatMap((week) => Object.keys(values(week))))].sort();
    return Object.fromEntries(names.map((name) => [name, weeks.map((week) => values(week)[name] ?? 0)]));
  };
  return {
    first,
    weeks: weeks.map((week) => daysBetween(first, week.day) / 7),
    counts: column((week) => week.counts),
    signals: column((week) => week.signals),
  };
};

export const unpackWeeks = (packed: PackedWeeks): DayActivity[] =>
  packed.weeks.map((offset, i) => {
    const at = (columns: Record<string, number[]>) =>
      Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, values[i] as number]));
    return { day: addDays(packed.first, 7 * offset), counts: at(packed.counts), signals: at(packed.signals) };
  });

export const materialiseSummary = (facts: SummaryFacts): MemberSummary => {
  const { estimatesSince, readingsSince, activitySince } = summaryWindows(facts.asOf);
  const calibration = facts.calibration;
  return {
    asOf: facts.asOf.toISOString(),
    readingsSince,
    readings: packReadings(
      facts.readings.filter((reading) => reading.observedAt.slice(0, 10) >= readingsSince),
    ),
    estimatesSince,
    estimates: packEstimates(
      facts.estimates.filter((estimate) => estimate.day >= estimatesSince),
      estimatesSince,
    ),
    ...(calibration ? { calibration: standingCalibration(calibration) } : {}),
    activitySince,
    weeks: packWeeks(sumWeeks(facts.days.filter((day) => day.day >= activitySince)), activitySince),
  };
};
