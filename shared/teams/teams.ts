import type { Day } from '../domain/kinds';
import {
  MEMBERSHIP_RETRY,
  type MemberProfile,
  MembershipConflict,
  type PutMemberBody,
  TeamNotFound,
} from '../domain/membership';
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

/** The team's ranking on `date`; a team without members is unknown (`TeamNotFound`). */
export const leaderboard = async (deps: TeamsDeps, teamId: string, date: Day): Promise<Leaderboard> => {
  const members = await deps.teams.listTeamMembers(teamId);
  if (members.length === 0) throw new TeamNotFound(teamId);
  const { staleDays } = deps.thresholds;
  const standings = await deps.teams.readStandings(
    members.map((member) => member.memberId),
    date,
    openStaleSince(date, staleDays),
  );
  return buildLeaderboard({ teamId, date, staleDays, members, standings });
};
