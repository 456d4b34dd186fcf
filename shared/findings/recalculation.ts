import { addDays, dayNumber, dayOf } from '../domain/days';
import type { Day, DayActivity } from '../domain/kinds';
import type { Finding, FindingScope, OfficialReading, Pillar } from '../domain/pillars';
import { PILLARS } from '../domain/pillars';
import {
  ActivityIndex,
  detectionTime,
  FINDING_SCOPES,
  officialValue,
  readingDay,
  round,
  scopeMax,
  sortReadings,
} from './series';
import { DEFAULT_THRESHOLDS, type FindingThresholds } from './thresholds';

/** A member's history as the cross-member sweep reads it. */
export interface MemberHistory {
  readings: readonly OfficialReading[];
  activity: readonly DayActivity[];
}

/** Days of activity before a step that tell the member's usual pace. */
export const BASELINE_DAYS = 28;
/** A burst explains an upward step when it holds this many times the usual events (and at least as many events). */
const BURST_FACTOR = 3;

/** Share of the step rule a member's change needs to join a recalculation that others established. */
const HALF = 0.5;

/** Two consecutive readings of one member, close enough in time to show a step. */
interface Pair {
  memberId: string;
  before: OfficialReading;
  after: OfficialReading;
  /** Day numbers the change may have happened on: after the earlier reading's day, up to the later one's. */
  firstDay: number;
  lastDay: number;
  change: number;
  /** Sign of the change when it is a step LinkedIn's activity rules cannot explain; 0 otherwise. */
  step: -1 | 0 | 1;
  /** The same at half the step rule: such a member joins a recalculation the others established. */
  lean: -1 | 0 | 1;
  events: number;
  baselinePerDay: number;
}

const minimumPoints = (scope: FindingScope, thresholds: FindingThresholds): number =>
  scope === 'overall' ? thresholds.recalcStepPoints : thresholds.recalcStepPoints / PILLARS.length;

const pairsOf = (
  memberId: string,
  history: MemberHistory,
  scope: FindingScope,
  thresholds: FindingThresholds,
): Pair[] => {
  const readings = sortReadings(history.readings);
  const activity = new ActivityIndex(history.activity);
  const pairs: Pair[] = [];
  for (let i = 1; i < readings.length; i++) {
    const before = readings[i - 1] as OfficialReading;
    const after = readings[i] as OfficialReading;
    const fromDay = readingDay(before);
    const day = readingDay(after);
    if (dayNumber(day) - dayNumber(fromDay) > thresholds.recalcMaxGapDays) continue;
    const previous = officialValue(before, scope);
    const change = officialValue(after, scope) - previous;
    const size = Math.min(
      Math.abs(change) / (thresholds.recalcStepShare * previous),
      Math.abs(change) / minimumPoints(scope, thresholds),
    );
    // Activity only ever adds points, and decay is gradual: only a rise can be the member's doing, and only
    // with a burst of the activity that feeds the scope on the step's days.
    const events = activity.events(fromDay, addDays(day, 1), scope);
    const baselinePerDay = activity.events(addDays(fromDay, -BASELINE_DAYS), fromDay, scope) / BASELINE_DAYS;
    const stepDays = dayNumber(day) - dayNumber(fromDay) + 1;
    const burst = events >= Math.max(BURST_FACTOR, BURST_FACTOR * baselinePerDay * stepDays);
    const direction = change > 0 && burst ? 0 : Math.sign(change);
    const sign = (atLeast: number) => (size >= atLeast ? direction : 0) as -1 | 0 | 1;
    pairs.push({
      memberId,
      before,
      after,
      firstDay: dayNumber(fromDay) + (day > fromDay ? 1 : 0),
      lastDay: dayNumber(day),
      change,
      step: sign(1),
      lean: sign(HALF),
      events,
      baselinePerDay,
    });
  }
  return pairs;
};

/**
 * RECALCULATION: LinkedIn changed its formula. Per scope, a day D is a recalculation day when, among the members
 * with two readings at most `recalcMaxGapDays` apart around D (the later on D, or up to two days after),
 * at least `recalcMinMembers` and at least `recalcMemberShare` of them stepped the same way between those readings
 * (by `recalcStepShare` of the value and `recalcStepPoints`, a quarter of it for a pillar) without a burst of
 * their own activity to explain it. Days are tried best first (most members stepping, then earliest). Each
 * stepping member gets a finding for the step (from = the reading before, to = the reading after), so the step is
 * not read as theirs; `normaliseReadings` then rescales their earlier readings.
 */
