import { addDays, dayNumber } from '../../shared/domain/days';
import type { Day } from '../../shared/domain/kinds';
import type { Finding, OfficialReading, PopulationPrior } from '../../shared/domain/pillars';
import type { RecalculationEvent } from '../../shared/domain/population';
import {
  calibratedForFindings,
  evaluateMember,
  readingsForCalibration,
} from '../../shared/findings/evaluate';
import { attributeRecalculations, detectRecalculationEvents } from '../../shared/findings/recalculation';
import { type MemberScores, readingDay, type ScoredDay } from '../../shared/findings/series';
import { detectStale } from '../../shared/findings/stale';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { fitCalibration } from '../../shared/model/calibration';
import { type DivergentRun, type Freeze, type SimulatedMember, visibleSpan, type World } from './world';

const FITTED_AT = '2026-01-01T00:00:00.000Z';

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
const percentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
};

/** What the pipeline's end-of-period fit sees besides the readings: the sweep's prior, the recency half-life. */
export interface FitContext {
  prior?: PopulationPrior;
  halfLifeDays?: number;
  levelHalfLifeDays?: number;
}

const calibrate = (
  member: SimulatedMember,
  readings: readonly OfficialReading[],
  context: FitContext,
): ScoredDay[] | undefined =>
  calibratedForFindings(
    member.estimates,
    fitCalibration({
      memberId: member.memberId,
      readings,
      estimates: member.estimates,
      fittedAt: FITTED_AT,
      ...context,
    }),
  );

const scoresOf = (member: SimulatedMember, calibrated?: ScoredDay[]): MemberScores => ({
  memberId: member.memberId,
  readings: member.readings,
  estimates: member.estimates,
  activity: member.activity,
  ...(calibrated ? { calibrated } : {}),
});

/**
 * The sweep's population step: recalculation events from every member's readings, and each member's RECALCULATION
 * findings for the events their readings bracket.
 */
export const populationRecalculations = (
  world: World,
): { events: RecalculationEvent[]; recalculations: Finding[] } => {
  const events = detectRecalculationEvents(
    new Map(world.members.map((m) => [m.memberId, { readings: m.readings, activity: m.activity }])),
  );
  const recalculations = world.members.flatMap((m) =>
    attributeRecalculations(m.memberId, m.readings, events),
  );
  return { events, recalculations };
};

/**
 * The whole pipeline at the end of the period: given the population events, per member STALE, calibration on clean
 * readings (STALE repeats out, readings before a recalculation put in today's formula; the sweep's prior), DIVERGENT.
 */
export const runFindings = (
  world: World,
  events: readonly RecalculationEvent[],
  context: FitContext = {},
  /** Receives each member's final scores (the calibration DIVERGENT was checked against), for per-case dumps. */
  scored?: Map<string, MemberScores>,
): Map<string, Finding[]> => {
  const findings = new Map<string, Finding[]>();
  for (const member of world.members) {
    const own = attributeRecalculations(member.memberId, member.readings, events);
    const stale = detectStale(scoresOf(member));
    const calibrated = calibrate(
      member,
      readingsForCalibration(member.readings, [...stale, ...own]),
      context,
    );
    const first = evaluateMember(scoresOf(member, calibrated), events);
    // As the pipeline does: a divergent run's readings do not teach the calibration (a second fit without them).
    const divergent = first.filter((finding) => finding.type === 'DIVERGENT');
    const refitted =
      divergent.length > 0
        ? calibrate(
            member,
            readingsForCalibration(member.readings, [...stale, ...own, ...divergent]),
            context,
          )
        : undefined;
    const final = scoresOf(member, refitted ?? calibrated);
    scored?.set(member.memberId, final);
    findings.set(member.memberId, refitted ? evaluateMember(final, events) : first);
  }
  return findings;
};

const overlaps = (finding: Finding, from: Day, to: Day): boolean => finding.from <= to && finding.to >= from;

const matchesFreeze = (finding: Finding, freeze: Freeze): boolean =>
  !!freeze.firstReading &&
  !!freeze.lastReading &&
  (freeze.scope === 'all' || freeze.scope === finding.pillar) &&
  overlaps(finding, freeze.firstReading.slice(0, 10), freeze.lastReading.slice(0, 10));

