import type { Finding, FindingScope, OfficialReading } from '../domain/pillars';
import { normaliseReadings } from './recalculation';
import {
  byDay,
  detectionTime,
  FINDING_SCOPES,
  type MemberScores,
  officialValue,
  readingDay,
  round,
  scoredValue,
  sortReadings,
} from './series';
import { DEFAULT_THRESHOLDS, type FindingThresholds } from './thresholds';

interface Comparison {
  reading: OfficialReading;
  official: number;
  /** The official value in today's formula (differs only before a recalculation). */
  normalised: number;
  estimate: number;
}

/** The day's last reading speaks for the day: the estimate is daily, so a day read three times is one comparison. */
const lastOfEachDay = <T extends { reading: OfficialReading }>(items: readonly T[]): T[] =>
  items.filter((item, i) => {
    const next = items[i + 1];
    return !next || readingDay(next.reading) !== readingDay(item.reading);
  });

/**
 * DIVERGENT: the calibrated estimate and the official value (overall, or one pillar) differ by more than the
 * tolerance (`divergentTotal` / `divergentPillar`) on at least `divergentRuns` consecutive reading days. Reading
 * days without an estimate (after the last export) neither count nor break a run. Official values before one of
 * the member's RECALCULATION steps are first put in today's formula (`normaliseReadings`). Without a calibration
 * there is no DIVERGENT: a raw estimate is not on the official scale. One finding per maximal run, identified by
 * the run's first day.
 */
export const detectDivergent = (
  member: MemberScores,
  recalculations: readonly Finding[] = [],
  thresholds: FindingThresholds = DEFAULT_THRESHOLDS,
): Finding[] => {
  if (!member.calibrated) return [];
  const calibrated = byDay(member.calibrated);
  const readings = sortReadings(member.readings);
  const normalised = normaliseReadings(
    readings,
    recalculations.filter((finding) => finding.memberId === member.memberId),
  );
  const findings: Finding[] = [];

  for (const scope of FINDING_SCOPES) {
    const tolerance = scope === 'overall' ? thresholds.divergentTotal : thresholds.divergentPillar;
    const comparisons: Comparison[] = [];
    readings.forEach((reading, i) => {
      const estimate = calibrated.get(readingDay(reading));
      if (!estimate) return;
      comparisons.push({
        reading,
        official: officialValue(reading, scope),
        normalised: officialValue(normalised[i] as OfficialReading, scope),
        estimate: scoredValue(estimate, scope),
      });
    });

    let run: Comparison[] = [];
    const closeRun = () => {
      if (run.length >= thresholds.divergentRuns)
        findings.push(divergentFinding(member.memberId, scope, tolerance, run, thresholds.divergentRuns));
      run = [];
    };
    for (const comparison of lastOfEachDay(comparisons)) {
      if (Math.abs(comparison.normalised - comparison.estimate) > tolerance) run.push(comparison);
      else closeRun();
    }
    closeRun();
  }
  return findings;
};

const divergentFinding = (
  memberId: string,
  scope: FindingScope,
  tolerance: number,
  run: readonly Comparison[],
  runs: number,
): Finding => {
  const first = run[0] as Comparison;
  const last = run.at(-1) as Comparison;
  return {
    memberId,
    type: 'DIVERGENT',
    pillar: scope,
    from: readingDay(first.reading),
    to: readingDay(last.reading),
    detectedAt: detectionTime((run[runs - 1] as Comparison).reading),
    evidence: {
      tolerance,
      readings: run.map((comparison) => ({
        observedAt: comparison.reading.observedAt,
        official: comparison.official,
        ...(comparison.normalised !== comparison.official
          ? { normalised: round(comparison.normalised, 6) }
          : {}),
        estimate: round(comparison.estimate),
        difference: round(comparison.normalised - comparison.estimate),
      })),
    },
  };
};
