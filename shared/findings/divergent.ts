import { dayNumber, dayOf } from '../domain/days';
import type { Day } from '../domain/kinds';
import { round } from '../domain/numbers';
import type { Finding, FindingScope, OfficialReading } from '../domain/pillars';
import { normaliseReadings } from './recalculation';
import {
  ActivityIndex,
  byDay,
  detectionTime,
  FINDING_SCOPES,
  type MemberScores,
  officialValue,
  readingDay,
  type ScoredDay,
  scoredValue,
  sortReadings,
} from './series';
import { DEFAULT_THRESHOLDS, type FindingThresholds } from './thresholds';

export interface Comparison {
  reading: OfficialReading;
  official: number;
  /** The official value in today's formula (differs only before a recalculation). */
  normalised: number;
  estimate: number;
  /** This reading's tolerance: the base one, widened by what the model cannot see around it. */
  tolerance: number;
  widenedBy: string[];
}

/** The day's last reading speaks for the day: the estimate is daily, so a day read three times is one comparison. */
const lastOfEachDay = <T extends { reading: OfficialReading }>(items: readonly T[]): T[] =>
  items.filter((item, i) => {
    const next = items[i + 1];
    return !next || readingDay(next.reading) !== readingDay(item.reading);
  });

/** Days before a reading that tell whether the member was quiet, or that LinkedIn recently froze or recalculated. */
export const DIVERGENT_LOOKBACK_DAYS = 28;
/**
 * How long an unusual stretch of activity stays in the model's memory (its longest recent window): after a quiet
 * stretch or a burst the model and LinkedIn forget at different paces for this long.
 */
export const MODEL_MEMORY_DAYS = 91;
/** Quiet: at least this many consecutive days without any activity (a holiday, a leave: not a rare kind). */
const QUIET_STRETCH_DAYS = 14;
/** Burst: a week with at least this many times the member's average weekly events (and at least 10). */
const BURST_FACTOR = 3;
const BURST_MIN_EVENTS = 10;

/** What the member's activity in the model's memory before `day` says about the estimate's reliability. */
const unusualActivity = (activity: ActivityIndex, day: Day): string[] => {
  const today = dayNumber(day);
  const first = today - MODEL_MEMORY_DAYS;
  let longestIdle = 0;
  let idle = 0;
  const weekly: number[] = [];
  let total = 0;
  for (let d = first; d < today; d++) {
    const events = activity.events(dayOf(d), dayOf(d + 1), 'overall');
    total += events;
    idle = events === 0 ? idle + 1 : 0;
    longestIdle = Math.max(longestIdle, idle);
    if ((d - first) % 7 === 6) weekly.push(activity.events(dayOf(d - 6), dayOf(d + 1), 'overall'));
  }
  const averageWeek = (total / MODEL_MEMORY_DAYS) * 7;
  const reasons: string[] = [];
  if (longestIdle >= QUIET_STRETCH_DAYS) reasons.push('quiet');
  if (weekly.some((week) => week >= BURST_MIN_EVENTS && week >= BURST_FACTOR * averageWeek))
    reasons.push('burst');
  return reasons;
};
/**
 * A step: the official value jumped away from the estimate between two reading days at most this many days apart.
 * The model's memory, a quiet stretch or a burst move the difference over days; LinkedIn showing a wrong value moves
 * it at once.
 */
export const STEP_WITHIN_DAYS = 3;

/**
 * How a stretch of reading days beyond the base tolerance, one way, began: a step from the difference `from` of the
 * reading day before (a run while it stays away from it), a level (no reading in the days before: a run while beyond
 * the widened tolerance), a drift (grew gradually while the member read) or unseen (the member's first readings):
 * never a run.
 */
type Excursion =
  | { kind: 'step'; direction: number; from: number }
  | { kind: 'level' | 'drift' | 'unseen'; direction: number };

/** Below this confidence the export missed much of what feeds the scope (docs/model.md: upload the full archive). */
const LOW_CONFIDENCE = 0.7;

/** Readings that repeat the previous reading's value to the last decimal: LinkedIn not recomputing, STALE's business. */
const repeats = (readings: readonly OfficialReading[], scope: FindingScope): Set<OfficialReading> => {
  const repeated = new Set<OfficialReading>();
  readings.forEach((reading, i) => {
    const previous = readings[i - 1];
    const value = officialValue(reading, scope);
    if (
      previous &&
      readingDay(previous) !== readingDay(reading) &&
      officialValue(previous, scope) === value &&
      !Number.isInteger(value)
    )
      repeated.add(reading);
  });
  return repeated;
};

