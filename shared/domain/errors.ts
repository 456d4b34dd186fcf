/**
 * An ingest failure a person can read. `permanent` failures (bad input) are recorded and acknowledged;
 * transient ones (throttling, network) are retried by the queue and dead-lettered in the end.
 */
export class IngestFailure extends Error {
  constructor(
    readonly reason: string,
    readonly permanent = true,
  ) {
    super(reason);
    this.name = 'IngestFailure';
  }
}

export const isPermanentFailure = (error: unknown): error is IngestFailure =>
  error instanceof IngestFailure && error.permanent;
