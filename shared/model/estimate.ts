import { DAY_MS, dayNumber, utcDay } from '../domain/days';
import { type Day, type DayActivity, type EventKind, SIGNALS, type SignalName } from '../domain/kinds';
import { type DailyEstimate, PILLARS, type Pillar, type PillarScores } from '../domain/pillars';
import type { ProfileSnapshot } from '../domain/profile';
import type { ObservedWindows } from './observed';
import {
  ACTIVE_DAYS,
  type ActivityComponent,
  COMPONENTS,
  MODEL_LOOKBACK_DAYS,
  MODEL_VERSION,
  PROFILE_CONTRIBUTION,
  type SeriesName,
  seriesKinds,
} from './parameters';
import { PROFILE_CAP, profileCompleteness } from './profile-completeness';

export interface EstimateInput {
  /**
   * Stored activity days (sparse, any order). For exact results they must include every stored day from
   * `from − MODEL_LOOKBACK_DAYS` to `to`; days outside that span are ignored.
   */
  days: readonly DayActivity[];
  /** The latest profile snapshot; undefined = unknown (the profile term gives nothing and lowers confidence). */
  profile?: ProfileSnapshot;
  /** Which kinds the applied exports could see on which days (`observedWindows(coverage)`). */
  observed: ObservedWindows;
  /** First day to estimate; defaults to the first day with activity. */
  from?: Day;
  /** Last day to estimate: the last export day. */
  to: Day;
}

