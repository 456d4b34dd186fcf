/**
 * The one retry helper: exponential backoff with jitter, capped, and a loop that retries until an attempt
 * succeeds or the attempts run out. Sleep and randomness are injected so tests need no wall clock.
 */

export interface Backoff {
  /** Delay around the first retry; doubles with each attempt. */
  baseMs: number;
  /** No delay ever exceeds this, jitter included. */
  capMs: number;
  /** Spread each delay over ±50 % so that contenders that failed together do not retry together. */
  jitter: boolean;
}

/** `random` returns a number in [0, 1), like Math.random. */
export const backoffDelay = (
  backoff: Backoff,
  attempt: number,
  random: () => number = Math.random,
): number => {
  // The exponent is clamped: 2 ** 1024 is Infinity, and 0 × Infinity would be NaN for a zero base.
  const exponential = backoff.baseMs * 2 ** Math.min(attempt, 64);
  const spread = backoff.jitter ? 0.5 + random() : 1;
  return Math.min(backoff.capMs, exponential * spread);
};

export type Sleep = (ms: number) => Promise<void>;

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Pause before attempt `n` (n ≥ 1; the first attempt runs at once). */
  delayMs: (attempt: number) => number;
  sleep?: Sleep;
}

/**
 * Runs `attempt(n)` for n = 0, 1, … until it returns a value other than `undefined`, pausing before each
 * retry. Resolves `undefined` when every attempt came back empty: the caller raises the error that fits.
 */
export const retryUntil = async <T>(
  options: RetryOptions,
  attempt: (n: number) => Promise<T | undefined>,
): Promise<T | undefined> => {
  const pause = options.sleep ?? sleep;
  for (let n = 0; n < options.attempts; n++) {
    if (n > 0) await pause(options.delayMs(n));
    const result = await attempt(n);
    if (result !== undefined) return result;
  }
  return undefined;
};
