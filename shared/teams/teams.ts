import type { Day } from '../domain/kinds';
import {
  MAX_TEAMS_PER_MEMBER,
  MEMBERSHIP_RETRY,
  type MemberProfile,
  type MemberStanding,
  MembershipConflict,
  type PutMemberBody,
  TeamNotFound,
} from '../domain/membership';
import { standingOn } from '../domain/standing';
import type { FindingThresholds } from '../findings/thresholds';
import { retryUntil, type Sleep } from '../retry';
import type { TeamRow, TeamsStore } from '../store/teams-store';
import { buildLeaderboard, type Leaderboard, openStaleSince } from './ranking';

export interface TeamsDeps {
  teams: TeamsStore;
  thresholds: Pick<FindingThresholds, 'staleDays'>;
  /** Pause between read-modify-write rounds; tests inject one. */
  sleep?: Sleep;
}

const sameProfile = (a: MemberProfile, b: MemberProfile): boolean =>
  a.displayName === b.displayName &&
  a.teams.length === b.teams.length &&
  a.teams.every((t, i) => t === b.teams[i]);

/**
 * One read-modify-write of a member's profile: `revise` gets the stored profile (undefined: none yet) and
 * returns the profile to store, or a reason to refuse. Retried while concurrent writes win the race.
 */
const reviseMembership = async (
  deps: TeamsDeps,
  memberId: string,
  revise: (stored: MemberProfile | undefined) => MemberProfile | { refused: string },
): Promise<
  { profile: MemberProfile; before: MemberProfile | undefined; changed: boolean } | { refused: string }
> => {
  const outcome = await retryUntil({ ...MEMBERSHIP_RETRY, sleep: deps.sleep }, async () => {
    const stored = await deps.teams.loadMembership(memberId);
    const profile = revise(stored?.profile);
    if ('refused' in profile) return profile;
    if (stored && sameProfile(stored.profile, profile))
      return { profile, before: stored.profile, changed: false };
    if (await deps.teams.saveMembership(profile, stored))
      return { profile, before: stored?.profile, changed: true };
    return undefined;
  });
  if (!outcome) throw new MembershipConflict(memberId);
  return outcome;
};

/**
 * Replaces the member's display name and teams (`body` parsed with `PutMemberBodySchema`, so teams are sorted
 * and unique) and brings the team items in line. Idempotent: the same body again writes nothing.
 */
export const putMember = async (
  deps: TeamsDeps,
  memberId: string,
  body: PutMemberBody,
): Promise<{ profile: MemberProfile; changed: boolean }> => {
  const outcome = await reviseMembership(deps, memberId, () => ({
    memberId,
    displayName: body.displayName,
    teams: body.teams,
  }));
  if ('refused' in outcome) throw new Error('unreachable: putMember never refuses');
  return { profile: outcome.profile, changed: outcome.changed };
};

/** A member `PUT /teams/{teamId}/members` names: `line` is the file line or the list position it came from. */
export interface TeamListEntry {
  line: number;
  memberId: string;
  displayName: string;
}

export interface TeamMembersOutcome {
  teamId: string;
  /** Joined the team (new members included). */
  added: { line: number; memberId: string }[];
  /** Were in the team already; `renamed` when the display name changed. */
  kept: { line: number; memberId: string; renamed: boolean }[];
  /** Left out of the list: they left this team only (their other teams and all their data stay). */
  removed: { memberId: string }[];
  rejected: { line: number; reason: string }[];
  /** True when members left out were kept because some entries were rejected (a typo must not drop anyone). */
  removalsSkipped: boolean;
}

/** Profile writes in flight at once: enough to finish a few hundred members inside API Gateway's 29 s. */
export const TEAM_WRITE_CONCURRENCY = 8;

const forEachLimited = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};

/**
 * Makes the team's membership exactly `entries` (idempotent: the same list again changes nothing). Members
 * listed join the team (their display name is set; their other teams stay); members of the team not listed
 * leave this team only; nothing is erased. `rejected` are entries the caller could not read: when there are
 * any, nobody is removed, since a misspelt row would otherwise drop a member.
 */
