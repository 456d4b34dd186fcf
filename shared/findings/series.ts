import { dayNumber } from '../domain/days';

import type { Day, DayActivity, EventKind } from '../domain/kinds';
import type { FindingScope, OfficialReading, PillarScores } from '../domain/pillars';
import { PILLAR_MAX, PILLARS, TOTAL_MAX } from '../domain/pillars';
import { COMPONENTS, seriesKinds } from '../model/parameters';

/** What the findings read of an estimate: raw `DailyEstimate`s and calibrated days both fit. */
export interface ScoredDay {
  day: Day;
  pillars: PillarScores;
  total: number;
  /** The raw estimate's confidence (what the export could observe); DIVERGENT widens its tolerance below 1. */
  confidence?: PillarScores & { total: number };
}

export const FINDING_SCOPES: readonly FindingScope[] = ['overall', ...PILLARS];

/** The UTC day a reading was observed on (observedAt is a canonical ISO instant). */
export const readingDay = (reading: OfficialReading): Day => reading.observedAt.slice(0, 10);

/** Oldest first; same-time readings by hash, so any input order gives the same findings. */
export const sortReadings = (readings: readonly OfficialReading[]): OfficialReading[] =>
  [...readings].sort((a, b) =>
    a.observedAt !== b.observedAt
      ? a.observedAt < b.observedAt
        ? -1
        : 1
      : a.readingHash < b.readingHash
        ? -1
        : a.readingHash > b.readingHash
          ? 1
          : 0,
  );

export const officialValue = (reading: OfficialReading, scope: FindingScope): number =>
  scope === 'overall' ? reading.overall : reading.pillars[scope];

export const scoredValue = (day: ScoredDay, scope: FindingScope): number =>
  scope === 'overall' ? day.total : day.pillars[scope];

export const scopeMax = (scope: FindingScope): number => (scope === 'overall' ? TOTAL_MAX : PILLAR_MAX);

/** When a finding resting on this reading could first be known: not before the reading reached pillarwatch. */
export const detectionTime = (reading: OfficialReading): string =>
  reading.receivedAt > reading.observedAt ? reading.receivedAt : reading.observedAt;

/** The kinds whose activity feeds a scope in the model (overall: every pillar's). */
const SCOPE_KINDS: ReadonlyMap<FindingScope, readonly EventKind[]> = new Map(
  FINDING_SCOPES.map((scope) => {
    const pillars = scope === 'overall' ? PILLARS : [scope];
    const kinds = new Set(
      pillars.flatMap((pillar) => COMPONENTS[pillar].flatMap((c) => seriesKinds(c.series))),
    );
    return [scope, [...kinds].sort()];
  }),
);

export const scopeKinds = (scope: FindingScope): readonly EventKind[] => SCOPE_KINDS.get(scope) ?? [];

/** Per-scope activity over day ranges: events of the kinds feeding the scope, by day number. */
export class ActivityIndex {
  private readonly days: readonly DayActivity[];
  private readonly eventsByScope = new Map<FindingScope, ReadonlyMap<number, number>>();

  constructor(days: readonly DayActivity[]) {
    this.days = days;
  }

  private eventsPerDay(scope: FindingScope): ReadonlyMap<number, number> {
    let events = this.eventsByScope.get(scope);
    if (!events) {
      const kinds = scopeKinds(scope);
      const perDay = new Map<number, number>();
      for (const day of this.days) {
        const count = kinds.reduce((sum, kind) => sum + (day.counts[kind] ?? 0), 0);
        if (count > 0) perDay.set(dayNumber(day.day), count);
      }
      events = perDay;
      this.eventsByScope.set(scope, events);
    }
    return events;
  }

  /** Events of the scope's kinds from `from` (inclusive) to `to` (exclusive). */
  events(from: Day, to: Day, scope: FindingScope): number {
    const perDay = this.eventsPerDay(scope);
    let events = 0;
    for (let day = dayNumber(from); day < dayNumber(to); day++) events += perDay.get(day) ?? 0;
    return events;
  }

  /** Days from `from` (inclusive) to `to` (exclusive) with at least one event feeding the scope. */
  activeDays(from: Day, to: Day, scope: FindingScope): number {
    const perDay = this.eventsPerDay(scope);
    let active = 0;
    for (let day = dayNumber(from); day < dayNumber(to); day++) if (perDay.has(day)) active++;
    return active;
  }

  /** Totals per feeding kind over [from, to), zero kinds left out. */
  totals(from: Day, to: Day, scope: FindingScope): Partial<Record<EventKind, number>> {
    const inRange = this.days.filter((day) => day.day >= from && day.day < to);
    const totals: Partial<Record<EventKind, number>> = {};
    for (const kind of scopeKinds(scope)) {
      const total = inRange.reduce((sum, day) => sum + (day.counts[kind] ?? 0), 0);
      if (total > 0) totals[kind] = total;
    }
    return totals;
  }
}

/** Scores by day for quick lookup. */
export const byDay = <T extends { day: Day }>(days: readonly T[] | undefined): ReadonlyMap<Day, T> =>
  new Map((days ?? []).map((day) => [day.day, day]));

/** One member's inputs to STALE and DIVERGENT. */
export interface MemberScores {
  memberId: string;
  readings: readonly OfficialReading[];
  /** Raw model estimates per day (`DailyEstimate[]`). */
  estimates: readonly ScoredDay[];
  /** Calibrated estimates per day; absent (no calibration yet) → no DIVERGENT. */
  calibrated?: readonly ScoredDay[];
  activity: readonly DayActivity[];
}
