import type { Day } from '../domain/kinds';
import {
  type Basis,
  byMemberId,
  estimateScore,
  type MemberHistory,
  type Metric,
  readingNear,
  readingScore,
  round2,
} from './history';

/**
 * A competition over a period: every member ranked by how much the metric improved from `from` to `to`.
 * Both ends come from official readings when each end has one within `MATCH_DAYS` (the end's never after
 * `to`), else from estimates (calibrated when a calibration applies, raw otherwise: an improvement is a
 * difference of one member's figures on one scale). Pure.
 */
export interface CompetitionStanding {
  memberId: string;
  displayName: string;
  /** 1… for members with data; equal improvements (to 2 decimals) share a rank ("1, 1, 3"); null without data. */
  rank: number | null;
  start: number | null;
  end: number | null;
  improvement: number | null;
  basis: Basis | null;
  startDay: Day | null;
  endDay: Day | null;
  /** Why a member has no standing (`no-data-at-start`, `no-data-at-end`, `no-data`). */
  reason?: NoDataReason;
}

export type NoDataReason = 'no-data' | 'no-data-at-start' | 'no-data-at-end';

export interface Competition {
  teamId: string;
  name?: string;
  from: Day;
  to: Day;
  metric: Metric;
  standings: CompetitionStanding[];
}

/** Both ends on one basis, or why there are none (a missing end of either kind counts as missing). */
const ends = (history: MemberHistory, from: Day, to: Day, metric: Metric) => {
  const startReading = readingNear(history, from, to);
  const endReading = readingNear(history, to, to);
  if (startReading && endReading && startReading !== endReading) {
    return { start: readingScore(startReading, metric), end: readingScore(endReading, metric) };
  }
  const start = estimateScore(history, from, metric);
  const end = estimateScore(history, to, metric);
  // Both ends must be on one scale; a calibration applies to both or to neither, so this holds unless the
  // model version changed within the period.
  if (start && end && start.basis === end.basis) return { start, end };
  const hasStart = Boolean(start || startReading);
  const hasEnd = Boolean(end || (endReading && endReading !== startReading));
  const reason: NoDataReason =
    hasStart && !hasEnd ? 'no-data-at-end' : !hasStart && hasEnd ? 'no-data-at-start' : 'no-data';
  return {
    start: start ?? (startReading ? readingScore(startReading, metric) : undefined),
    end: end ?? (endReading ? readingScore(endReading, metric) : undefined),
    reason,
  };
};

export const buildCompetition = (input: {
  teamId: string;
  name?: string;
  from: Day;
  to: Day;
  metric: Metric;
  histories: readonly MemberHistory[];
}): Competition => {
  const ranked: CompetitionStanding[] = [];
  const unranked: CompetitionStanding[] = [];
  for (const history of [...input.histories].sort(byMemberId)) {
    const { start, end, reason } = ends(history, input.from, input.to, input.metric);
    if (start && end && !reason) {
      ranked.push({
        memberId: history.memberId,
        displayName: history.displayName,
        rank: 0,
        start: round2(start.value),
        end: round2(end.value),
        improvement: round2(end.value - start.value),
        basis: start.basis,
        startDay: start.day,
        endDay: end.day,
      });
    } else {
      unranked.push({
        memberId: history.memberId,
        displayName: history.displayName,
        rank: null,
        start: start ? round2(start.value) : null,
        end: end ? round2(end.value) : null,
        improvement: null,
        basis: null,
        startDay: start?.day ?? null,
        endDay: end?.day ?? null,
        reason: reason ?? 'no-data',
      });
    }
  }
  // Stable sort on the id order above: ties keep member id order and share the rank.
  ranked.sort((a, b) => (b.improvement ?? 0) - (a.improvement ?? 0));
  ranked.forEach((standing, i) => {
    const previous = ranked[i - 1];
    standing.rank =
      previous && previous.improvement === standing.improvement ? (previous.rank as number) : i + 1;
  });
  return {
    teamId: input.teamId,
    ...(input.name ? { name: input.name } : {}),
    from: input.from,
    to: input.to,
    metric: input.metric,
    standings: [...ranked, ...unranked],
  };
};
