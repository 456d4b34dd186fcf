import type { Calibration, DailyEstimate, Finding, OfficialReading } from '../domain/pillars';
import type { RecalculationEvent } from '../domain/population';
import { applyCalibration, withoutLevelShift } from '../model/calibration';
import { detectDivergent } from './divergent';
import { attributeRecalculations, normaliseReadings } from './recalculation';
import type { MemberScores, ScoredDay } from './series';
import { detectStale } from './stale';
import { DEFAULT_THRESHOLDS, type FindingThresholds } from './thresholds';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every finding for one member: STALE, DIVERGENT and a RECALCULATION finding for each population event
 * (`detectRecalculationEvents`, stored) whose day the member's readings bracket. Same inputs, same findings, in a
 * stable order; the store upserts them by (from, type, pillar).
 */
export const evaluateMember = (
  member: MemberScores,
  events: readonly RecalculationEvent[] = [],
  thresholds: FindingThresholds = DEFAULT_THRESHOLDS,
): Finding[] => {
  const own = attributeRecalculations(member.memberId, member.readings, events);
  return [...own, ...detectStale(member, thresholds), ...detectDivergent(member, own, thresholds)].sort(
    (a, b) => compare(a.from, b.from) || compare(a.type, b.type) || compare(a.pillar, b.pillar),
  );
};

/**
 * The calibrated days the findings hold readings against: the calibration's lines as fitted, without the level's
 * move toward the last week (`withoutLevelShift`), which would follow a wrong official value within days. None
 * without a calibration: a raw estimate is not on the official scale.
 */
export const calibratedForFindings = (
  estimates: readonly DailyEstimate[],
  calibration: Calibration | undefined,
): ScoredDay[] | undefined => {
  if (!calibration) return undefined;
  const asFitted = withoutLevelShift(calibration);
  return estimates.flatMap((estimate) => {
    const scores = applyCalibration(estimate, asFitted);
    return scores ? [{ day: estimate.day, ...scores }] : [];
  });
};

/**
 * The readings a calibration should be fitted on: in today's formula (scaled across RECALCULATION steps), without
 * the repeats inside a STALE plateau — only its first reading is LinkedIn's score for its day — and without the
 * readings of a DIVERGENT run, which would pull the calibration toward the wrong value and hide the divergence.
 */
export const readingsForCalibration = (
  readings: readonly OfficialReading[],
  findings: readonly Finding[],
): OfficialReading[] => {
  const plateaus = findings.filter((finding) => finding.type === 'STALE');
  const frozen = (reading: OfficialReading): boolean =>
    plateaus.some((plateau) => {
      const first = (plateau.evidence.first as { observedAt: string }).observedAt;
      const last = (plateau.evidence.last as { observedAt: string }).observedAt;
      return (
        plateau.memberId === reading.memberId && reading.observedAt > first && reading.observedAt <= last
      );
    });
  const divergent = findings.filter((finding) => finding.type === 'DIVERGENT');
  const diverging = (reading: OfficialReading): boolean =>
    divergent.some(
      (run) =>
        run.memberId === reading.memberId &&
        reading.observedAt.slice(0, 10) >= run.from &&
        reading.observedAt.slice(0, 10) <= run.to,
    );
  return normaliseReadings(
    readings.filter((reading) => !frozen(reading) && !diverging(reading)),
    findings.filter((finding) => finding.type === 'RECALCULATION'),
  );
};
