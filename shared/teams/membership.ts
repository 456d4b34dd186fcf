import * as z from 'zod';
import { MEMBER_ID_PATTERN } from '../domain/member';

/** Team ids name a partition key and a URL segment: the same alphabet as member ids. */
export const TEAM_ID_PATTERN = MEMBER_ID_PATTERN;
export const MAX_TEAMS_PER_MEMBER = 20;
export const MAX_DISPLAY_NAME_LENGTH = 100;
/** Read-modify-write rounds before giving up on a member whose profile keeps changing under us. */
export const MAX_MEMBERSHIP_ATTEMPTS = 5;

export const TeamIdSchema = z
  .string()
  .regex(TEAM_ID_PATTERN, 'must be 1–64 characters of letters, digits, ".", "_" or "-"')
  // A path segment of `/teams/{teamId}/…`: dot segments would be resolved away by URL normalisation.
  .refine((id) => id !== '.' && id !== '..', 'must not be "." or ".."')
  .meta({ description: 'Team id', example: 'sales-emea' });

/** Body of `PUT /members/{memberId}`: the whole profile, replacing the previous one. */
export const PutMemberBodySchema = z.strictObject({
  displayName: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_DISPLAY_NAME_LENGTH, `must be at most ${MAX_DISPLAY_NAME_LENGTH} characters`),
  teams: z
    .array(TeamIdSchema)
    .max(MAX_TEAMS_PER_MEMBER, `at most ${MAX_TEAMS_PER_MEMBER} teams`)
    // A set: order and repeats carry no meaning, so the stored form is sorted and unique (idempotent puts).
    .transform((teams) => [...new Set(teams)].sort()),
});
export type PutMemberBody = z.output<typeof PutMemberBodySchema>;

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

/** The team has no members: the lead maps it to 404. */
export class TeamNotFound extends Error {
  constructor(readonly teamId: string) {
    super(`Team ${teamId} has no members`);
    this.name = 'TeamNotFound';
  }
}

/** Concurrent writes kept changing the member's profile; transient, the lead maps it to 409/503. */
export class MembershipConflict extends Error {
  constructor(readonly memberId: string) {
    super(`The profile of ${memberId} kept changing during the update; try again`);
    this.name = 'MembershipConflict';
  }
}
