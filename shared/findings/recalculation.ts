import { addDays, dayNumber, dayOf } from '../domain/days';
import type { DayActivity } from '../domain/kinds';
import { round } from '../domain/numbers';
import type { Finding, FindingScope, OfficialReading, Pillar } from '../domain/pillars';
import { PILLARS } from '../domain/pillars';
import type { RecalculationEvent } from '../domain/population';
import {
  ActivityIndex,
  detectionTime,
  FINDING_SCOPES,
  officialValue,
  readingDay,
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

/** Two consecutive reading days of one member around a possible step. */
export interface Pair {
  memberId: string;
  before: OfficialReading;
  after: OfficialReading;
  /** Day numbers the change may have happened on: after the earlier reading's day, up to the later one's. */
  firstDay: number;
  lastDay: number;
  change: number;
  /** The change in units of the member's own day-to-day spread; 0 for a rise a burst of activity explains. */
  z: number;
}

/** Noise floor of a member's spread (points): deterministic or rounded series would otherwise divide by ~0. */
const MIN_SPREAD = 0.05;
/** Scaled median absolute deviation: the standard deviation of a normal sample, robust to the step itself. */
const MAD_SCALE = 1.4826;
/** Standard error of a median relative to a mean's (√(π/2)). */
const MEDIAN_EFFICIENCY = 1.2533;
/** Two events of one scope closer than this are one: the strongest day wins. */
export const RECALC_SEPARATION_DAYS = 14;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2
    ? (sorted[Math.floor(middle)] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** The day's last reading speaks for the day: one value per reading day. */
const lastPerDay = (readings: readonly OfficialReading[]): OfficialReading[] =>
  sortReadings(readings).filter((reading, i, all) => {
    const next = all[i + 1];
    return !next || readingDay(next) !== readingDay(reading);
  });

/** A member's short-gap pairs (at most `recalcMaxGapDays` apart), each change scaled by the member's own spread. */
export const pairsOf = (
  memberId: string,
  history: MemberHistory,
  scope: FindingScope,
  thresholds: FindingThresholds,
): Pair[] => {
  const readings = lastPerDay(history.readings);
  const activity = new ActivityIndex(history.activity);
  const short: { before: OfficialReading; after: OfficialReading; change: number }[] = [];
  for (let i = 1; i < readings.length; i++) {
    const before = readings[i - 1] as OfficialReading;
    const after = readings[i] as OfficialReading;
    if (dayNumber(readingDay(after)) - dayNumber(readingDay(before)) > thresholds.recalcMaxGapDays) continue;
    const change = officialValue(after, scope) - officialValue(before, scope);
    // An identical value is LinkedIn not recomputing (a freeze): it says nothing about a formula change.
    if (change !== 0) short.push({ before, after, change });
  }
  if (short.length === 0) return [];
  const changes = short.map((pair) => pair.change);
  const centre = median(changes);
  const spread = Math.max(MIN_SPREAD, MAD_SCALE * median(changes.map((change) => Math.abs(change - centre))));
  return short.map(({ before, after, change }) => {
    const fromDay = readingDay(before);
    const day = readingDay(after);
    // Activity only ever adds points, and decay is gradual: only a rise can be the member's doing, and only
    // with a burst of the activity that feeds the scope on the step's days.
    const events = activity.events(fromDay, addDays(day, 1), scope);
    const baselinePerDay = activity.events(addDays(fromDay, -BASELINE_DAYS), fromDay, scope) / BASELINE_DAYS;
    const stepDays = dayNumber(day) - dayNumber(fromDay) + 1;
    const burst = events >= Math.max(BURST_FACTOR, BURST_FACTOR * baselinePerDay * stepDays);
    return {
      memberId,
      before,
      after,
      firstDay: dayNumber(fromDay) + 1,
      lastDay: dayNumber(day),
      change,
      z: change > 0 && burst ? 0 : change / spread,
    };
  });
};

interface Candidate {
  day: number;
  pillar: FindingScope;
  strength: number;
  pairs: Pair[];
  direction: number;
}

/**
 * The population rule, shared by the in-memory detection and the aggregate's (`recalculation-aggregate.ts`):
 * `members` observed across a day, their median change `typical` in units of their own spread, `agreeing` of
 * them in its direction. A step when well outside the members' own spread, consistent in direction, and
 * unlikely from noise among this many; its strength (the median's significance) ranks candidates.
 */
export const stepStrength = (
  step: { typical: number; members: number; agreeing: number },
  thresholds: FindingThresholds,
): number | undefined => {
  const strength = (Math.abs(step.typical) * Math.sqrt(step.members)) / MEDIAN_EFFICIENCY;
  return step.members < thresholds.recalcMinMembers ||
    Math.abs(step.typical) < thresholds.recalcMinShift ||
    step.agreeing < thresholds.recalcMemberShare * step.members ||
    strength < thresholds.recalcMinStrength
    ? undefined
    : strength;
};

/** The strongest candidates at least `RECALC_SEPARATION_DAYS` apart (ties: the earlier day). */
export const strongestApart = <T extends { day: number; strength: number }>(
  candidates: readonly T[],
): T[] => {
  const chosen: T[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.strength - a.strength || a.day - b.day))
    if (chosen.every((other) => Math.abs(other.day - candidate.day) >= RECALC_SEPARATION_DAYS))
      chosen.push(candidate);
  return chosen;
};

/** The evidence for a step on `day`: the members' pairs covering it, judged as a population. */
const candidateOn = (
  day: number,
  scope: FindingScope,
  pairs: readonly Pair[],
  thresholds: FindingThresholds,
): Candidate | undefined => {
  const covering = pairs.filter((pair) => pair.firstDay <= day && day <= pair.lastDay);
  if (covering.length < thresholds.recalcMinMembers) return undefined;
  const typical = median(covering.map((pair) => pair.z));
  const direction = Math.sign(typical);
  const agreeing = covering.filter((pair) => Math.sign(pair.z) === direction).length;
  const strength = stepStrength({ typical, members: covering.length, agreeing }, thresholds);
  return strength === undefined ? undefined : { day, pillar: scope, strength, pairs: covering, direction };
};

/**
 * RECALCULATION as a population fact: per scope, a day D is a recalculation day when the reading-to-reading changes
 * of the members observed across it (two readings at most `recalcMaxGapDays` apart, one member one change), each
 * in units of that member's own day-to-day spread (robust: scaled MAD), have a median of at least `recalcMinShift`
 * spreads, at least `recalcMemberShare` of them agree in direction, at least `recalcMinMembers` members show it,
 * and the median's own significance (median · √n / 1.25) reaches `recalcMinStrength`. A rise a member's burst of
 * activity explains counts as no change. The strongest day wins within `RECALC_SEPARATION_DAYS`. The shift is the
 * median relative change; `detectedAt` the latest arrival among the readings that showed it.
 */
export const detectRecalculationEvents = (
  members: ReadonlyMap<string, MemberHistory>,
  thresholds: FindingThresholds = DEFAULT_THRESHOLDS,
): RecalculationEvent[] => {
  const events: RecalculationEvent[] = [];
  const memberIds = [...members.keys()].sort();
  for (const scope of FINDING_SCOPES) {
    const pairs = memberIds.flatMap((memberId) =>
      pairsOf(memberId, members.get(memberId) as MemberHistory, scope, thresholds),
    );
    const days = [...new Set(pairs.flatMap((pair) => range(pair.firstDay, pair.lastDay)))].sort(
      (a, b) => a - b,
    );
    const chosen = strongestApart(days.flatMap((day) => candidateOn(day, scope, pairs, thresholds) ?? []));
    for (const candidate of chosen) {
      const stepping = candidate.pairs.filter((pair) => Math.sign(pair.z) === candidate.direction);
      const relative = candidate.pairs
        .map((pair) => ({ pair, before: officialValue(pair.before, scope) }))
        .filter(({ before }) => before > 0)
        .map(({ pair, before }) => pair.change / before);
      events.push({
        day: dayOf(candidate.day),
        pillar: scope,
        shift: round(median(relative), 4),
        members: candidate.pairs.length,
        membersStepping: stepping.length,
        detectedAt: candidate.pairs
          .map((pair) => detectionTime(pair.after))
          .sort()
          .at(-1) as string,
      });
    }
  }
  return events.sort((a, b) => compare(a.day, b.day) || compare(a.pillar, b.pillar));
};

/**
 * What the sweep stores: the stored events stay as they are (a correction that sticks: its day and shift do not
 * wander as readings arrive or are erased); a detected event is new when no stored event of its scope lies within
 * `RECALC_SEPARATION_DAYS` of its day.
 */
export const newRecalculationEvents = (
  stored: readonly RecalculationEvent[],
  detected: readonly RecalculationEvent[],
): RecalculationEvent[] =>
  detected.filter(
    (event) =>
      !stored.some(
        (known) =>
          known.pillar === event.pillar &&
          Math.abs(dayNumber(known.day) - dayNumber(event.day)) < RECALC_SEPARATION_DAYS,
      ),
  );

const range = (first: number, last: number): number[] =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A member's RECALCULATION findings: one per event whose day their readings bracket (the last reading before the
 * day and the first on or after it, however far apart), so the step is not read as theirs. Members whose
 * readings all fall on one side are unaffected. The finding carries the event's day (`clusterDay`) and ratio
 * (1 + shift), which `normaliseReadings` applies to the readings before it; it is known when both the event and
 * the member's reading after it are.
 */
