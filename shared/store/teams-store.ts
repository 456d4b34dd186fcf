import type { Day } from '../domain/kinds';
import type { MemberSummary } from '../domain/member-summary';
import type { MemberProfile, MemberStanding, TeamMember } from '../domain/membership';
import type { StandingFacts, StoredStanding } from '../domain/standing';

/** A stored profile with the version its next write must match (optimistic concurrency). */
export interface StoredMembership {
  profile: MemberProfile;
  version: number;
}

/**
 * A team's member with the standing stored on their team item (absent until the member is first scored) and,
 * when asked for, the team-page summary stored with it.
 */
export type TeamRow = TeamMember & { standing?: StoredStanding; summary?: MemberSummary };

/** One page of a listing; a cursor (opaque) comes back while more may follow. */
export interface ListPage<T> {
  items: T[];
  cursor?: string;
}

/** A registered member with their profile, when they have one. */
export interface MemberListing {
  memberId: string;
  displayName?: string;
  teams: string[];
}

export interface TeamListing {
  teamId: string;
  /** How many members the team has. */
  members: number;
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
  /**
   * The team's members, each with their stored standing (and team-page summary with `summaries`): one Query of
   * the team's partition.
   */
  listTeamMembers(teamId: string, include?: { summaries: true }): Promise<TeamRow[]>;
  /**
   * Stores the member's standing and team-page summary (`MEMBER#<id>` / `STANDING`) and copies them onto their
   * team items; nothing for a member in no team. Called at the end of every evaluation of the member.
   */
  saveStanding(facts: StandingFacts): Promise<void>;
  /** Registered members (the sweep's registry) with their profiles, a page at a time. */
  listMembersPage(limit: number, cursor?: string): Promise<ListPage<MemberListing>>;
  /** Teams with at least one member, with their member counts, a page at a time. */
  listTeamsPage(limit: number, cursor?: string): Promise<ListPage<TeamListing>>;
  /** Whether `cursor` could have come from `listMembersPage` / `listTeamsPage`. */
  isMembersCursor(cursor: string): boolean;
  isTeamsCursor(cursor: string): boolean;
  /** Per member, what the leaderboard of `date` needs; STALE findings are those whose `to` ≥ `staleSince`. */
  readStandings(
    memberIds: readonly string[],
    date: Day,
    staleSince: Day,
  ): Promise<Map<string, MemberStanding>>;
}
