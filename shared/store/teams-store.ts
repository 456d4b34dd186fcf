import type { Day } from '../domain/kinds';
import type { MemberProfile, MemberStanding, TeamMember } from '../domain/membership';

/** A stored profile with the version its next write must match (optimistic concurrency). */
export interface StoredMembership {
  profile: MemberProfile;
  version: number;
}

export interface TeamsStore {
  loadMembership(memberId: string): Promise<StoredMembership | undefined>;
  /**
   * Writes the profile and adds/removes the team items to match, atomically, provided the stored version is
   * still `previous` (undefined: no profile yet). False when another write came first.
   */
  saveMembership(profile: MemberProfile, previous: StoredMembership | undefined): Promise<boolean>;
  /** Deletes the profile and the member's team items (for erasure); a no-op for an unknown member. */
  removeMembership(memberId: string): Promise<number>;
  listTeamMembers(teamId: string): Promise<TeamMember[]>;
  /** Per member, what the leaderboard of `date` needs; STALE findings are those whose `to` ≥ `staleSince`. */
  readStandings(
    memberIds: readonly string[],
    date: Day,
    staleSince: Day,
  ): Promise<Map<string, MemberStanding>>;
}