/** Counts of one series and of its observed source kinds, as prefix sums over the dense day span. */
interface SeriesPrefix {
  /** value[i] = Σ of the series over days 0..i−1. Integer sums, so window differences are exact. */
  value: Float64Array;
  /** observed[i] = Σ over days 0..i−1 of how many of the series' source kinds were observed that day. */
  observed: Float64Array;
  kinds: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Model v1 (docs/model.md): for every day from `from` to `to`, the four pillars (0–25), their total, what each
 * signal contributed and how much of each pillar the exports could observe. A day's result depends only on the
 * days within MODEL_LOOKBACK_DAYS before it, so recomputing from the earliest changed day gives exactly the
 * numbers a full recompute would.
 */
export const estimateDays = (input: EstimateInput): DailyEstimate[] => {
  const from = input.from ?? firstActiveDay(input.days, input.to);
  if (from === undefined || from > input.to) return [];
  const start = dayNumber(from) - MODEL_LOOKBACK_DAYS;
  const length = dayNumber(input.to) - start + 1;

  const observedByKind = new Map<EventKind, Uint8Array>();
  const observedOn = (kind: EventKind): Uint8Array => {
    let flags = observedByKind.get(kind);
    if (!flags) {
      flags = observedFlags(input.observed[kind] ?? [], start, length);
      observedByKind.set(kind, flags);
    }
    return flags;
  };
  const daysByIndex = new Array<DayActivity | undefined>(length);
  for (const activity of input.days) {
    const index = dayNumber(activity.day) - start;
    if (index >= 0 && index < length) daysByIndex[index] = activity;
  }

  const prefixes = new Map<SeriesName, SeriesPrefix>();
  for (const pillar of PILLARS) {
    for (const { series } of COMPONENTS[pillar]) {
      if (!prefixes.has(series)) prefixes.set(series, seriesPrefix(series, daysByIndex, observedOn));
    }
  }

  const profile = profileCompleteness(input.profile);
  const estimates: DailyEstimate[] = [];
  for (let end = MODEL_LOOKBACK_DAYS + 1; end <= length; end++) {
    estimates.push(estimateDay(utcDay((start + end - 1) * DAY_MS), end, prefixes, profile));
  }
  return estimates;
};

const estimateDay = (
  day: Day,
  end: number,
  prefixes: ReadonlyMap<SeriesName, SeriesPrefix>,
  profile: { points: number; observed: number },
): DailyEstimate => {
  const pillars = {} as PillarScores;
  const confidence = {} as PillarScores & { total: number };
  const contributions = {} as Record<Pillar, Record<string, number>>;
  let total = 0;
  let confidenceSum = 0;
  for (const pillar of PILLARS) {
    const parts: Record<string, number> = {};
    let points = 0;
    let observedCap = 0;
    let cap = 0;
    if (pillar === 'brand') {
      points += profile.points;
      observedCap += profile.observed * PROFILE_CAP;
      cap += PROFILE_CAP;
      if (round2(profile.points) > 0) parts[PROFILE_CONTRIBUTION] = round2(profile.points);
    }
    for (const component of COMPONENTS[pillar]) {
      const { level, observed } = windowed(component, prefixes.get(component.series) as SeriesPrefix, end);
      const gained = component.cap * (1 - Math.exp(-level / component.scale));
      points += gained;
      observedCap += observed * component.cap;
      cap += component.cap;
      if (round2(gained) > 0) parts[component.series] = round2(gained);
    }
    pillars[pillar] = round2(points);
    confidence[pillar] = round3(observedCap / cap);
    contributions[pillar] = parts;
    total += points;
    confidenceSum += observedCap / cap;
  }
  confidence.total = round3(confidenceSum / PILLARS.length);
  return { day, modelVersion: MODEL_VERSION, pillars, total: round2(total), confidence, contributions };
};

/** The sum over the `days` days ending at prefix index `end` (fewer at the start of the span). */
const windowSum = (prefix: Float64Array, end: number, days: number): number =>
  (prefix[end] as number) - (prefix[Math.max(0, end - days)] as number);

/** A series' level under its memory on the day ending at prefix index `end`, and the observed share of it. */
const windowed = (
  { memory }: ActivityComponent,
  prefix: SeriesPrefix,
  end: number,
): { level: number; observed: number } => {
  let level = 0;
  let observed = 0;
  for (const { days, share } of memory.windows) {
    level += (share * windowSum(prefix.value, end, days) * memory.unitDays) / days;
    observed += (share * windowSum(prefix.observed, end, days)) / (days * prefix.kinds);
  }
  return { level, observed };
};

const seriesPrefix = (
  series: SeriesName,
  daysByIndex: readonly (DayActivity | undefined)[],
  observedOn: (kind: EventKind) => Uint8Array,
): SeriesPrefix => {
  const kinds = seriesKinds(series);
  const flags = kinds.map(observedOn);
  const length = daysByIndex.length;
  const value = new Float64Array(length + 1);
  const observed = new Float64Array(length + 1);
  for (let i = 0; i < length; i++) {
    let seen = 0;
    for (const flag of flags) seen += flag[i] as number;
    observed[i + 1] = (observed[i] as number) + seen;
    value[i + 1] = (value[i] as number) + dayValue(series, kinds, flags, daysByIndex[i], i);
  }
  return { value, observed, kinds: kinds.length };
};

/** The series' value on one day; an unobserved kind contributes nothing ("unknown is not zero"). */
const dayValue = (
  series: SeriesName,
  kinds: readonly EventKind[],
  flags: readonly Uint8Array[],
  activity: DayActivity | undefined,
  index: number,
): number => {
  if (!activity) return 0;
  if (series === ACTIVE_DAYS) {
    return kinds.some((kind, k) => flags[k]?.[index] === 1 && (activity.counts[kind] ?? 0) > 0) ? 1 : 0;
  }
  if (flags[0]?.[index] !== 1) return 0;
  return (
    (series in SIGNALS ? activity.signals[series as SignalName] : activity.counts[series as EventKind]) ?? 0
  );
};

/** 1 on each day of the dense span (starting at day number `start`) that one of the ranges covers. */
const observedFlags = (ranges: ObservedWindows[EventKind], start: number, length: number): Uint8Array => {
  const flags = new Uint8Array(length);
  for (const range of ranges ?? []) {
    const first = Math.max(0, dayNumber(range.from) - start);
    const last = Math.min(length - 1, dayNumber(range.to) - start);
    if (first <= last) flags.fill(1, first, last + 1);
  }
  return flags;
};

const firstActiveDay = (days: readonly DayActivity[], to: Day): Day | undefined => {
  let first: Day | undefined;
  for (const { day, counts } of days) {
    if (day > to || (first !== undefined && day >= first)) continue;
    if (Object.values(counts).some((count) => (count ?? 0) > 0)) first = day;
  }
  return first;
};
