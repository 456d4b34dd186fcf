import { Conflict, NotFound } from '../domain/errors';
import { MEMBER_ID_PATTERN } from '../domain/member';

/** Team ids name a partition key and a URL segment: the same alphabet as member ids. */
export const TEAM_ID_PATTERN = MEMBER_ID_PATTERN;
export const MAX_TEAMS_PER_MEMBER = 20;
export const MAX_DISPLAY_NAME_LENGTH = 100;
/**
 * Read-modify-write rounds before giving up on a member whose profile keeps changing under us. Concurrent
 * transactions on the same items can all be cancelled in one round, so rounds are spaced with jitter.
 */
export const MAX_MEMBERSHIP_ATTEMPTS = 10;

/** Jittered pause before another round: 10–60 ms, growing with the attempt. */
export const membershipBackoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, (10 + Math.random() * 20) * Math.min(attempt + 1, 3)));

/** A member's profile as `PUT /members/{memberId}` sets it (validated by the API contract's schema). */
export interface PutMemberBody {
  displayName: string;
  /** Sorted and unique. */
  teams: string[];
}

/** What the table keeps about a member's place in teams. */
export interface MemberProfile {
  memberId: string;
  displayName: string;
  /** Sorted, unique team ids. */
  teams: string[];
}

/** One member as listed under a team (the display name is copied there so a leaderboard needs no extra read). */
export interface TeamMember {
  memberId: string;
  displayName: string;
}

/** The team has no members (a team exists through its members). */
export class TeamNotFound extends NotFound {
  constructor(readonly teamId: string) {
    super(`No members in team '${teamId}'. Add them with PUT /members/{id}.`);
    this.name = 'TeamNotFound';
  }
}

/** Concurrent writes kept changing the member's profile; transient, so a 409 asking to try again. */
export class MembershipConflict extends Conflict {
  constructor(readonly memberId: string) {
    super(`The profile of ${memberId} kept changing during the update. Try again.`);
    this.name = 'MembershipConflict';
  }
}
