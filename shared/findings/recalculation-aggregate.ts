import { addDays, dayNumber, dayOf } from '../domain/days';
import type { Day } from '../domain/kinds';
import { round } from '../domain/numbers';
import type { FindingScope } from '../domain/pillars';
import type { RecalculationEvent } from '../domain/population';
import { compare, type MemberHistory, pairsOf, stepStrength, strongestApart } from './recalculation';
import { detectionTime, FINDING_SCOPES, officialValue } from './series';
import type { FindingThresholds } from './thresholds';

/**
 * RECALCULATION from a small cross-member aggregate instead of every member's history in memory. Each member
 * contributes, per scope, one *pair* per two consecutive reading days at most `recalcMaxGapDays` apart (the
 * pairs `detectRecalculationEvents` judges, from `pairsOf`); a pair counts on every day it covers. The table keeps
 * per (day, scope) only counts: members covering the day, how many went up and down, and histograms of their
 * change in own spreads (z) and of the relative change. The daily detection reads those cells, not the members.
 * Binning is the one difference from the in-memory detection: medians are read to a bin (0.05 spreads, 0.1 %).
 */

/** Histogram bin widths and the clamp of the extreme bins (a median never lives there). */
export const Z_BIN = 0.05;
export const SHIFT_BIN = 0.001;
const Z_CLAMP = 1_000;
const SHIFT_CLAMP = 1_000;

/** Days of aggregate the daily detection reads: events older than this were found by earlier sweeps. */
export const AGGREGATE_LOOKBACK_DAYS = 400;

/** One member's pair as stored: what it adds to each day it covers. `arrivedHour` is `yyyy-mm-ddThh` (UTC). */
export interface PairContribution {
  scope: FindingScope;
  firstDay: Day;
  lastDay: Day;
  zBin: number;
  /** Absent when the earlier value is 0 (no relative change). */
  shiftBin?: number;
  arrivedHour: string;
}

/** What one (day, scope) cell holds, or the change to apply to it. */
export interface AggregateCell {
  day: Day;
  scope: FindingScope;
  members: number;
  up: number;
  down: number;
  /** Bin → count. */
  z: Record<string, number>;
  shift: Record<string, number>;
  /** Arrival hour → count: the latest with a count gives `detectedAt` (to the hour). */
  arrivals: Record<string, number>;
}

const bin = (value: number, width: number, clamp: number): number =>
  Math.max(-clamp, Math.min(clamp, Math.round(value / width)));

/** The member's pairs on or after `since`, ready to store (a deterministic order, so equal inputs compare equal). */
export const memberContribution = (
  memberId: string,
  history: MemberHistory,
  thresholds: FindingThresholds,
  since: Day,
): PairContribution[] =>
  FINDING_SCOPES.flatMap((scope) =>
    pairsOf(memberId, history, scope, thresholds)
      .filter((pair) => pair.lastDay >= dayNumber(since))
      .map((pair): PairContribution => {
        const before = officialValue(pair.before, scope);
        return {
          scope,
          firstDay: dayOf(pair.firstDay),
          lastDay: dayOf(pair.lastDay),
          zBin: bin(pair.z, Z_BIN, Z_CLAMP),
          ...(before > 0 ? { shiftBin: bin(pair.change / before, SHIFT_BIN, SHIFT_CLAMP) } : {}),
          arrivedHour: detectionTime(pair.after).slice(0, 13),
        };
      }),
  );

export const contributionKey = (pair: PairContribution): string =>
  `${pair.scope}|${pair.firstDay}|${pair.lastDay}|${pair.zBin}|${pair.shiftBin ?? ''}|${pair.arrivedHour}`;

export const cellKey = (day: Day, scope: FindingScope): string => `${day}#${scope}`;

const emptyCell = (day: Day, scope: FindingScope): AggregateCell => ({
  day,
  scope,
  members: 0,
  up: 0,
  down: 0,
  z: {},
  shift: {},
  arrivals: {},
});

const bump = (counts: Record<string, number>, key: string, by: number) => {
  counts[key] = (counts[key] ?? 0) + by;
};

/**
 * What replacing a member's stored pairs by `next` changes in the aggregate: one delta cell per (day, scope)
 * touched, with counts to add (negative for pairs that went). Pairs in both cancel, so re-recording the same
 * readings changes nothing: a reading never counts twice.
 */
