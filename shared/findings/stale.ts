import { addDays, dayNumber, dayOf } from '../domain/days';
import { round } from '../domain/numbers';
import type { Finding, FindingScope, OfficialReading } from '../domain/pillars';
import {
  ActivityIndex,
  byDay,
  detectionTime,
  FINDING_SCOPES,
  type MemberScores,
  officialValue,
  readingDay,
  type ScoredDay,
  scopeMax,
  scoredValue,
  sortReadings,
} from './series';
import { DEFAULT_THRESHOLDS, type FindingThresholds } from './thresholds';

/** Index ranges [first, last] of consecutive readings with the very same value (two readings at least). */
const identicalRuns = (readings: readonly OfficialReading[], scope: FindingScope): [number, number][] => {
  const runs: [number, number][] = [];
  let first = 0;
  for (let i = 1; i <= readings.length; i++) {
    const current = readings[i];
    const start = readings[first];
    if (current && start && officialValue(current, scope) === officialValue(start, scope)) continue;
    if (i - 1 > first) runs.push([first, i - 1]);
    first = i;
  }
  return runs;
};

/**
 * Values that repeat for reasons other than LinkedIn not recomputing: a bound (0, or 25 / 100: a saturated or
 * empty pillar stays put) or a whole number (a typed value rounded for display carries no decimals to compare).
 */
const repeatsLegitimately = (value: number, scope: FindingScope): boolean =>
  value <= 0 || value >= scopeMax(scope) || Number.isInteger(value);

interface Movement {
  atFrom?: number;
  atTo?: number;
  largestMove: number;
}

/** How far the raw estimate strayed from its value at the plateau's start, over [from, to]. */
const estimateMovement = (
  estimates: ReadonlyMap<string, ScoredDay>,
  from: string,
  to: string,
  scope: FindingScope,
): Movement => {
  let baseline: number | undefined;
  let last: number | undefined;
  let largestMove = 0;
  for (let day = dayNumber(from); day <= dayNumber(to); day++) {
    const estimate = estimates.get(dayOf(day));
    if (!estimate) continue;
    const value = scoredValue(estimate, scope);
    baseline ??= value;
    last = value;
    largestMove = Math.max(largestMove, Math.abs(value - baseline));
  }
  return {
    ...(baseline !== undefined ? { atFrom: baseline } : {}),
    ...(last !== undefined ? { atTo: last } : {}),
    largestMove,
  };
};

/**
 * STALE: the official value (overall, or one pillar) is identical to the last decimal across consecutive readings
 * spanning at least `staleDays`, while the raw estimate moved by `minDelta` or the member was active on
 * `minActiveDays` days in the span. One finding per maximal plateau, identified by its first day: it is raised by
 * the first reading that meets the rule and keeps its identity as later identical readings extend `to`.
 */
export const detectStale = (
  member: MemberScores,
  thresholds: FindingThresholds = DEFAULT_THRESHOLDS,
): Finding[] => {
  const readings = sortReadings(member.readings);
  const estimates = byDay(member.estimates);
  const activity = new ActivityIndex(member.activity);
  const findings: Finding[] = [];

  for (const scope of FINDING_SCOPES) {
    for (const [first, last] of identicalRuns(readings, scope)) {
      const start = readings[first] as OfficialReading;
      const end = readings[last] as OfficialReading;
      const value = officialValue(start, scope);
      if (repeatsLegitimately(value, scope)) continue;
      const from = readingDay(start);
      const to = readingDay(end);

      // The first reading that makes the span long enough and the activity or estimate convincing.
      let trigger: { reading: OfficialReading; reason: string } | undefined;
      for (let k = first + 1; k <= last && !trigger; k++) {
        const reading = readings[k] as OfficialReading;
        const day = readingDay(reading);
        if (dayNumber(day) - dayNumber(from) < thresholds.staleDays) continue;
        const moved = estimateMovement(estimates, from, day, scope).largestMove >= thresholds.minDelta;
        const active = activity.activeDays(from, day, scope) >= thresholds.minActiveDays;
        if (moved || active)
          trigger = {
            reading,
            reason: moved && active ? 'estimate-moved-and-active' : moved ? 'estimate-moved' : 'active',
          };
      }
      if (!trigger) continue;

      const movement = estimateMovement(estimates, from, to, scope);
      findings.push({
        memberId: member.memberId,
        type: 'STALE',
        pillar: scope,
        from,
        to,
        detectedAt: detectionTime(trigger.reading),
        evidence: {
          value,
          first: { observedAt: start.observedAt, value },
          last: { observedAt: end.observedAt, value },
          readings: last - first + 1,
          daysSpanned: dayNumber(to) - dayNumber(from),
          thresholdDay: addDays(from, thresholds.staleDays),
          flaggedBy: trigger.reading.observedAt,
          reason: trigger.reason,
          // Activity LinkedIn had at least one nightly update to count before the last identical reading.
          activeDays: activity.activeDays(from, to, scope),
          activity: activity.totals(from, to, scope),
          estimate: {
            ...(movement.atFrom !== undefined ? { atFrom: round(movement.atFrom) } : {}),
            ...(movement.atTo !== undefined ? { atTo: round(movement.atTo) } : {}),
            largestMove: round(movement.largestMove),
          },
        },
      });
    }
  }
  return findings;
};
