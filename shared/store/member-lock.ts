export interface Locked<T> {
  result: T;
  /** Write requests the lock itself cost: every acquire attempt (failed conditional writes are billed) and the release. */
  writeRequests: number;
}

/** Mutual exclusion per member for the read-plan-write part of an ingest. */
export interface MemberLock {
  /**
   * Runs `work` while holding the member's lease and releases it afterwards, also when `work` fails.
   * Rejects with `LeaseTimeout` (transient: the caller retries later) when another holder keeps the lease past the wait budget.
   */
  withLock<T>(memberId: string, work: () => Promise<T>): Promise<Locked<T>>;
}
