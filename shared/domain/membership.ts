import { backoffDelay, type RetryOptions } from '../retry';
import { Conflict, NotFound } from './errors';

import type { Calibration, DailyEstimate, Finding, OfficialReading } from './pillars';

/** Team ids name a partition key and a URL segment: short, URL- and key-safe. */
export const TEAM_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const MAX_TEAMS_PER_MEMBER = 20;
export const MAX_DISPLAY_NAME_LENGTH = 100;
/**
 * Read-modify-write rounds before giving up on a member whose profile keeps changing under us. Concurrent
 * transactions on the same items can all be cancelled in one round, so rounds are spaced with jitter.
 */
export const MAX_MEMBERSHIP_ATTEMPTS = 10;

/** The rounds of a membership read-modify-write: jittered pauses of 10–60 ms, growing with the attempt. */
export const MEMBERSHIP_RETRY: Omit<RetryOptions, 'sleep'> = {
  attempts: MAX_MEMBERSHIP_ATTEMPTS,
  delayMs: (attempt) => backoffDelay({ baseMs: 20, capMs: 60, jitter: true }, attempt - 1),
};

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

/** A reading as a leaderboard shows it: a team's standings stay small, the rest is in the member's partition. */
export type StandingReading = Pick<
  OfficialReading,
  'observedAt' | 'observedAtAssumed' | 'overall' | 'pillars'
>;
/** An estimate as a leaderboard ranks it (no contributions or confidence). */
export type StandingEstimate = Pick<DailyEstimate, 'day' | 'modelVersion' | 'pillars' | 'total'>;
/** The calibration's lines, without its errors and unpooled lines. */
export type StandingCalibration = Pick<Calibration, 'memberId' | 'modelVersion' | 'fittedAt' | 'pillars'>;

/** What the table holds for one member on a leaderboard's date. */
export interface MemberStanding {
  /** The latest official reading observed on or before the date. */
  official?: StandingReading;
  /** The estimate of the date itself. */
  estimate?: StandingEstimate;
  calibration?: StandingCalibration;
  /** The member's STALE findings starting on or before the date (open or not: `isOpenStale` decides). */
  staleFindings: readonly Finding[];
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
