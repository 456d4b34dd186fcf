import { mapBounded } from '../bounded';
import { addDays, daysBetween } from '../domain/days';
import type { Day } from '../domain/kinds';
import { PILLARS, type PillarScores } from '../domain/pillars';
import type { ActivityStore } from '../store/activity-store';
import type { Competition } from './competition';
import { type MemberHistory, round2, standingOn } from './history';
import type { TeamKpi } from './kpi';
import { type Leaderboard, READING_MAX_AGE_DAYS } from './ranking';
import {
  kpi,
  loadTeamHistory,
  namedCompetition,
  TEAM_READ_CONCURRENCY,
  type TeamTablesDeps,
  tierThresholds,
} from './team-tables';
import { leaderboard, type TeamsDeps } from './teams';
import { buildTiers, type TeamTiers, weeklyDays } from './tiers';
import { weekStart } from './weeks';

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

export const teamReport = async (
  deps: TeamReportDeps,
  teamId: string,
  from: Day,
  to: Day,
  now: () => Date,
): Promise<TeamReportData> => {
  // One read of every member's history, over a span that also holds the KPI's whole weeks; the KPI and the
  // named competitions inside it reuse it instead of reading the team again (three reads per member each).
  const kpiFrom = addDays(to, -27);
  const span = { from: minDay(from, weekStart(kpiFrom)), to: maxDay(to, addDays(weekStart(to), 6)) };
  const [board, histories, thresholds, named] = await Promise.all([
    leaderboard(deps.leaderboard, teamId, to),
    loadTeamHistory(deps, teamId, span.from, span.to),
    tierThresholds(deps, teamId),
    deps.settings.listCompetitions(teamId),
  ]);
  const loaded = { ...span, histories };
  const recent = [...named]
    .sort((a, b) => (a.to < b.to ? 1 : a.to > b.to ? -1 : 0))
    .slice(0, MAX_REPORT_COMPETITIONS);
  const [kpiTable, competitions] = await Promise.all([
    kpi(deps, teamId, kpiFrom, to, loaded),
    Promise.all(recent.map((c) => namedCompetition(deps, teamId, c.name, loaded))),
  ]);
  const lastExports = await mapBounded(histories, TEAM_READ_CONCURRENCY, async (h) => {
    const [latest] = await deps.activity.listManifests(h.memberId, 1);
    return latest?.exportedAt?.slice(0, 10) ?? latest?.startedAt.slice(0, 10) ?? null;
  });
  const quiet = histories.flatMap((h, i) => {
    const lastReadingDay = h.readings.at(-1)?.observedAt.slice(0, 10) ?? null;
    const lastExportDay = lastExports[i] ?? null;
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
