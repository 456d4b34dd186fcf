import { addDays } from '../domain/days';
import type { Day } from '../domain/kinds';
import { type Calibration, type DailyEstimate, PILLARS, type Pillar } from '../domain/pillars';

/** The default span of "What moved your score": the last four weeks. */
export const MOVED_DAYS = 28;

/** One source's share of a pillar's change: a series the model reads (`post`, `active_days`, …) or `profile`. */
export interface SourceMove {
  source: string;
  change: number;
}

export interface PillarMove {
  pillar: Pillar;
  /** The pillar on the first and last day (calibrated when a calibration applies). */
  from: number;
  to: number;
  /** The sum of `sources` (so the words and the chart add up to it). */
  change: number;
  /** Largest move first; sources that did not move are left out. */
  sources: SourceMove[];
}

export interface WhatMoved {
  from: Day;
  to: Day;
  calibrated: boolean;
  pillars: PillarMove[];
  /** The sum of the pillars' changes. */
  change: number;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** The estimate of the latest day ≤ `day` (or the earliest one after it when none is), from a day-sorted list. */
const estimateAt = (sorted: readonly DailyEstimate[], day: Day): DailyEstimate | undefined => {
  let found: DailyEstimate | undefined;
  for (const estimate of sorted) {
    if (estimate.day > day) break;
    found = estimate;
  }
  return found ?? sorted[0];
};

/**
 * Which sources raised or lowered each pillar between two days, from the model's contributions (docs/coaching.md).
 * On the calibrated scale the map is linear per pillar, so each source's change is scaled by the pillar's slope;
 * the pillar's change is the sum of its sources. Undefined without estimates.
 */
export const whatMoved = (input: {
  estimates: readonly DailyEstimate[];
  calibration?: Calibration;
  /** Default: `to` minus four weeks. */
  from?: Day;
  /** Default: the latest estimated day. */
  to?: Day;
}): WhatMoved | undefined => {
  const sorted = [...input.estimates].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const latest = sorted.at(-1);
  if (!latest) return undefined;
  const to = input.to ?? latest.day;
  const from = input.from ?? addDays(to, -MOVED_DAYS);
  const start = estimateAt(sorted, from) as DailyEstimate;
  const end = estimateAt(sorted, to) as DailyEstimate;
  const calibration =
    input.calibration && input.calibration.modelVersion === end.modelVersion ? input.calibration : undefined;
  const slope = (pillar: Pillar) => calibration?.pillars[pillar].slope ?? 1;
  const onScale = (pillar: Pillar, raw: number) =>
    calibration
      ? Math.min(25, Math.max(0, slope(pillar) * raw + calibration.pillars[pillar].intercept))
      : raw;
  const pillars = PILLARS.map((pillar): PillarMove => {
    const before = start.contributions[pillar] ?? {};
    const after = end.contributions[pillar] ?? {};
    const sources = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .map((source) => ({
        source,
        change: round2(slope(pillar) * ((after[source] ?? 0) - (before[source] ?? 0))),
      }))
      .filter((move) => move.change !== 0)
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || (a.source < b.source ? -1 : 1));
    return {
      pillar,
      from: round2(onScale(pillar, start.pillars[pillar])),
      to: round2(onScale(pillar, end.pillars[pillar])),
      change: round2(sources.reduce((sum, move) => sum + move.change, 0)),
      sources,
    };
  });
  return {
    from: start.day,
    to: end.day,
    calibrated: calibration !== undefined,
    pillars,
    change: round2(pillars.reduce((sum, move) => sum + move.change, 0)),
  };
};
