import { addDays, daysBetween } from '../domain/days';
import type { Day } from '../domain/kinds';
import type { MemberStanding, TeamMember } from '../domain/membership';
import { type Finding, PILLARS, type PillarScores } from '../domain/pillars';
import { applyCalibration } from '../model/calibration';

export interface Scores {
  total: number;
  pillars: PillarScores;
}

/**
 * How a member was ranked: members with a current official reading come first (by overall), then members
 * ranked by an estimate (calibrated total when a calibration applies, raw total otherwise), then members whose
 * only figure is an official reading older than `READING_MAX_AGE_DAYS` (`official-old`), then members with
 * neither. An old reading never outranks a current figure: a member with an old reading and an estimate is
 * ranked by the estimate.
 */
export type RankedBy = 'official' | 'estimate' | 'official-old' | 'none';

/**
 * Days an official reading stays current for ranking. LinkedIn recomputes the SSI daily and the companion
 * captures it on every visit; a reading a month old says where the member stood, not where they stand.
 */
export const READING_MAX_AGE_DAYS = 30;

/** An official reading with its day (UTC) and age in days on the leaderboard's date. */
export interface AgedReading {
  observedAt: string;
  day: Day;
  ageDays: number;
  /** True while `ageDays ≤ READING_MAX_AGE_DAYS`: only a current reading ranks as official. */
  current: boolean;
  overall: number;
  pillars: PillarScores;
}

export interface LeaderboardMember {
  memberId: string;
  displayName: string;
  rank: number;
  rankedBy: RankedBy;
  official: AgedReading | null;
  estimate: (Scores & { calibrated: Scores | null }) | null;
  staleOpen: boolean;
}

/** A mean over the members that have the figure; `members` says how many. */
export type Average = Scores & { members: number };
export type OfficialAverage = { overall: number; pillars: PillarScores; members: number };

export interface Leaderboard {
  teamId: string;
  date: Day;
  /** 'mixed' when some ranked members have an official reading and others only an estimate. */
  ranking: 'official' | 'estimate' | 'mixed' | 'none';
  members: LeaderboardMember[];
  averages: { official: OfficialAverage | null; estimate: Average | null; calibrated: Average | null };
  /** Members with an open STALE finding, by member id. */
  staleMembers: string[];
  /** Readings older than this many days rank after estimates (`official-old`). */
  readingMaxAgeDays: number;
}

/**
 * A STALE finding is open on `date` when its plateau started on or before the date, its last identical reading
 * (`to`) is at most `staleDays` before it (a plateau nobody has extended for longer than the rule's own span is
 * history, not a current problem), and its lifecycle had not resolved it by then (data time: `resolvedOnDay`).
 * A withdrawn finding, which re-evaluation no longer supports, was never open.
 */
export const isOpenStale = (finding: Finding, date: Day, staleDays: number): boolean =>
  finding.type === 'STALE' &&
  finding.from <= date &&
  finding.to >= openStaleSince(date, staleDays) &&
  (finding.status !== 'resolved' ||
    (finding.resolution !== 'withdrawn' &&
      finding.resolution !== 'superseded-by-recalculation' &&
      finding.resolvedOnDay !== undefined &&
      finding.resolvedOnDay > date));

/** The first day an open STALE finding's `to` may fall on (the store filters on it). */
export const openStaleSince = (date: Day, staleDays: number): Day => addDays(date, -staleDays);

const round2 = (x: number): number => Math.round(x * 100) / 100;

const TIER: Record<RankedBy, number> = { official: 0, estimate: 1, 'official-old': 2, none: 3 };

/** The reading aged on `date` (its day is the UTC day it was observed). */
export const agedReading = (
  official: { observedAt: string; overall: number; pillars: PillarScores },
  date: Day,
): AgedReading => {
  const day = official.observedAt.slice(0, 10);
  const ageDays = Math.max(0, daysBetween(day, date));
  return {
    observedAt: official.observedAt,
    day,
    ageDays,
    current: ageDays <= READING_MAX_AGE_DAYS,
    overall: official.overall,
    pillars: { ...official.pillars },
  };
};