export const staleMetrics = (world: World, findings: Map<string, Finding[]>) => {
  let truePositives = 0;
  let falsePositives = 0;
  let positives = 0;
  let detected = 0;
  let shortFreezesFlagged = 0;
  const flagDelays: number[] = [];
  const readingsLate: number[] = [];
  const missed: { memberId: string; scope: string; span: number; activeDays: number }[] = [];
  for (const member of world.members) {
    const stale = (findings.get(member.memberId) ?? []).filter((finding) => finding.type === 'STALE');
    for (const finding of stale) {
      const freeze = member.freezes.find((f) => matchesFreeze(finding, f));
      if (freeze && visibleSpan(freeze) >= DEFAULT_THRESHOLDS.staleDays) truePositives++;
      else falsePositives++;
    }
    for (const freeze of member.freezes) {
      const span = visibleSpan(freeze);
      const matching = stale.filter((finding) => matchesFreeze(finding, freeze));
      if (span < DEFAULT_THRESHOLDS.staleDays) {
        if (matching.length > 0) shortFreezesFlagged++;
        continue;
      }
      positives++;
      if (matching.length === 0) {
        const from = (freeze.firstReading as string).slice(0, 10);
        const to = (freeze.lastReading as string).slice(0, 10);
        const activeDays = member.activity.filter((day) => day.day >= from && day.day < to).length;
        missed.push({ memberId: member.memberId, scope: freeze.scope, span, activeDays });
        continue;
      }
      detected++;
      const first = [...matching].sort((a, b) => (a.detectedAt < b.detectedAt ? -1 : 1))[0] as Finding;
      const threshold = addDays((freeze.firstReading as string).slice(0, 10), DEFAULT_THRESHOLDS.staleDays);
      flagDelays.push(dayNumber(first.detectedAt.slice(0, 10)) - dayNumber(threshold));
      // Readings on or after the threshold day that came before the one that raised the finding.
      const flaggedBy = first.evidence.flaggedBy as string;
      readingsLate.push(
        member.readings.filter(
          (reading) => readingDay(reading) >= threshold && reading.observedAt < flaggedBy,
        ).length,
      );
    }
  }
  return {
    positives,
    detected,
    findings: truePositives + falsePositives,
    falsePositives,
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(detected, positives),
    shortFreezesFlagged,
    daysFromThresholdToFlag: {
      ...delays(flagDelays),
      withinOneDay: ratio(flagDelays.filter((delay) => delay <= 1).length, flagDelays.length),
    },
    readingsBetweenThresholdAndFlag: { max: readingsLate.length ? Math.max(...readingsLate) : null },
    missed,
  };
};

const findingDay = (finding: Finding): Day => finding.detectedAt.slice(0, 10);

const delays = (values: readonly number[]) => ({
  mean: mean(values),
  p95: percentile(values, 0.95),
  max: values.length ? Math.max(...values) : null,
});

/** A divergent run a detector can see: readings on at least 3 days spanning at least 4. */
const visibleRun = (run: DivergentRun): boolean =>
  run.readingDays.length >= 3 &&
  dayNumber(run.readingDays.at(-1) as Day) - dayNumber(run.readingDays[0] as Day) >= 4;

/**
 * DIVERGENT against the simulated runs where LinkedIn showed a wrong pillar. A finding is true when it overlaps a
 * run on that pillar or the overall (which the pillar moves); findings overlapping a freeze are counted apart
 * (the frozen value *is* wrong, but STALE is the finding for it) and in a strict precision as false.
 */
