import { addDays, dayNumber } from '../../shared/domain/days';
import type { Day } from '../../shared/domain/kinds';
import type { DailyEstimate } from '../../shared/domain/pillars';
import { type Finding, type OfficialReading, PILLARS, type Pillar } from '../../shared/domain/pillars';
import { evaluateMember, readingsForCalibration } from '../../shared/findings/evaluate';
import { detectRecalculations } from '../../shared/findings/recalculation';
import { type MemberScores, readingDay, type ScoredDay } from '../../shared/findings/series';
import { detectStale } from '../../shared/findings/stale';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { applyCalibration, fitCalibration } from '../../shared/model/calibration';
import { type Freeze, type SimulatedMember, visibleSpan, type World } from './world';

const FITTED_AT = '2026-01-01T00:00:00.000Z';

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
const percentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
};

const calibrate = (
  member: SimulatedMember,
  readings: readonly OfficialReading[],
): ScoredDay[] | undefined => {
  const calibration = fitCalibration({
    memberId: member.memberId,
    readings,
    estimates: member.estimates,
    fittedAt: FITTED_AT,
  });
  if (!calibration) return undefined;
  return member.estimates.flatMap((estimate: DailyEstimate) => {
    const calibrated = applyCalibration(estimate, calibration);
    return calibrated ? [{ day: estimate.day, ...calibrated }] : [];
  });
};

const scoresOf = (member: SimulatedMember, calibrated?: ScoredDay[]): MemberScores => ({
  memberId: member.memberId,
  readings: member.readings,
  estimates: member.estimates,
  activity: member.activity,
  ...(calibrated ? { calibrated } : {}),
});

/** The whole pipeline at the end of the period: recalculations, STALE, calibration on clean readings, DIVERGENT. */
export const runFindings = (world: World, normaliseRecalculations = true): Map<string, Finding[]> => {
  const recalculations = detectRecalculations(
    new Map(world.members.map((m) => [m.memberId, { readings: m.readings, activity: m.activity }])),
  );
  const used = normaliseRecalculations ? recalculations : [];
  const findings = new Map<string, Finding[]>();
  for (const member of world.members) {
    const own = used.filter((finding) => finding.memberId === member.memberId);
    const stale = detectStale(scoresOf(member));
    const calibrated = calibrate(member, readingsForCalibration(member.readings, [...stale, ...own]));
    const all = evaluateMember(scoresOf(member, calibrated), used);
    // Without normalisation the recalculation findings are still reported; only DIVERGENT ignores them.
    findings.set(
      member.memberId,
      normaliseRecalculations
        ? all
        : [...all, ...recalculations.filter((f) => f.memberId === member.memberId)],
    );
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
  const delays: number[] = [];
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
      delays.push(dayNumber(first.detectedAt.slice(0, 10)) - dayNumber(threshold));
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
      mean: mean(delays),
      p95: percentile(delays, 0.95),
      max: delays.length ? Math.max(...delays) : null,
      withinOneDay: ratio(delays.filter((delay) => delay <= 1).length, delays.length),
    },
    readingsBetweenThresholdAndFlag: { max: readingsLate.length ? Math.max(...readingsLate) : null },
    missed,
  };
};

export const divergentMetrics = (world: World, findings: Map<string, Finding[]>) => {
  let falseAlarms = 0;
  let duringFreezes = 0;
  const membersWithFalseAlarm = new Set<string>();
  let readingDays = 0;
  for (const member of world.members) {
    readingDays += new Set(member.readings.map(readingDay)).size;
    for (const finding of (findings.get(member.memberId) ?? []).filter((f) => f.type === 'DIVERGENT')) {
      if (member.freezes.some((freeze) => overlaps(finding, freeze.from, freeze.to))) duringFreezes++;
      else {
        falseAlarms++;
        membersWithFalseAlarm.add(member.memberId);
      }
    }
  }
  return {
    falseAlarms,
    duringFreezes,
    membersWithFalseAlarm: membersWithFalseAlarm.size,
    falseAlarmMemberShare: ratio(membersWithFalseAlarm.size, world.members.length),
    falseAlarmsPer1000ReadingDays: ratio(falseAlarms * 1000, readingDays),
  };
};

