import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_RETRY } from '../../shared/domain/membership';
import { type Backoff, backoffDelay, retryUntil } from '../../shared/retry';
import { LEASE_BACKOFF } from '../../shared/store/dynamodb/member-lock';
import { UNPROCESSED_BACKOFF } from '../../shared/store/dynamodb/table';

/** Math.random's range: [0, 1). */
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const backoffs = fc.record({
  baseMs: fc.double({ min: 0, max: 10_000, noNaN: true }),
  capMs: fc.double({ min: 0, max: 60_000, noNaN: true }),
  jitter: fc.boolean(),
});

describe('backoffDelay', () => {
  it('never exceeds its cap and is never negative, whatever the attempt and the random draw', () => {
    fc.assert(
      fc.property(backoffs, fc.integer({ min: 0, max: 2_000 }), unit, (backoff, attempt, r) => {
        const delay = backoffDelay(backoff, attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(backoff.capMs);
      }),
    );
  });

  it('keeps the jitter within ±50 % of the exponential delay below the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), unit, (attempt, r) => {
        const backoff: Backoff = { baseMs: 10, capMs: Number.POSITIVE_INFINITY, jitter: true };
        const delay = backoffDelay(backoff, attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(0.5 * 10 * 2 ** attempt);
        expect(delay).toBeLessThanOrEqual(1.5 * 10 * 2 ** attempt);
      }),
    );
  });

  it('without jitter doubles from the base', () => {
    const backoff: Backoff = { baseMs: 500, capMs: Number.POSITIVE_INFINITY, jitter: false };
    expect([0, 1, 2, 3].map((n) => backoffDelay(backoff, n, () => 0.99))).toEqual([500, 1000, 2000, 4000]);
  });

  it.each([
    ['unprocessed items', UNPROCESSED_BACKOFF],
    ['lease', LEASE_BACKOFF],
  ])('the %s policy stays within its cap even on the highest draw', (_name, backoff) => {
    expect(backoffDelay(backoff, 30, () => 0.999_999)).toBe(backoff.capMs);
  });

  it('membership rounds pause 10–60 ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (attempt) => {
        const delay = MEMBERSHIP_RETRY.delayMs(attempt);
        expect(delay).toBeGreaterThanOrEqual(10);
        expect(delay).toBeLessThanOrEqual(60);
      }),
    );
  });
});

describe('retryUntil', () => {
  const recordingSleep = () => {
    const pauses: number[] = [];
    return { pauses, sleep: async (ms: number) => void pauses.push(ms) };
  };

  it('returns the first defined result and pauses only between attempts', async () => {
    const { pauses, sleep } = recordingSleep();
    const seen: number[] = [];
    const result = await retryUntil({ attempts: 5, delayMs: (n) => n * 100, sleep }, async (n) => {
      seen.push(n);
      return n === 2 ? 'done' : undefined;
    });
    expect(result).toBe('done');
    expect(seen).toEqual([0, 1, 2]);
    expect(pauses).toEqual([100, 200]);
  });

  it('gives up with undefined after the last attempt, without a pause after it', async () => {
    const { pauses, sleep } = recordingSleep();
    let calls = 0;
    const result = await retryUntil({ attempts: 3, delayMs: () => 7, sleep }, async () => {
      calls += 1;
      return undefined;
    });
    expect(result).toBeUndefined();
    expect(calls).toBe(3);
    expect(pauses).toEqual([7, 7]);
  });

  it('treats 0 and false as results, not as "try again"', async () => {
    const { sleep } = recordingSleep();
    expect(await retryUntil({ attempts: 3, delayMs: () => 1, sleep }, async () => 0)).toBe(0);
    expect(await retryUntil({ attempts: 3, delayMs: () => 1, sleep }, async () => false)).toBe(false);
  });

  it('lets an error of an attempt through at once', async () => {
    const { pauses, sleep } = recordingSleep();
    await expect(
      retryUntil({ attempts: 3, delayMs: () => 1, sleep }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(pauses).toEqual([]);
  });
});
