export interface Locked<T> {
  result: T;
  /** Write requests the lock itself cost: every acquire attempt (failed conditional writes are billed), renewals and the release. */
  writeRequests: number;
}

/** What the work under a lease can ask of it. */
export interface Lease {
  /**
   * Throws `LeaseLost` when the lease could not be renewed (another holder may have taken the member over).
   * Work calls it before each write, so a holder that lost its lease stops before its next write.
   */
  assertHeld(): void;
}

/** The lease of work that runs without a lock (a single in-process caller): always held. */
export const UNCONTESTED_LEASE: Lease = { assertHeld: () => undefined };

/** Mutual exclusion per member for every writer of a member's data (merge, scoring, readings, erasure). */
export interface MemberLock {
  /**
   * Runs `work` while holding the member's lease, renewing it while the work runs, and releases it
   * afterwards, also when `work` fails. Rejects with `LeaseTimeout` (transient: the caller retries later)
   * when another holder keeps the lease past the wait budget.
   */
  withLock<T>(memberId: string, work: (lease: Lease) => Promise<T>): Promise<Locked<T>>;
}
