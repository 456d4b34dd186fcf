import type { Day } from '../domain/kinds';
import {
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
import type { TeamsStore } from '../store/teams-store';
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
 * Replaces the member's display name and teams (`body` parsed with `PutMemberBodySchema`, so teams are sorted
 * and unique) and brings the team items in line. Idempotent: the same body again writes nothing.
 */
export const putMember = async (
  deps: TeamsDeps,
  memberId: string,
  body: PutMemberBody,
): Promise<{ profile: MemberProfile; changed: boolean }> => {
  const profile: MemberProfile = { memberId, displayName: body.displayName, teams: body.teams };
  const outcome = await retryUntil({ ...MEMBERSHIP_RETRY, sleep: deps.sleep }, async () => {
    const stored = await deps.teams.loadMembership(memberId);
    if (stored && sameProfile(stored.profile, profile)) return { profile, changed: false };
    if (await deps.teams.saveMembership(profile, stored)) return { profile, changed: true };
    return undefined;
  });
  if (!outcome) throw new MembershipConflict(memberId);
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