const baseTolerance = (scope: FindingScope, thresholds: FindingThresholds): number =>
  scope === 'overall' ? thresholds.divergentTotal : thresholds.divergentPillar;

/**
 * Every reading day's comparison of the calibrated estimate with the official value, per scope, with its tolerance
 * and what widened it (the day's last reading speaks for the day). `detectDivergent` finds runs in these; the
 * evaluation prints them for the runs it missed.
 */
export const divergentComparisons = (
  member: MemberScores,
  recalculations: readonly Finding[] = [],
  thresholds: FindingThresholds = DEFAULT_THRESHOLDS,
): Map<FindingScope, Comparison[]> => {
  const byScope = new Map<FindingScope, Comparison[]>();
  if (!member.calibrated) return byScope;
  const calibrated = byDay(member.calibrated);
  const raw = byDay(member.estimates);
  const activity = new ActivityIndex(member.activity);
  const readings = sortReadings(member.readings);
  const own = recalculations.filter(
    (finding) => finding.memberId === member.memberId && finding.type === 'RECALCULATION',
  );
  const normalised = normaliseReadings(readings, own);
  const unusualByDay = new Map<Day, string[]>();

  for (const scope of FINDING_SCOPES) {
    const base = baseTolerance(scope, thresholds);
    const frozen = repeats(readings, scope);
    const frozenDays = [...frozen].map((reading) => dayNumber(readingDay(reading)));
    const recalculated = own
      .filter((finding) => finding.pillar === scope || finding.pillar === 'overall')
      .map((finding) => dayNumber(String(finding.evidence.clusterDay ?? finding.to)));
    const comparisons: Comparison[] = [];
    readings.forEach((reading, i) => {
      const day = readingDay(reading);
      const estimate = calibrated.get(day);
      if (!estimate || frozen.has(reading)) return;
      const today = dayNumber(day);
      const recent = (days: readonly number[]) =>
        days.some((d) => d <= today && today - d <= DIVERGENT_LOOKBACK_DAYS);
      const widenedBy: string[] = [];
      const unusual = unusualByDay.get(day) ?? unusualActivity(activity, day);
      unusualByDay.set(day, unusual);
      widenedBy.push(...unusual);
      if (recent(recalculated)) widenedBy.push('recalculation');
      if (recent(frozenDays)) widenedBy.push('freeze');
      if (confidenceOf(raw.get(day), scope) < LOW_CONFIDENCE) widenedBy.push('confidence');
      comparisons.push({
        reading,
        official: officialValue(reading, scope),
        normalised: officialValue(normalised[i] as OfficialReading, scope),
        estimate: scoredValue(estimate, scope),
        tolerance: base * (1 + thresholds.divergentWiden * widenedBy.length),
        widenedBy,
      });
    });

    byScope.set(scope, lastOfEachDay(comparisons));
  }
  return byScope;
};

/**
 * DIVERGENT: the calibrated estimate and the official value (overall, or one pillar) differ, the same way, beyond a
 * tolerance on at least `divergentRuns` reading days spanning at least `divergentMinDays` days. Which tolerance
 * depends on how the difference left the base one (`divergentTotal` / `divergentPillar`), judged from the reading
 * day before (`openExcursion`): a step from it within `STEP_WITHIN_DAYS` is held against the base tolerance, around
 * the level it stepped from; a drift (it grew gradually while the member read) and the member's first readings
 * (nothing agreed yet) are never a divergence; after a longer gap the difference itself must pass the base tolerance
 * widened by `divergentWiden` of itself for each thing the model cannot see: in the `MODEL_MEMORY_DAYS` before the
 * reading, a quiet stretch of two weeks or a burst (the model and LinkedIn forget at different paces); in the
 * `DIVERGENT_LOOKBACK_DAYS` before it, a recalculation (the calibration lags it) or a freeze (LinkedIn catching up);
 * and an estimate whose confidence is below 0.7 (the export missed much of what feeds the scope). Readings that
 * repeat the previous value (a freeze: STALE's finding) and reading days without an estimate neither count nor
 * break a run. Official values before one of the member's RECALCULATION steps are first put in today's formula
 * (`normaliseReadings`). Without a calibration there is no DIVERGENT: a raw estimate is not on the official scale.
 * One finding per maximal run, identified by the run's first day.
 */
