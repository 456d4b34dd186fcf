import { mapBounded } from '../bounded';
import { addDays } from '../domain/days';
import { NotFound } from '../domain/errors';
import type { Day, DayActivity } from '../domain/kinds';
import { type TeamMember, TeamNotFound } from '../domain/membership';
import { weekStart } from '../domain/weeks';
import type { ActivityStore } from '../store/activity-store';
import type { ScoresStore } from '../store/scores-store';
import type { CompetitionDefinition, TeamSettingsStore } from '../store/team-settings-store';
import type { TeamsStore } from '../store/teams-store';
import { buildCompetition, type Competition } from './competition';
import { LOOKBACK_DAYS, type MemberHistory, type Metric } from './history';
import { buildKpi, DEFAULT_KPI, type TeamKpi } from './kpi';
import { READING_MAX_AGE_DAYS } from './ranking';
import { buildTiers, DEFAULT_TIER_THRESHOLDS, type TeamTiers, type TierThresholds } from './tiers';

/** What the team tables read: the team, each member's readings, estimates and calibration, and the settings. */
export interface TeamTablesDeps {
  teams: Pick<TeamsStore, 'listTeamMembers'>;
  scores: Pick<ScoresStore, 'listReadings' | 'readEstimates' | 'loadCalibration'>;
  activity: Pick<ActivityStore, 'readDays'>;
  settings: TeamSettingsStore;
}

/** Members read at once: gentle on the table's capacity, a few seconds for 500 members. */
export const TEAM_READ_CONCURRENCY = 25;

/**
 * Every member's readings, estimates over [from − lookback, to] and calibration: three reads per member, at
 * most `TEAM_READ_CONCURRENCY` members at a time. A team nobody belongs to is `TeamNotFound`.
 */
export const loadTeamHistory = async (
  deps: TeamTablesDeps,
  teamId: string,
  from: Day,
  to: Day,
): Promise<MemberHistory[]> => {
  const members = await deps.teams.listTeamMembers(teamId);
  if (members.length === 0) throw new TeamNotFound(teamId);
  return readHistories(deps, members, from, to);
};

/** The histories of `members` read from their own items (`loadTeamHistory`), in their order. */
export const readHistories = (
  deps: Pick<TeamTablesDeps, 'scores'>,
  members: readonly TeamMember[],
  from: Day,
  to: Day,
): Promise<MemberHistory[]> => {
  // Readings as old as a current one may be, so `standingOn(from)` finds the one that was current then.
  const readingsSince = addDays(from, -Math.max(READING_MAX_AGE_DAYS, LOOKBACK_DAYS));
  return mapBounded(members, TEAM_READ_CONCURRENCY, async (member) => {
    const [readings, estimates, calibration] = await Promise.all([
      deps.scores.listReadings(member.memberId),
      deps.scores.readEstimates(member.memberId, addDays(from, -LOOKBACK_DAYS), to),
      deps.scores.loadCalibration(member.memberId),
    ]);
    return {
      memberId: member.memberId,
      displayName: member.displayName,
      readings: readings
        .filter((r) => r.observedAt.slice(0, 10) >= readingsSince)
        .sort((a, b) => (a.observedAt < b.observedAt ? -1 : a.observedAt > b.observedAt ? 1 : 0)),
      estimates,
      ...(calibration ? { calibration } : {}),
    };
  });
};

/** Histories loaded once for [from, to]: they serve every table whose period lies inside (the team page). */
export interface LoadedHistories {
  from: Day;
  to: Day;
  histories: MemberHistory[];
  /**
   * Each member's activity from the Monday `activityFrom` on (days, or weeks summed into their Monday: the KPI
   * sums them alike), when loaded with the histories.
   */
  activity?: { from: Day; byMember: ReadonlyMap<string, readonly DayActivity[]> };
}

const historiesFor = (
  deps: TeamTablesDeps,
  teamId: string,
  from: Day,
  to: Day,
  loaded?: LoadedHistories,
): Promise<MemberHistory[]> =>
  loaded && loaded.from <= from && to <= loaded.to
    ? Promise.resolve(loaded.histories)
    : loadTeamHistory(deps, teamId, from, to);

export class CompetitionNotFound extends NotFound {
  constructor(teamId: string, name: string) {
    super(`Team '${teamId}' has no competition named '${name}'.`);
    this.name = 'CompetitionNotFound';
  }
}

export const competition = async (
  deps: TeamTablesDeps,
  teamId: string,
  period: { from: Day; to: Day; metric: Metric; name?: string },
  loaded?: LoadedHistories,
): Promise<Competition> =>
  buildCompetition({
    teamId,
    ...period,
    histories: await historiesFor(deps, teamId, period.from, period.to, loaded),
  });

export const namedCompetition = async (
  deps: TeamTablesDeps,
  teamId: string,
  name: string,
  loaded?: LoadedHistories,
): Promise<Competition & { definition: CompetitionDefinition }> => {
  const definition = await deps.settings.loadCompetition(teamId, name);
  if (!definition) throw new CompetitionNotFound(teamId, name);
  const { from, to, metric } = definition;
  return { ...(await competition(deps, teamId, { from, to, metric, name }, loaded)), definition };
};

export const tierThresholds = async (deps: TeamTablesDeps, teamId: string): Promise<TierThresholds> =>
  (await deps.settings.loadTiers(teamId)) ?? DEFAULT_TIER_THRESHOLDS;

export const tiers = async (deps: TeamTablesDeps, teamId: string, from: Day, to: Day): Promise<TeamTiers> => {
  const [thresholds, histories] = await Promise.all([
    tierThresholds(deps, teamId),
    loadTeamHistory(deps, teamId, from, to),
  ]);
  return buildTiers({ teamId, from, to, thresholds, histories });
};

/** The KPI of every week overlapping [from, to]: activity is read for those whole weeks. */
export const kpi = async (
  deps: TeamTablesDeps,
  teamId: string,
  from: Day,
  to: Day,
  loaded?: LoadedHistories,
): Promise<TeamKpi> => {
  const firstWeek = weekStart(from);
  const lastWeek = weekStart(to);
  const [stored, histories] = await Promise.all([
    deps.settings.loadKpi(teamId),
    historiesFor(deps, teamId, firstWeek, addDays(lastWeek, 6), loaded),
  ]);
  const goals = await deps.settings.readBusinessGoals(
    teamId,
    histories.map((history) => history.memberId),
    firstWeek,
    lastWeek,
  );
  const definition = stored ?? DEFAULT_KPI;
  const activity =
    loaded?.activity && histories === loaded.histories && loaded.activity.from <= firstWeek
      ? loaded.activity.byMember
      : new Map<string, readonly DayActivity[]>(
          await mapBounded(histories, TEAM_READ_CONCURRENCY, async (history) => [
            history.memberId,
            Object.keys(definition.strategic).length === 0
              ? []
              : await deps.activity.readDays(history.memberId, firstWeek, addDays(lastWeek, 6)),
          ]),
        );
  return buildKpi({
    teamId,
    from,
    to,
    definition,
    defaultDefinition: !stored,
    histories,
    activity,
    goals,
  });
};