export const recalculationMetrics = (world: World, findings: Map<string, Finding[]>) => {
  const { recalcDay } = world.config;
  let expected = 0;
  let found = 0;
  let elsewhere = 0;
  for (const member of world.members) {
    const days = [...new Set(member.readings.map(readingDay))].sort();
    const after = days.find((day) => day >= recalcDay);
    const before = days.filter((day) => day < recalcDay).at(-1);
    const frozenAcross = member.freezes.some((f) => f.from < recalcDay && f.to >= recalcDay);
    const visible =
      !!after && !!before && dayNumber(after) - dayNumber(before) <= DEFAULT_THRESHOLDS.recalcMaxGapDays;
    const own = (findings.get(member.memberId) ?? []).filter(
      (f) => f.type === 'RECALCULATION' && f.pillar === 'overall',
    );
    const atStep = own.filter((f) => f.to >= recalcDay && f.to <= addDays(recalcDay, 1));
    if (visible && !frozenAcross) {
      expected++;
      if (atStep.length > 0) found++;
    }
    elsewhere += own.length - atStep.length;
  }
  return { expected, found, recall: ratio(found, expected), findingsOnOtherDays: elsewhere };
};

/**
 * Calibrated MAE per pillar after the first N readings: fit on them (as the pipeline would: STALE repeats out),
 * then compare with the genuine (unfrozen) official readings of the following 30 days, before the recalculation.
 */
export const calibrationMetrics = (world: World, sizes: readonly number[]) => {
  const result: Record<
    string,
    Record<Pillar | 'total', number | null> & { members: number; raw: number | null }
  > = {};
  for (const size of sizes) {
    const errors: Record<Pillar | 'total' | 'raw', number[]> = {
      brand: [],
      people: [],
      insights: [],
      relationships: [],
      total: [],
      raw: [],
    };
    let members = 0;
    for (const member of world.members) {
      const before = member.readings.filter((reading) => readingDay(reading) < world.config.recalcDay);
      const training = before.slice(0, size);
      const lastTraining = training.at(-1);
      if (training.length < size || !lastTraining) continue;
      const stale = detectStale({ ...scoresOf(member), readings: training });
      const calibrated = calibrate(member, readingsForCalibration(training, stale));
      if (!calibrated) continue;
      const byDay = new Map(calibrated.map((day) => [day.day, day]));
      const rawByDay = new Map(member.estimates.map((estimate) => [estimate.day, estimate]));
      const horizon = addDays(readingDay(lastTraining), 30);
      const targets = before.filter(
        (reading) =>
          reading.observedAt > lastTraining.observedAt &&
          readingDay(reading) <= horizon &&
          !member.freezes.some((f) => f.from < readingDay(reading) && readingDay(reading) <= f.to),
      );
      if (targets.length === 0) continue;
      members++;
      for (const target of targets) {
        const estimate = byDay.get(readingDay(target));
        const raw = rawByDay.get(readingDay(target));
        if (!estimate || !raw) continue;
        for (const pillar of PILLARS)
          errors[pillar].push(Math.abs(estimate.pillars[pillar] - target.pillars[pillar]));
        errors.total.push(Math.abs(estimate.total - target.overall));
        errors.raw.push(...PILLARS.map((pillar) => Math.abs(raw.pillars[pillar] - target.pillars[pillar])));
      }
    }
    result[`after${size}`] = {
      members,
      brand: mean(errors.brand),
      people: mean(errors.people),
      insights: mean(errors.insights),
      relationships: mean(errors.relationships),
      total: mean(errors.total),
      raw: mean(errors.raw),
    };
  }
  return result;
};