export const setTeamMembers = async (
  deps: TeamsDeps,
  teamId: string,
  entries: readonly TeamListEntry[],
  rejected: readonly { line: number; reason: string }[],
): Promise<TeamMembersOutcome> => {
  const outcome: TeamMembersOutcome = {
    teamId,
    added: [],
    kept: [],
    removed: [],
    rejected: [...rejected],
    removalsSkipped: false,
  };
  const listed = new Set(entries.map((entry) => entry.memberId));
  const current = await deps.teams.listTeamMembers(teamId);
  await forEachLimited(entries, TEAM_WRITE_CONCURRENCY, async ({ line, memberId, displayName }) => {
    const result = await reviseMembership(deps, memberId, (stored) => {
      const teams = [...new Set([...(stored?.teams ?? []), teamId])].sort();
      if (teams.length > MAX_TEAMS_PER_MEMBER)
        return {
          refused: `${memberId} is already in ${MAX_TEAMS_PER_MEMBER} teams (the most a member may have)`,
        };
      return { memberId, displayName, teams };
    });
    if ('refused' in result) outcome.rejected.push({ line, reason: result.refused });
    else if (result.before?.teams.includes(teamId))
      outcome.kept.push({ line, memberId, renamed: result.before.displayName !== displayName });
    else outcome.added.push({ line, memberId });
  });
  const leaving = current.filter((member) => !listed.has(member.memberId));
  if (outcome.rejected.length > 0 && leaving.length > 0) outcome.removalsSkipped = true;
  else
    await forEachLimited(leaving, TEAM_WRITE_CONCURRENCY, async ({ memberId }) => {
      const result = await reviseMembership(deps, memberId, (stored) => ({
        memberId,
        displayName: stored?.displayName ?? memberId,
        teams: (stored?.teams ?? []).filter((team) => team !== teamId),
      }));
      if (!('refused' in result) && result.before?.teams.includes(teamId)) outcome.removed.push({ memberId });
    });
  const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
  outcome.added.sort(byLine);
  outcome.kept.sort(byLine);
  outcome.rejected.sort(byLine);
  outcome.removed.sort((a, b) => a.memberId.localeCompare(b.memberId));
  return outcome;
};

/**
 * The team's ranking on `date`; a team without members is unknown (`TeamNotFound`). The standings come with
 * the team's items (materialised, one Query); only members whose stored standing does not reach back to
 * `date` (an older date, or not scored since standings were stored) are read one by one.
 */
export const leaderboard = async (deps: TeamsDeps, teamId: string, date: Day): Promise<Leaderboard> => {
  const rows = await deps.teams.listTeamMembers(teamId);
  if (rows.length === 0) throw new TeamNotFound(teamId);
  return leaderboardOf(deps, teamId, date, rows);
};

/** The leaderboard of the team's rows read already (the team page reads them once, with their summaries). */
export const leaderboardOf = async (
  deps: TeamsDeps,
  teamId: string,
  date: Day,
  rows: readonly TeamRow[],
): Promise<Leaderboard> => {
  const { staleDays } = deps.thresholds;
  const staleSince = openStaleSince(date, staleDays);
  const standings = new Map<string, MemberStanding>();
  const unread: string[] = [];
  for (const { memberId, standing } of rows) {
    const stored = standing && standingOn(standing, date, staleSince);
    if (stored) standings.set(memberId, stored);
    else unread.push(memberId);
  }
  if (unread.length > 0)
    for (const [memberId, standing] of await deps.teams.readStandings(unread, date, staleSince))
      standings.set(memberId, standing);
  const members = rows.map(({ memberId, displayName }) => ({ memberId, displayName }));
  return buildLeaderboard({ teamId, date, staleDays, members, standings });
};

/** A page of the registered members with their profiles (`GET /members`). */
export const listMembers = async (deps: TeamsDeps, limit: number, cursor?: string) => {
  const page = await deps.teams.listMembersPage(limit, cursor);
  return { members: page.items, cursor: page.cursor };
};

/** A page of the teams with their member counts (`GET /teams`). */
export const listTeams = async (deps: TeamsDeps, limit: number, cursor?: string) => {
  const page = await deps.teams.listTeamsPage(limit, cursor);
  return { teams: page.items, cursor: page.cursor };
};
