import { addDays } from '../domain/days';
import type { Day } from '../domain/kinds';
import type { TierThresholds } from '../domain/team-settings';

export type { TierThresholds };

import { byMemberId, type MemberHistory, round2, standingOn } from './history';

/**
 * Tiers: beginner, advanced and star by the overall SSI (0–100) a member stands at (`standingOn`: a current
 * official reading, else the calibrated estimate). Pure.
 */
export const TIERS = ['beginner', 'advanced', 'star'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Practitioners call 70+ a good SSI and report that almost nobody passes 85. So `advanced` starts at 70, and
 * `star` at 80: at 85 the tier would be empty in nearly every team, at 80 it stays rare but reachable, which
 * is what a tier meant to reward needs. A team sets its own (`PUT /teams/{teamId}/tiers`).
 */
export const DEFAULT_TIER_THRESHOLDS: TierThresholds = { advanced: 70, star: 80 };

export const tierOf = (score: number, thresholds: TierThresholds): Tier =>
  score >= thresholds.star ? 'star' : score >= thresholds.advanced ? 'advanced' : 'beginner';

export interface MemberTier {
  memberId: string;
  displayName: string;
  /** Null when the member has no current reading and no calibrated estimate on the day. */
  tier: Tier | null;
  score: number | null;
  basis: 'official' | 'calibrated' | null;
}

export interface TierMakeup {
  day: Day;
  beginner: number;
  advanced: number;
  star: number;
  /** Members no figure places. */
  unplaced: number;
}

export interface TierMove {
  memberId: string;
  displayName: string;
  from: Tier;
  to: Tier;
  direction: 'up' | 'down';
}

export interface TeamTiers {
  teamId: string;
  from: Day;
  to: Day;
  thresholds: TierThresholds;
  /** Each member's tier on `to`. */
  members: MemberTier[];
  /** The make-up on `to` and every 7 days before it back to `from`, oldest first. */
  makeup: TierMakeup[];
  /** Members placed on both `from` and `to` whose tier differs. */
  moves: TierMove[];
}

const RANK: Record<Tier, number> = { beginner: 0, advanced: 1, star: 2 };

export const memberTier = (history: MemberHistory, day: Day, thresholds: TierThresholds): MemberTier => {
  const standing = standingOn(history, day, 'total');
  return {
    memberId: history.memberId,
    displayName: history.displayName,
    tier: standing ? tierOf(standing.value, thresholds) : null,
    score: standing ? round2(standing.value) : null,
    basis: standing ? (standing.basis as 'official' | 'calibrated') : null,
  };
};

/** The days the make-up is counted on: `to`, then every 7 days back while not before `from`, oldest first. */
export const weeklyDays = (from: Day, to: Day): Day[] => {
  const days: Day[] = [];
  for (let day = to; day >= from; day = addDays(day, -7)) days.unshift(day);
  return days;
};

export const buildTiers = (input: {
  teamId: string;
  from: Day;
  to: Day;
  thresholds: TierThresholds;
  histories: readonly MemberHistory[];
}): TeamTiers => {
  const histories = [...input.histories].sort(byMemberId);
  const makeup = weeklyDays(input.from, input.to).map((day) => {
    const counts: TierMakeup = { day, beginner: 0, advanced: 0, star: 0, unplaced: 0 };
    for (const history of histories) {
      const { tier } = memberTier(history, day, input.thresholds);
      counts[tier ?? 'unplaced'] += 1;
    }
    return counts;
  });
  const members = histories.map((history) => memberTier(history, input.to, input.thresholds));
  const moves: TierMove[] = [];
  for (const [i, history] of histories.entries()) {
    const before = memberTier(history, input.from, input.thresholds).tier;
    const after = members[i]?.tier;
    if (!before || !after || before === after) continue;
    moves.push({
      memberId: history.memberId,
      displayName: history.displayName,
      from: before,
      to: after,
      direction: RANK[after] > RANK[before] ? 'up' : 'down',
    });
  }
  return {
    teamId: input.teamId,
    from: input.from,
    to: input.to,
    thresholds: input.thresholds,
    members,
    makeup,
    moves,
  };
};