export const detectRecalculations = (
  members: ReadonlyMap<string, MemberHistory>,
  thresholds: FindingThresholds = DEFAULT_THRESHOLDS,
): Finding[] => {
  const findings: Finding[] = [];
  const memberIds = [...members.keys()].sort();
  for (const scope of FINDING_SCOPES) {
    const pairs = memberIds.flatMap((memberId) =>
      pairsOf(memberId, members.get(memberId) as MemberHistory, scope, thresholds),
    );
    const claimed = new Set<Pair>();
    for (let best = bestDay(pairs, claimed, thresholds); best; best = bestDay(pairs, claimed, thresholds)) {
      const day = best.day;
      // Members who moved the same way by half the rule (a smaller score, or drift against the step) join in.
      for (const pair of pairs)
        if (
          pair.lean === best.direction &&
          covers(pair, day) &&
          !claimed.has(pair) &&
          !best.largest.has(pair.memberId)
        )
          best.largest.set(pair.memberId, pair);
      for (const pair of [...best.candidates, ...best.largest.values()]) claimed.add(pair);
      for (const pair of best.largest.values())
        findings.push(recalculationFinding(pair, scope, dayOf(best.day), best.largest.size, best.observed));
    }
  }
  return findings.sort(
    (a, b) => compare(a.memberId, b.memberId) || compare(a.from, b.from) || compare(a.pillar, b.pillar),
  );
};

interface Cluster {
  day: number;
  direction: -1 | 1;
  /** Unclaimed steps in the cluster's direction covering the day, and each member's largest of them. */
  candidates: Pair[];
  largest: Map<string, Pair>;
  /** Members with readings around the day. */
  observed: number;
}

const covers = (pair: Pair, day: number): boolean => pair.firstDay <= day && day <= pair.lastDay;

/** Of the days and directions that meet the "many members" rule, the one with the most members (earliest on a tie). */
const bestDay = (
  pairs: readonly Pair[],
  claimed: ReadonlySet<Pair>,
  thresholds: FindingThresholds,
): Cluster | undefined => {
  const open = pairs.filter((pair) => pair.step !== 0 && !claimed.has(pair));
  const days = [...new Set(open.flatMap((pair) => range(pair.firstDay, pair.lastDay)))].sort((a, b) => a - b);
  let best: Cluster | undefined;
  for (const day of days) {
    const observed = new Set(pairs.filter((pair) => covers(pair, day)).map((pair) => pair.memberId)).size;
    for (const direction of [-1, 1] as const) {
      const candidates = open.filter((pair) => pair.step === direction && covers(pair, day));
      const largest = new Map<string, Pair>();
      for (const pair of candidates) {
        const held = largest.get(pair.memberId);
        if (!held || Math.abs(pair.change) > Math.abs(held.change)) largest.set(pair.memberId, pair);
      }
      const many =
        largest.size >= thresholds.recalcMinMembers &&
        largest.size >= thresholds.recalcMemberShare * observed;
      if (many && (!best || largest.size > best.largest.size))
        best = { day, direction, candidates, largest, observed };
    }
  }
  return best;
};

const range = (first: number, last: number): number[] =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const recalculationFinding = (
  pair: Pair,
  scope: FindingScope,
  day: Day,
  membersStepping: number,
  membersObserved: number,
): Finding => {
  const before = officialValue(pair.before, scope);
  const after = officialValue(pair.after, scope);
  return {
    memberId: pair.memberId,
    type: 'RECALCULATION',
    pillar: scope,
    from: readingDay(pair.before),
    to: readingDay(pair.after),
    detectedAt: detectionTime(pair.after),
    evidence: {
      direction: pair.change < 0 ? 'down' : 'up',
      before: { observedAt: pair.before.observedAt, value: before },
      after: { observedAt: pair.after.observedAt, value: after },
      change: round(pair.change, 6),
      ratio: before > 0 ? round(after / before, 6) : null,
      clusterDay: day,
      membersStepping,
      membersObserved,
      activityEvents: pair.events,
      activityBaselinePerDay: round(pair.baselinePerDay, 2),
    },
  };
};

/**
 * Readings in today's formula: every reading up to a recalculation step of the member is scaled by that step's
 * ratio (after / before), per scope. DIVERGENT compares these, and a calibration fitted on them is not torn
 * between two formulas, so the step itself never counts as divergence.
 */
export const normaliseReadings = (
  readings: readonly OfficialReading[],
  recalculations: readonly Finding[],
): OfficialReading[] => {
  const steps = recalculations
    .filter((finding) => finding.type === 'RECALCULATION' && typeof finding.evidence.ratio === 'number')
    .map((finding) => ({
      scope: finding.pillar,
      memberId: finding.memberId,
      ratio: finding.evidence.ratio as number,
      upTo: (finding.evidence.before as { observedAt: string }).observedAt,
    }));
  if (steps.length === 0) return [...readings];
  return readings.map((reading) => {
    const factor = (scope: FindingScope): number =>
      steps
        .filter(
          (step) =>
            step.memberId === reading.memberId && step.scope === scope && reading.observedAt <= step.upTo,
        )
        .reduce((product, step) => product * step.ratio, 1);
    const scaled = (scope: FindingScope): number =>
      Math.min(scopeMax(scope), officialValue(reading, scope) * factor(scope));
    const pillars = Object.fromEntries(PILLARS.map((pillar: Pillar) => [pillar, scaled(pillar)])) as Record<
      Pillar,
      number
    >;
    return { ...reading, overall: scaled('overall'), pillars };
  });
};