const rowOf = (member: TeamMember, standing: MemberStanding | undefined, date: Day, staleDays: number) => {
  const official = standing?.official;
  const estimate = standing?.estimate;
  const calibrated =
    estimate && standing?.calibration ? (applyCalibration(estimate, standing.calibration) ?? null) : null;
  const aged = official ? agedReading(official, date) : null;
  const rankedBy: RankedBy = aged?.current
    ? 'official'
    : estimate
      ? 'estimate'
      : aged
        ? 'official-old'
        : 'none';
  const estimateScore = calibrated?.total ?? estimate?.total;
  return {
    memberId: member.memberId,
    displayName: member.displayName,
    rankedBy,
    score: (rankedBy === 'estimate' ? estimateScore : aged?.overall) ?? 0,
    official: aged,
    estimate: estimate ? { total: estimate.total, pillars: { ...estimate.pillars }, calibrated } : null,
    staleOpen: (standing?.staleFindings ?? []).some((finding) => isOpenStale(finding, date, staleDays)),
  };
};

const average = (scores: readonly Scores[]): Average | null => {
  if (scores.length === 0) return null;
  const mean = (pick: (s: Scores) => number) =>
    round2(scores.reduce((sum, s) => sum + pick(s), 0) / scores.length);
  const pillars = {} as PillarScores;
  for (const pillar of PILLARS) pillars[pillar] = mean((s) => s.pillars[pillar]);
  return { total: mean((s) => s.total), pillars, members: scores.length };
};

/** Ranks a team's members and averages their scores; pure, so the ordering rules are tested on plain data. */
export const buildLeaderboard = (input: {
  teamId: string;
  date: Day;
  staleDays: number;
  members: readonly TeamMember[];
  standings: ReadonlyMap<string, MemberStanding>;
}): Leaderboard => {
  const rows = input.members
    .map((member) => rowOf(member, input.standings.get(member.memberId), input.date, input.staleDays))
    .sort(
      (a, b) =>
        TIER[a.rankedBy] - TIER[b.rankedBy] ||
        b.score - a.score ||
        (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
    );
  const members: LeaderboardMember[] = rows.map((row, i) => ({
    memberId: row.memberId,
    displayName: row.displayName,
    rank: i + 1,
    rankedBy: row.rankedBy,
    official: row.official,
    estimate: row.estimate,
    staleOpen: row.staleOpen,
  }));

  const tiers = new Set(
    members
      .map((m) => (m.rankedBy === 'official-old' ? 'official' : m.rankedBy))
      .filter((by) => by !== 'none'),
  );
  const ranking: Leaderboard['ranking'] =
    tiers.size === 2
      ? 'mixed'
      : tiers.has('official')
        ? 'official'
        : tiers.has('estimate')
          ? 'estimate'
          : 'none';

  const officials = members.flatMap((m) =>
    m.official ? [{ total: m.official.overall, pillars: m.official.pillars }] : [],
  );
  const officialAverage = average(officials);
  const estimates = members.flatMap((m) => (m.estimate ? [m.estimate] : []));
  const calibrated = members.flatMap((m) => (m.estimate?.calibrated ? [m.estimate.calibrated] : []));
  return {
    teamId: input.teamId,
    date: input.date,
    ranking,
    members,
    averages: {
      official: officialAverage
        ? {
            overall: officialAverage.total,
            pillars: officialAverage.pillars,
            members: officialAverage.members,
          }
        : null,
      estimate: average(estimates),
      calibrated: average(calibrated),
    },
    staleMembers: members
      .filter((m) => m.staleOpen)
      .map((m) => m.memberId)
      .sort(),
    readingMaxAgeDays: READING_MAX_AGE_DAYS,
  };
};