export const detectDivergent = (
  member: MemberScores,
  recalculations: readonly Finding[] = [],
  thresholds: FindingThresholds = DEFAULT_THRESHOLDS,
): Finding[] => {
  const findings: Finding[] = [];
  for (const [scope, comparisons] of divergentComparisons(member, recalculations, thresholds)) {
    const base = baseTolerance(scope, thresholds);
    const residual = (comparison: Comparison) => comparison.normalised - comparison.estimate;
    let excursion: Excursion | undefined;
    let run: Comparison[] = [];
    const closeRun = () => {
      const trigger = persistedAt(run, thresholds);
      if (excursion && trigger)
        findings.push(divergentFinding(member.memberId, scope, base, run, trigger, excursion));
      run = [];
    };
    comparisons.forEach((comparison, i) => {
      const difference = residual(comparison);
      const beyond = Math.abs(difference) > base;
      if (!beyond || Math.sign(difference) !== excursion?.direction) {
        closeRun();
        excursion = beyond ? openExcursion(comparisons[i - 1], comparison, difference, base) : undefined;
      }
      if (!excursion) return;
      const carries =
        excursion.kind === 'level'
          ? Math.abs(difference) > comparison.tolerance
          : excursion.kind === 'step' && Math.abs(difference - excursion.from) > base;
      if (carries) run.push(comparison);
      else {
        closeRun();
        // A step excursion that fell back within the base tolerance of where it started is a drift from then on.
        if (excursion.kind === 'step') excursion = { ...excursion, kind: 'drift' };
      }
    });
    closeRun();
  }
  return findings;
};

/**
 * What the reading day before an excursion (a stretch beyond the base tolerance, one way) says about it: no reading
 * before (nothing agreed yet, so the calibration cannot be told from LinkedIn), a step or a drift when that day is
 * at most `STEP_WITHIN_DAYS` before, a level to hold against the widened tolerance when it is further back.
 */
const openExcursion = (
  previous: Comparison | undefined,
  comparison: Comparison,
  difference: number,
  base: number,
): Excursion => {
  const direction = Math.sign(difference);
  if (!previous) return { kind: 'unseen', direction };
  const gap = dayNumber(readingDay(comparison.reading)) - dayNumber(readingDay(previous.reading));
  if (gap > STEP_WITHIN_DAYS) return { kind: 'level', direction };
  const from = previous.normalised - previous.estimate;
  const step = difference - from;
  return Math.sign(step) === direction && Math.abs(step) > base
    ? { kind: 'step', direction, from: round(from) }
    : { kind: 'drift', direction };
};

/** How much of what feeds the scope the export could observe on that day (1 when unknown). */
const confidenceOf = (estimate: ScoredDay | undefined, scope: FindingScope): number => {
  const confidence = estimate?.confidence;
  if (!confidence) return 1;
  const value = scope === 'overall' ? confidence.total : confidence[scope];
  return Number.isFinite(value) ? value : 1;
};

/** The reading that makes a run persistent: the `divergentRuns`-th reading day, spanning `divergentMinDays`. */
const persistedAt = (run: readonly Comparison[], thresholds: FindingThresholds): Comparison | undefined => {
  const first = run[0];
  if (!first) return undefined;
  return run.find(
    (comparison, i) =>
      i + 1 >= thresholds.divergentRuns &&
      dayNumber(readingDay(comparison.reading)) - dayNumber(readingDay(first.reading)) >=
        thresholds.divergentMinDays,
  );
};

const divergentFinding = (
  memberId: string,
  scope: FindingScope,
  tolerance: number,
  run: readonly Comparison[],
  trigger: Comparison,
  onset: Excursion,
): Finding => {
  const first = run[0] as Comparison;
  const last = run.at(-1) as Comparison;
  return {
    memberId,
    type: 'DIVERGENT',
    pillar: scope,
    from: readingDay(first.reading),
    to: readingDay(last.reading),
    detectedAt: detectionTime(trigger.reading),
    evidence: {
      tolerance,
      onset: onset.kind,
      ...(onset.kind === 'step' ? { stepFrom: onset.from } : {}),
      readings: run.map((comparison) => ({
        observedAt: comparison.reading.observedAt,
        official: comparison.official,
        ...(comparison.normalised !== comparison.official
          ? { normalised: round(comparison.normalised, 6) }
          : {}),
        estimate: round(comparison.estimate),
        difference: round(comparison.normalised - comparison.estimate),
        ...(onset.kind === 'level' && comparison.widenedBy.length > 0
          ? { tolerance: round(comparison.tolerance), widenedBy: comparison.widenedBy }
          : {}),
      })),
    },
  };
};
