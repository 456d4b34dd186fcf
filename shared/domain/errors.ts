import type { ManifestCode } from './manifest';

/**
 * The project's error vocabulary. Each error carries a stable `code`; the HTTP edge maps codes to statuses
 * in one place (`shared/api/problems.ts`), the ingest decides retry or record by `permanent`. Messages are
 * for people (an API answer's `detail`) and never carry message or comment text.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'MEMBER_BUSY',
  'LEASE_TIMEOUT',
  'LEASE_LOST',
  'INGEST_FAILURE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export abstract class PillarwatchError extends Error {
  abstract readonly code: ErrorCode;
  /** Whether running the same request again can succeed without anything changing first. */
  abstract readonly permanent: boolean;
}

/** The request itself is wrong; `parameter` names what (`cursor`, `memberId`, `body`, …). */
export class BadRequest extends PillarwatchError {
  readonly code = 'BAD_REQUEST';
  readonly permanent = true;
  constructor(
    readonly parameter: string,
    readonly problem: string,
  ) {
    super(`${parameter}: ${problem}`);
    this.name = 'BadRequest';
  }
}

export class Forbidden extends PillarwatchError {
  readonly code = 'FORBIDDEN';
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = 'Forbidden';
  }
}

export class NotFound extends PillarwatchError {
  readonly code = 'NOT_FOUND';
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = 'NotFound';
  }
}

/** Concurrent writers kept getting in each other's way; trying again is expected to work. */
export class Conflict extends PillarwatchError {
  readonly code: ErrorCode = 'CONFLICT';
  readonly permanent = false;
  constructor(message: string) {
    super(message);
    this.name = 'Conflict';
  }
}

/** Another holder keeps a member's lease past the caller's wait budget (`shared/store/member-lock.ts`). */
export class LeaseTimeout extends PillarwatchError {
  readonly code = 'LEASE_TIMEOUT';
  readonly permanent = false;
  constructor(readonly waitedMs: number) {
    super(
      `another ingest of this member held its lock for more than ${Math.round(waitedMs / 1000)} s; ` +
        'the upload will be retried',
    );
    this.name = 'LeaseTimeout';
  }
}

/**
 * The member's lease could not be renewed while work ran under it (the holder stalled past the lease, or
 * DynamoDB refused the renewal): the work stops before its next write and is retried.
 */
export class LeaseLost extends PillarwatchError {
  readonly code = 'LEASE_LOST';
  readonly permanent = false;
  constructor(readonly leaseMs: number) {
    super(
      `the member's lease (${Math.round(leaseMs / 1000)} s) was lost while work held it; it will be retried`,
    );
    this.name = 'LeaseLost';
  }
}

/** An ingest of the member holds its lease, so an erasure did nothing; the caller should try again later. */
export class MemberBusy extends Conflict {
  override readonly code = 'MEMBER_BUSY';
  /** What the HTTP edge sends as `retry-after`. */
  readonly retryAfterSeconds = 60;
  constructor(readonly memberId: string) {
    super(`an ingest is running for member '${memberId}'; try again in a few minutes.`);
    this.name = 'MemberBusy';
  }
}

/**
 * An ingest failure a person can read. `permanent` failures (bad input) are recorded and acknowledged;
 * transient ones (throttling, network) are retried by the queue and dead-lettered in the end.
 */
export class IngestFailure extends PillarwatchError {
  readonly code = 'INGEST_FAILURE';
  constructor(
    readonly reason: string,
    readonly permanent = true,
    /** The manifest `code` this failure is recorded under; the manifest's status decides when absent. */
    readonly manifestCode?: ManifestCode,
  ) {
    super(reason);
    this.name = 'IngestFailure';
  }
}

/**
 * The database refused an item as larger than its limit (DynamoDB: 400 KB). Permanent: the same item is
 * refused again, so retrying only ends in the dead-letter queue.
 */
export class ItemTooLarge extends IngestFailure {
  constructor() {
    super('an item to store is larger than the database allows (400 KB)');
    this.name = 'ItemTooLarge';
  }
}

export const isPermanentFailure = (error: unknown): error is IngestFailure =>
  error instanceof IngestFailure && error.permanent;
