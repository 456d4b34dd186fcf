import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { LeaseTimeout } from '../../domain/errors';
import { type Backoff, backoffDelay, type Sleep, sleep } from '../../retry';
import type { Locked, MemberLock } from '../member-lock';
import { keys } from './keys';

/**
 * Longer than the ingest function's timeout (5 min), so a holder is always gone before its lease can be
 * taken over; a holder that crashed without releasing blocks the member for at most this long.
 */
export const DEFAULT_LEASE_MS = 10 * 60_000;
/** How long a contended ingest waits before it fails transiently and lets the queue redeliver it. */
export const DEFAULT_MAX_WAIT_MS = 60_000;
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
}

/**
 * A lease item `pk=MEMBER#<id>, sk=LOCK` taken with a conditional PutItem (free, expired, or already ours)
 * and released with a conditional DeleteItem (only if still ours). The owner token is random per call.
 */
export class DynamoDbMemberLock implements MemberLock {
  private readonly leaseMs: number;
  private readonly maxWaitMs: number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly now: () => number;
  private readonly sleep: Sleep;

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
  }

  async withLock<T>(memberId: string, work: () => Promise<T>): Promise<Locked<T>> {
    const key = { pk: keys.member(memberId), sk: keys.lock() };
    const owner = randomUUID();
    const attempts = await this.acquire(key, owner);
    let result: T;
    try {
      result = await work();
    } catch (error) {
      // The work's error is the one that matters; a lease left behind expires on its own.
      await this.release(key, owner).catch(() => undefined);
      throw error;
    }
    await this.release(key, owner);
    return { result, writeRequests: attempts + 1 };
  }

  /** Returns the number of attempts it took. */
  private async acquire(key: { pk: string; sk: string }, owner: string): Promise<number> {
    const deadline = this.now() + this.maxWaitMs;
    for (let attempt = 1; ; attempt++) {
      const now = this.now();
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...key, owner, expiresAt: now + this.leaseMs },
            // "Already ours": the SDK may resend a put whose first response was lost.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :owner',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: { ':now': now, ':owner': owner },
          }),
        );
        return attempt;
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
      throw new Error(
        `the member lock expired while this ingest held it (lease ${this.leaseMs} ms); another ingest took it over`,
      );
    }
  }
}

const isConditionFailure = (error: unknown): boolean =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