export const contributionDelta = (
  previous: readonly PairContribution[],
  next: readonly PairContribution[],
): AggregateCell[] => {
  const multiplicity = new Map<string, { pair: PairContribution; by: number }>();
  for (const [pairs, by] of [
    [previous, -1],
    [next, 1],
  ] as const)
    for (const pair of pairs) {
      const entry = multiplicity.get(contributionKey(pair)) ?? { pair, by: 0 };
      entry.by += by;
      multiplicity.set(contributionKey(pair), entry);
    }
  const cells = new Map<string, AggregateCell>();
  for (const { pair, by } of multiplicity.values()) {
    if (by === 0) continue;
    for (let day = dayNumber(pair.firstDay); day <= dayNumber(pair.lastDay); day++) {
      const key = cellKey(dayOf(day), pair.scope);
      const cell = cells.get(key) ?? emptyCell(dayOf(day), pair.scope);
      cells.set(key, cell);
      cell.members += by;
      if (pair.zBin > 0) cell.up += by;
      if (pair.zBin < 0) cell.down += by;
      bump(cell.z, String(pair.zBin), by);
      if (pair.shiftBin !== undefined) bump(cell.shift, String(pair.shiftBin), by);
      bump(cell.arrivals, pair.arrivedHour, by);
    }
  }
  return [...cells.values()].sort((a, b) => compare(cellKey(a.day, a.scope), cellKey(b.day, b.scope)));
};

/** Adds a delta cell to a stored one (the in-memory adapter; DynamoDB does it with ADD). */
export const addCell = (stored: AggregateCell | undefined, delta: AggregateCell): AggregateCell => {
  const sum = structuredClone(stored ?? emptyCell(delta.day, delta.scope));
  sum.members += delta.members;
  sum.up += delta.up;
  sum.down += delta.down;
  for (const field of ['z', 'shift', 'arrivals'] as const)
    for (const [key, by] of Object.entries(delta[field])) bump(sum[field], key, by);
  return sum;
};

/** The median of a histogram (bin → count), in bin units × width; the mean of the two middle values when even. */
const histogramMedian = (counts: Record<string, number>, width: number): number | undefined => {
  const bins = Object.entries(counts)
    .map(([key, count]) => [Number(key), count] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return undefined;
  const at = (rank: number): number => {
    let seen = 0;
    for (const [value, count] of bins) {
      seen += count;
      if (rank < seen) return value;
    }
    return (bins.at(-1) as readonly [number, number])[0];
  };
  const middle = total / 2;
  const value = total % 2 ? at(Math.floor(middle)) : (at(middle - 1) + at(middle)) / 2;
  return value * width;
};

/**
 * `detectRecalculationEvents`' rule on the aggregate cells: per scope, a day is a candidate when at least
 * `recalcMinMembers` members cover it, their median z reaches `recalcMinShift`, `recalcMemberShare` of them agree
 * in direction and the median's significance reaches `recalcMinStrength`; the strongest day wins within
 * `RECALC_SEPARATION_DAYS`. Memory grows with the days read, never with the members.
 */
export const detectFromAggregate = (
  cells: readonly AggregateCell[],
  thresholds: FindingThresholds,
): RecalculationEvent[] => {
  const events: RecalculationEvent[] = [];
  for (const scope of FINDING_SCOPES) {
    const candidates = cells
      .filter((cell) => cell.scope === scope)
      .flatMap((cell) => {
        const typical = histogramMedian(cell.z, Z_BIN) ?? 0;
        const direction = Math.sign(typical);
        const agreeing =
          direction > 0 ? cell.up : direction < 0 ? cell.down : cell.members - cell.up - cell.down;
        const strength = stepStrength({ typical, members: cell.members, agreeing }, thresholds);
        return strength === undefined ? [] : [{ cell, strength, agreeing, day: dayNumber(cell.day) }];
      });
    const chosen = strongestApart(candidates);
    for (const { cell, agreeing } of chosen) {
      const latestHour = Object.entries(cell.arrivals)
        .filter(([, count]) => count > 0)
        .map(([hour]) => hour)
        .sort()
        .at(-1);
      events.push({
        day: cell.day,
        pillar: scope,
        shift: round(histogramMedian(cell.shift, SHIFT_BIN) ?? 0, 4),
        members: cell.members,
        membersStepping: agreeing,
        // To the hour (the cell keeps arrival hours, not instants): the end of the latest arrival hour.
        detectedAt: latestHour ? `${latestHour}:59:59.999Z` : `${cell.day}T00:00:00.000Z`,
      });
    }
  }
  return events.sort((a, b) => compare(a.day, b.day) || compare(a.pillar, b.pillar));
};

/** The first day the daily detection reads, for a sweep on `today`. */
export const aggregateSince = (today: Day): Day => addDays(today, -AGGREGATE_LOOKBACK_DAYS);
