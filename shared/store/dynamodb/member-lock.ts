import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LeaseLost, LeaseTimeout } from '../../domain/errors';
import { type Backoff, backoffDelay, type Sleep, sleep } from '../../retry';
import type { Lease, Locked, MemberLock } from '../member-lock';
import { keys, TTL_ATTRIBUTE, ttlAfter } from './keys';

/**
 * Short, and renewed by a heartbeat every third of it while the work runs: a holder that crashed (or a
 * Lambda that timed out) blocks the member for at most about this long, however long the work itself takes.
 */
export const DEFAULT_LEASE_MS = 60_000;
/**
 * How long a contended ingest waits before it fails transiently and lets the queue redeliver it: longer
 * than one lease, so a dead holder's lease always runs out within one wait.
 */
export const DEFAULT_MAX_WAIT_MS = 90_000;
/** Pause between acquire attempts while another holder has the lease. */
export const LEASE_BACKOFF: Backoff = { baseMs: 100, capMs: 5_000, jitter: true };

export interface DynamoDbMemberLockOptions {
  leaseMs?: number;
  maxWaitMs?: number;
  /** Pause before the n-th acquire attempt (n ≥ 2); tests shorten it. */
  backoffMs?: (attempt: number) => number;
  /** Epoch milliseconds; tests move it to expire leases. */
  now?: () => number;
  sleep?: Sleep;
  /** Runs `renew` every `ms` until the returned function is called; tests drive it by hand. */
  every?: (ms: number, renew: () => void) => () => void;
}

const everyInterval = (ms: number, renew: () => void): (() => void) => {
  const timer = setInterval(renew, ms);
  // A heartbeat never keeps a process alive on its own.
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * A lease item `pk=MEMBER#<id>, sk=LOCK` taken with a conditional PutItem (free, expired, or already ours),
 * renewed every third of the lease with a conditional UpdateItem (only if still ours) and released with a
 * conditional DeleteItem (only if still ours). The owner token is random per call. The work learns through
 * `Lease.assertHeld` that a renewal failed, and stops before its next write.
 */
export class DynamoDbMemberLock implements MemberLock {
  private readonly leaseMs: number;
  private readonly maxWaitMs: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly every: (ms: number, renew: () => void) => () => void;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoDbMemberLockOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.backoffMs = options.backoffMs ?? ((attempt) => backoffDelay(LEASE_BACKOFF, attempt));
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
    this.every = options.every ?? everyInterval;
  }

  async withLock<T>(memberId: string, work: (lease: Lease) => Promise<T>): Promise<Locked<T>> {
    const key = { pk: keys.member(memberId), sk: keys.lock() };
    const owner = randomUUID();
    const acquired = await this.acquire(key, owner);
    const state = { heldUntil: acquired.expiresAt, lost: false, renewals: 0 };
    let renewing: Promise<void> = Promise.resolve();
    const stop = this.every(Math.floor(this.leaseMs / 3), () => {
      // One renewal at a time; a slow one is not overtaken by the next tick.
      renewing = renewing.then(() => this.renew(key, owner, state));
    });
    const lease: Lease = {
      assertHeld: () => {
        if (state.lost || this.now() >= state.heldUntil) throw new LeaseLost(this.leaseMs);
      },
    };
    let result: T;
    try {
      result = await work(lease);
    } catch (error) {
      stop();
      await renewing;
      // The work's error is the one that matters; a lease left behind expires on its own.
      await this.release(key, owner).catch(() => undefined);
      throw error;
    } finally {
      stop();
    }
    await renewing;
    await this.release(key, owner);
    return { result, writeRequests: acquired.attempts + state.renewals + 1 };
  }

  /** Extends the lease if it is still ours; a refusal marks it lost, a failed call leaves it to expire. */
  private async renew(
    key: { pk: string; sk: string },
    owner: string,
    state: { heldUntil: number; lost: boolean; renewals: number },
  ): Promise<void> {
    if (state.lost) return;
    const expiresAt = this.now() + this.leaseMs;
    state.renewals += 1;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET expiresAt = :expiresAt',
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':expiresAt': expiresAt, ':owner': owner },
        }),
      );
      state.heldUntil = expiresAt;
    } catch (error) {
      if (isConditionFailure(error)) state.lost = true;
      // Anything else (throttling, network): the next tick tries again; `heldUntil` still bounds the work.
    }
  }

  /** Returns the number of attempts it took and when the lease runs out. */
  private async acquire(
    key: { pk: string; sk: string },
    owner: string,
  ): Promise<{ attempts: number; expiresAt: number }> {
    const deadline = this.now() + this.maxWaitMs;
    for (let attempt = 1; ; attempt++) {
      const now = this.now();
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...key,
              owner,
              expiresAt: now + this.leaseMs,
              [TTL_ATTRIBUTE]: ttlAfter(now + this.leaseMs, 1),
            },
            // "Already ours": the SDK may resend a put whose first response was lost.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :owner',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: { ':now': now, ':owner': owner },
          }),
        );
        return { attempts: attempt, expiresAt: now + this.leaseMs };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const left = deadline - this.now();
      if (left <= 0) throw new LeaseTimeout(this.maxWaitMs);
      await this.sleep(Math.min(this.backoffMs(attempt + 1), left));
    }
  }

  private async release(key: { pk: string; sk: string }, owner: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          // Already gone is fine (a resent delete); someone else's lease is not ours to delete.
          ConditionExpression: 'attribute_not_exists(pk) OR #owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // The lease expired while the work held it and another holder took it over.
      throw new LeaseLost(this.leaseMs);
    }
  }
}

const isConditionFailure = (error: unknown): boolean =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