export const divergentMetrics = (world: World, findings: Map<string, Finding[]>) => {
  let truePositives = 0;
  let falsePositives = 0;
  let duringFreezes = 0;
  let positives = 0;
  let detected = 0;
  const flagDelays: number[] = [];
  const falseAlarms: { memberId: string; pillar: string; from: Day; to: Day; habit: string }[] = [];
  const missedRuns: {
    memberId: string;
    pillar: string;
    from: Day;
    to: Day;
    habit: string;
    offset: number;
  }[] = [];
  for (const member of world.members) {
    const divergent = (findings.get(member.memberId) ?? []).filter((f) => f.type === 'DIVERGENT');
    const onRun = (finding: Finding, run: DivergentRun) =>
      (finding.pillar === run.pillar || finding.pillar === 'overall') && overlaps(finding, run.from, run.to);
    for (const finding of divergent) {
      if (member.divergent.some((run) => onRun(finding, run))) truePositives++;
      else if (member.freezes.some((freeze) => overlaps(finding, freeze.from, addDays(freeze.to, 1))))
        duringFreezes++;
      else {
        falsePositives++;
        falseAlarms.push({
          memberId: member.memberId,
          pillar: finding.pillar,
          from: finding.from,
          to: finding.to,
          habit: member.habit,
        });
      }
    }
    for (const run of member.divergent.filter(visibleRun)) {
      positives++;
      const matching = divergent.filter((finding) => onRun(finding, run));
      if (matching.length === 0) {
        const { pillar, from, to, offset } = run;
        missedRuns.push({ memberId: member.memberId, pillar, from, to, habit: member.habit, offset });
        continue;
      }
      detected++;
      const first = matching.map(findingDay).sort()[0] as Day;
      flagDelays.push(dayNumber(first) - dayNumber(run.from));
    }
  }
  return {
    positives,
    detected,
    findings: truePositives + falsePositives + duringFreezes,
    falsePositives,
    duringFreezes,
    precision: ratio(truePositives, truePositives + falsePositives),
    strictPrecision: ratio(truePositives, truePositives + falsePositives + duringFreezes),
    recall: ratio(detected, positives),
    dataDaysFromRunStartToFlag: delays(flagDelays),
    falseAlarms,
    missedRuns,
  };
};

/**
 * RECALCULATION: every member whose readings bracket the recalculation day (any gap) and who was not frozen across
 * it should get a finding whose `clusterDay` is within a day of it. A cluster on any other day is false.
 */
export const recalculationMetrics = (world: World, findings: Map<string, Finding[]>) => {
  const { recalcDay } = world.config;
  const near = (day: unknown) =>
    typeof day === 'string' && Math.abs(dayNumber(day) - dayNumber(recalcDay)) <= 1;
  let expected = 0;
  let found = 0;
  let expectedWeeksApart = 0;
  let foundWeeksApart = 0;
  const falseClusters = new Set<string>();
  const memberDelays: number[] = [];
  let firstFlag: Day | undefined;
  for (const member of world.members) {
    const days = [...new Set(member.readings.map(readingDay))].sort();
    const after = days.find((day) => day >= recalcDay);
    const before = days.filter((day) => day < recalcDay).at(-1);
    const frozenAcross = member.freezes.some((f) => f.from < recalcDay && f.to >= recalcDay);
    const recalculations = (findings.get(member.memberId) ?? []).filter((f) => f.type === 'RECALCULATION');
    for (const finding of recalculations)
      if (!near(finding.evidence.clusterDay))
        falseClusters.add(`${finding.evidence.clusterDay}|${finding.pillar}`);
    const atStep = recalculations.filter((f) => f.pillar === 'overall' && near(f.evidence.clusterDay));
    if (!after || !before || frozenAcross) continue;
    const weeksApart = dayNumber(after) - dayNumber(before) >= 7;
    expected++;
    if (weeksApart) expectedWeeksApart++;
    if (atStep.length === 0) continue;
    found++;
    if (weeksApart) foundWeeksApart++;
    const flagged = atStep.map(findingDay).sort()[0] as Day;
    memberDelays.push(dayNumber(flagged) - dayNumber(recalcDay));
    if (!firstFlag || flagged < firstFlag) firstFlag = flagged;
  }
  return {
    expected,
    found,
    recall: ratio(found, expected),
    expectedWeeksApart,
    foundWeeksApart,
    falseClusters: [...falseClusters].sort(),
    dataDaysToFirstFlag: firstFlag ? dayNumber(firstFlag) - dayNumber(recalcDay) : null,
    dataDaysToMemberFlag: delays(memberDelays),
  };
};