export const attributeRecalculations = (
  memberId: string,
  readings: readonly OfficialReading[],
  events: readonly RecalculationEvent[],
): Finding[] => {
  const days = lastPerDay(readings);
  const findings: Finding[] = [];
  for (const event of events) {
    const at = days.findIndex((reading) => readingDay(reading) >= event.day);
    const before = days[at - 1];
    const after = days[at];
    if (at <= 0 || !before || !after) continue;
    const valueBefore = officialValue(before, event.pillar);
    const valueAfter = officialValue(after, event.pillar);
    const arrived = detectionTime(after);
    findings.push({
      memberId,
      type: 'RECALCULATION',
      pillar: event.pillar,
      from: readingDay(before),
      to: readingDay(after),
      detectedAt: arrived > event.detectedAt ? arrived : event.detectedAt,
      evidence: {
        direction: event.shift < 0 ? 'down' : 'up',
        before: { observedAt: before.observedAt, value: valueBefore },
        after: { observedAt: after.observedAt, value: valueAfter },
        change: round(valueAfter - valueBefore, 6),
        ratio: round(1 + event.shift, 6),
        shift: event.shift,
        clusterDay: event.day,
        daysApart: dayNumber(readingDay(after)) - dayNumber(readingDay(before)),
        membersObserved: event.members,
        ...(event.membersStepping !== undefined ? { membersStepping: event.membersStepping } : {}),
      },
    });
  }
  return findings.sort((a, b) => compare(a.from, b.from) || compare(a.pillar, b.pillar));
};

/**
 * Readings in today's formula: every reading up to a recalculation step of the member is scaled by that step's
 * ratio (after / before), per scope; a pillar without a step of its own on that day by the overall's. DIVERGENT compares these, and a calibration fitted on them is not torn
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
      day: String(finding.evidence.clusterDay ?? finding.to),
    }));
  if (steps.length === 0) return [...readings];
  // A pillar whose own step was too small to see among the members moved with the overall: its ratio is the best
  // guess (the calibration fits pillars, so an unscaled pillar would tear it).
  const overall = steps.filter((step) => step.scope === 'overall');
  const inferred = PILLARS.flatMap((pillar) =>
    overall
      .filter((step) => !steps.some((own) => own.scope === pillar && own.day === step.day))
      .map((step) => ({ ...step, scope: pillar as FindingScope })),
  );
  const all = [...steps, ...inferred];
  return readings.map((reading) => {
    const factor = (scope: FindingScope): number =>
      all
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
