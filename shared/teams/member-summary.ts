import { addDays } from '../domain/days';
import type { Day, DayActivity } from '../domain/kinds';
import { type MemberSummary, unpackEstimates, unpackReadings, unpackWeeks } from '../domain/member-summary';
import { weekStart } from '../domain/weeks';
import { LOOKBACK_DAYS, type MemberHistory } from './history';
import { READING_MAX_AGE_DAYS } from './ranking';

/**
 * The member's history for a period starting on `from` (estimates from `LOOKBACK_DAYS` before it to `to`,
 * readings from as far back as one stays current) and their activity from `activityFrom`'s week on (each week
 * summed into its Monday, which the KPI sums as it sums days), as the member's own items would give them;
 * undefined when the summary does not reach back that far.
 */
export const historyFromSummary = (
  member: { memberId: string; displayName: string },
  summary: MemberSummary,
  span: { from: Day; to: Day; activityFrom: Day },
): { history: MemberHistory; days: DayActivity[] } | undefined => {
  const estimatesFrom = addDays(span.from, -LOOKBACK_DAYS);
  const readingsFrom = addDays(span.from, -Math.max(READING_MAX_AGE_DAYS, LOOKBACK_DAYS));
  if (
    estimatesFrom < summary.estimatesSince ||
    readingsFrom < summary.readingsSince ||
    weekStart(span.activityFrom) < summary.activitySince
  )
    return undefined;
  return {
    history: {
      memberId: member.memberId,
      displayName: member.displayName,
      readings: unpackReadings(summary.readings).filter(
        (reading) => reading.observedAt.slice(0, 10) >= readingsFrom,
      ),
      estimates: unpackEstimates(summary.estimates).filter(
        (estimate) => estimate.day >= estimatesFrom && estimate.day <= span.to,
      ),
      ...(summary.calibration ? { calibration: summary.calibration } : {}),
    },
    days: unpackWeeks(summary.weeks).filter((week) => week.day >= weekStart(span.activityFrom)),
  };
};
