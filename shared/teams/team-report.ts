import { mapBounded } from '../bounded';
import { addDays, daysBetween } from '../domain/days';
import type { Day } from '../domain/kinds';
import { type TeamMember, TeamNotFound } from '../domain/membership';
import { PILLARS, type PillarScores } from '../domain/pillars';
import { weekStart } from '../domain/weeks';
import { type ActivityStore, type LatestIngests, latestIngestDay } from '../store/activity-store';
import type { Competition } from './competition';
import { type MemberHistory, round2, standingOn } from './history';
import type { TeamKpi } from './kpi';
import { historyFromSummary } from './member-summary';
import { type Leaderboard, READING_MAX_AGE_DAYS } from './ranking';
import {
  kpi,
  type LoadedHistories,
  namedCompetition,
  readHistories,
  TEAM_READ_CONCURRENCY,
  type TeamTablesDeps,
  tierThresholds,
} from './team-tables';
import { leaderboardOf, type TeamsDeps } from './teams';
import { buildTiers, type TeamTiers, weeklyDays } from './tiers';

const minDay = (a: Day, b: Day): Day => (a < b ? a : b);
const maxDay = (a: Day, b: Day): Day => (a > b ? a : b);

/** Days without a reading or an export after which a member is listed as quiet on the team page. */
export const QUIET_DAYS = READING_MAX_AGE_DAYS;
/** Days the team page covers by default. */
export const TEAM_REPORT_DAYS = 90;
/** Named competitions shown on the page, most recently ended first. */
export const MAX_REPORT_COMPETITIONS = 5;

export interface PillarAveragePoint {
  day: Day;
  /** Means over the members a figure places (current reading or calibrated estimate). */
  total: number | null;
  pillars: Record<keyof PillarScores, number | null>;
  members: number;
}

export interface QuietMember {
  memberId: string;
  displayName: string;
  lastReadingDay: Day | null;
  lastExportDay: Day | null;
}

/** Everything the printable team page shows; the renderer is pure. */
export interface TeamReportData {
  teamId: string;
  from: Day;
  to: Day;
  generatedAt: string;
  leaderboard: Leaderboard;
  averages: PillarAveragePoint[];
  tiers: TeamTiers;
  quiet: QuietMember[];
  competitions: Competition[];
  kpi: TeamKpi;
}

export type TeamReportDeps = TeamTablesDeps & {
  leaderboard: TeamsDeps;
  activity: Pick<ActivityStore, 'readDays' | 'listManifests'>;
  /** Members' last export days by key; without it, each member's newest manifest is read. */
  latestIngests?: LatestIngests;
};

const meanOrNull = (values: number[]): number | null =>
  values.length === 0 ? null : round2(values.reduce((a, b) => a + b, 0) / values.length);

/** The team's mean total and pillars every 7 days back from `to`. */
export const pillarAverages = (
  histories: readonly MemberHistory[],
  from: Day,
  to: Day,
): PillarAveragePoint[] =>
  weeklyDays(from, to).map((day) => {
    const totals = histories.flatMap((h) => {
      const s = standingOn(h, day, 'total');
      return s ? [s.value] : [];
    });
    const pillars = Object.fromEntries(
      PILLARS.map((pillar) => [
        pillar,
        meanOrNull(
          histories.flatMap((h) => {
            const s = standingOn(h, day, pillar);
            return s ? [s.value] : [];
          }),
        ),
      ]),
    ) as PillarAveragePoint['pillars'];
    return { day, total: meanOrNull(totals), pillars, members: totals.length };
  });

/**
 * The team page. Members whose stored summary reaches back to the period (every member evaluated since
 * summaries exist, for the default 90 days) come with the one Query of the team's partition; the others are
 * read from their own items as before (`readHistories`): both give the same page (team-summary.test.ts).
 */
export const teamReport = async (
  deps: TeamReportDeps,
  teamId: string,
  from: Day,
  to: Day,
  now: () => Date,
): Promise<TeamReportData> => {
  // Every member's history once, over a span that also holds the KPI's whole weeks; the KPI and the named
  // competitions inside it reuse it instead of reading the team again.
  const kpiFrom = addDays(to, -27);
  const activityFrom = weekStart(kpiFrom);
  const span = { from: minDay(from, activityFrom), to: maxDay(to, addDays(weekStart(to), 6)) };
  const [rows, thresholds, named] = await Promise.all([
    deps.teams.listTeamMembers(teamId, { summaries: true }),
    tierThresholds(deps, teamId),
    deps.settings.listCompetitions(teamId),
  ]);
  if (rows.length === 0) throw new TeamNotFound(teamId);
  const summarised = rows.map(
    (row) => row.summary && historyFromSummary(row, row.summary, { ...span, activityFrom }),
  );
  const unread = rows.filter((_, i) => !summarised[i]);
  const [board, read, readActivity, lastExports] = await Promise.all([
    leaderboardOf(deps.leaderboard, teamId, to, rows),
    readHistories(deps, unread, span.from, span.to),
    mapBounded(unread, TEAM_READ_CONCURRENCY, (member) =>
      deps.activity.readDays(member.memberId, activityFrom, span.to),
    ),
    lastExportDays(deps, rows),
  ]);
  const readByMember = new Map(
    read.map((history, i) => [history.memberId, { history, days: readActivity[i] ?? [] }]),
  );
  const members = rows.map((row, i) => summarised[i] ?? readByMember.get(row.memberId));
  const histories = members.flatMap((member) => (member ? [member.history] : []));
  const loaded: LoadedHistories = {
    ...span,
    histories,
    activity: {
      from: activityFrom,
      byMember: new Map(
        members.flatMap((member) => (member ? [[member.history.memberId, member.days]] : [])),
      ),
    },
  };
  const recent = [...named]
    .sort((a, b) => (a.to < b.to ? 1 : a.to > b.to ? -1 : 0))
    .slice(0, MAX_REPORT_COMPETITIONS);
  const [kpiTable, competitions] = await Promise.all([
    kpi(deps, teamId, kpiFrom, to, loaded),
    Promise.all(recent.map((c) => namedCompetition(deps, teamId, c.name, loaded))),
  ]);
  const quiet = histories.flatMap((h) => {
    const lastReadingDay = h.readings.at(-1)?.observedAt.slice(0, 10) ?? null;
    const lastExportDay = lastExports.get(h.memberId) ?? null;
    const old = (day: Day | null) => day === null || daysBetween(day, to) > QUIET_DAYS;
    return old(lastReadingDay) || old(lastExportDay)
      ? [{ memberId: h.memberId, displayName: h.displayName, lastReadingDay, lastExportDay }]
      : [];
  });
  return {
    teamId,
    from,
    to,
    generatedAt: now().toISOString(),
    leaderboard: board,
    averages: pillarAverages(histories, from, to),
    tiers: buildTiers({ teamId, from, to, thresholds, histories }),
    quiet,
    competitions,
    kpi: kpiTable,
  };
};

/** Each member's last export day: by key where the store tracks it, else their newest manifest. */
const lastExportDays = async (
  deps: TeamReportDeps,
  members: readonly TeamMember[],
): Promise<Map<string, Day | null>> => {
  const tracked = (await deps.latestIngests?.latestIngestDays(members.map((m) => m.memberId))) ?? new Map();
  const untracked = members.filter((member) => !tracked.has(member.memberId));
  const read = await mapBounded(untracked, TEAM_READ_CONCURRENCY, async (member) => {
    const [latest] = await deps.activity.listManifests(member.memberId, 1);
    return [member.memberId, latestIngestDay(latest)] as const;
  });
  return new Map([...tracked, ...read]);
};
