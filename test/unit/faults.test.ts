import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INGEST_TIMEOUT } from '../../infra/constructs/ingest';
import { LeaseLost, LeaseTimeout } from '../../shared/domain/errors';
import { bufferSource } from '../../shared/export/sources';
import { ingestExport } from '../../shared/ingest/ingest-export';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import {
  DEFAULT_LEASE_MS,
  DEFAULT_MAX_WAIT_MS,
  DynamoDbMemberLock,
  type DynamoDbMemberLockOptions,
} from '../../shared/store/dynamodb/member-lock';
import { type Lease, type Locked, type MemberLock, UNCONTESTED_LEASE } from '../../shared/store/member-lock';
import { MemoryStore } from '../support/memory-store';
import { buildZip } from '../support/zip-builder';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(documentClient);
afterEach(() => ddb.reset());

const conditionFailed = () =>
  Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
const throttled = () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });

const CLOCK = Date.parse('2026-03-05T12:00:00Z');

/** Time the test moves: sleeping advances the clock at once, the heartbeat ticks only when `beat()` says so. */
const fakeTime = () => {
  let now = CLOCK;
  let renew: (() => void) | undefined;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number) => {
      now += ms;
    },
    every: (_ms: number, tick: () => void) => {
      renew = tick;
      return () => {
        renew = undefined;
      };
    },
    /** One heartbeat tick, settled (the renewal's call answered). */
    beat: async () => {
      renew?.();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
};
const lockWith = (options: DynamoDbMemberLockOptions = {}, time = fakeTime()) =>
  new DynamoDbMemberLock(documentClient, 'table', {
    backoffMs: () => 1,
    now: time.now,
    sleep: time.sleep,
    every: time.every,
    ...options,
  });

const MTIME = new Date('2026-03-05T12:00:00Z');
/** `days` reaction days in 2025: more than 25 makes several batches. */
const exportZip = (days: number) =>
  buildZip([
    {
      name: 'Reactions.csv',
      content: `Date,Type,Link\n${Array.from({ length: days }, (_, i) => `${new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10)} 10:00:00,LIKE,x`).join('\n')}\n`,
      mtime: MTIME,
    },
  ]);

const request = (bytes: Buffer, lock?: MemberLock, objectKey = 'exports/ana/a.zip') => ({
  memberId: 'ana',
  objectKey,
  openSource: async () => bufferSource(bytes),
  lock,
});

describe('DynamoDbMemberLock', () => {
  it('takes the lease with a conditional put, runs the work, and releases it with a conditional delete', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
    const work = vi.fn(async () => {
      // The work runs while the lease is held: taken, not yet released.
      expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
      expect(ddb.commandCalls(DeleteCommand)).toHaveLength(0);
      return 'done';
    });
    expect(await lockWith().withLock('ana', work)).toEqual({
      result: 'done',
      writeRequests: 2,
    });

    const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    const owner = put?.Item?.owner;
    expect(owner).toMatch(/^[0-9a-f-]{36}$/);
    expect(put).toMatchObject({
      TableName: 'table',
      Item: { pk: 'MEMBER#ana', sk: 'LOCK', owner, expiresAt: CLOCK + DEFAULT_LEASE_MS },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :owner',
      ExpressionAttributeValues: { ':now': CLOCK, ':owner': owner },
    });
    expect(ddb.commandCalls(DeleteCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: 'MEMBER#ana', sk: 'LOCK' },
      ConditionExpression: 'attribute_not_exists(pk) OR #owner = :owner',
      ExpressionAttributeValues: { ':owner': owner },
    });
  });

  it('uses a fresh owner token per call, so two holders never mistake each other', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
    const lock = lockWith();
    await lock.withLock('ana', async () => undefined);
    await lock.withLock('ana', async () => undefined);
    const owners = ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.owner);
    expect(new Set(owners).size).toBe(2);
  });

  it('waits with backoff while another ingest holds the lease, then runs the work', async () => {
    ddb.on(PutCommand).rejectsOnce(conditionFailed()).rejectsOnce(conditionFailed()).resolves({});
    ddb.on(DeleteCommand).resolves({});
    const work = vi.fn(async () => 42);
    const locked: Locked<number> = await lockWith().withLock('ana', work);
    expect(locked).toEqual({ result: 42, writeRequests: 4 });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('gives up after the wait budget with a LeaseTimeout and never runs the work (on a fake clock)', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());
    const work = vi.fn(async () => 'never');
    // Attempts at 0, 5, …, 40 ms of the fake clock: nine, however fast or slow the machine is.
    const attempt = lockWith({ backoffMs: () => 5, maxWaitMs: 40 }).withLock('ana', work);
    await expect(attempt).rejects.toBeInstanceOf(LeaseTimeout);
    await expect(attempt).rejects.toMatchObject({ code: 'LEASE_TIMEOUT', permanent: false });
    expect(work).not.toHaveBeenCalled();
    expect(ddb.commandCalls(PutCommand)).toHaveLength(9);
    expect(ddb.commandCalls(DeleteCommand)).toHaveLength(0);
  });

  it('lets throttling on the lease surface as is (transient: the queue retries)', async () => {
    ddb.on(PutCommand).rejects(throttled());
    await expect(lockWith().withLock('ana', async () => 1)).rejects.toBeInstanceOf(
      ProvisionedThroughputExceededException,
    );
  });

  it("releases the lease when the work fails and rethrows the work's error, even when the release fails too", async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).rejects(throttled());
    await expect(
      lockWith().withLock('ana', async () => {
        throw new Error('crashed between two batches');
      }),
    ).rejects.toThrow('crashed between two batches');
    expect(ddb.commandCalls(DeleteCommand)).toHaveLength(1);
  });

  it('reports a lease another ingest took over (it outlived its lease) instead of deleting it', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).rejects(conditionFailed());
    await expect(lockWith().withLock('ana', async () => 1)).rejects.toBeInstanceOf(LeaseLost);
  });

  it('renews the short lease while the work runs, so work longer than a lease keeps it', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
    const time = fakeTime();
    const locked = await lockWith({}, time).withLock('ana', async (lease) => {
      for (let i = 0; i < 9; i++) {
        time.advance(DEFAULT_LEASE_MS / 3);
        await time.beat();
        lease.assertHeld();
      }
      return 'three leases long';
    });
    expect(locked).toEqual({ result: 'three leases long', writeRequests: 1 + 9 + 1 });
    const owner = ddb.commandCalls(PutCommand)[0]?.args[0].input.Item?.owner;
    expect(ddb.commandCalls(UpdateCommand).at(-1)?.args[0].input).toMatchObject({
      Key: { pk: 'MEMBER#ana', sk: 'LOCK' },
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeValues: {
        ':owner': owner,
        ':expiresAt': CLOCK + 3 * DEFAULT_LEASE_MS + DEFAULT_LEASE_MS,
      },
    });
  });

  it('stops the work before its next write when a renewal is refused (another holder took over)', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(DeleteCommand).rejects(conditionFailed());
    const time = fakeTime();
    const writes: string[] = [];
    const attempt = lockWith({}, time).withLock('ana', async (lease) => {
      lease.assertHeld();
      writes.push('first');
      await time.beat();
      lease.assertHeld();
      writes.push('second');
    });
    await expect(attempt).rejects.toMatchObject({ code: 'LEASE_LOST', permanent: false });
    expect(writes).toEqual(['first']);
  });

  it('stops a holder that stalled past its lease without a renewal', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
    const time = fakeTime();
    const attempt = lockWith({}, time).withLock('ana', async (lease) => {
      time.advance(DEFAULT_LEASE_MS);
      lease.assertHeld();
    });
    await expect(attempt).rejects.toBeInstanceOf(LeaseLost);
  });

  it('waits longer than one lease, so a crashed holder never dead-letters the next delivery, within the timeout', () => {
    const timeoutMs = INGEST_TIMEOUT.toMilliseconds();
    expect(DEFAULT_MAX_WAIT_MS).toBeGreaterThan(DEFAULT_LEASE_MS);
    expect(DEFAULT_MAX_WAIT_MS).toBeLessThan(timeoutMs / 2);
  });
});

/** An in-process stand-in that says whether it is held, so a test can see what ran under it. */
class RecordingLock implements MemberLock {
  held = false;
  calls = 0;

  async withLock<T>(_memberId: string, work: (lease: Lease) => Promise<T>): Promise<Locked<T>> {
    this.calls += 1;
    this.held = true;
    try {
      return { result: await work(UNCONTESTED_LEASE), writeRequests: 2 };
    } finally {
      this.held = false;
    }
  }
}

describe('ingestExport under the member lock', () => {
  it('reads, plans and writes while holding the lock, and counts the lock in the write requests', async () => {
    const lock = new RecordingLock();
    const store = new MemoryStore();
    const heldDuring: Record<string, boolean[]> = {};
    for (const method of ['loadCoverage', 'readDays', 'writeDays', 'saveCoverage', 'saveManifest'] as const) {
      const original = store[method].bind(store) as (...args: unknown[]) => Promise<unknown>;
      (store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        heldDuring[method] = [...(heldDuring[method] ?? []), lock.held];
        return original(...args);
      };
    }
    const manifest = await ingestExport(store, request(await exportZip(30), lock));
    expect(manifest).toMatchObject({ status: 'SUCCEEDED', daysWritten: 30 });
    // two batches + coverage + manifest + the lock's put and delete
    expect(manifest.writeRequests).toBe(2 + 1 + 1 + 2);
    expect(heldDuring).toEqual({
      // once before reading the export (the duplicate check), once under the lock
      loadCoverage: [false, true],
      readDays: [true],
      writeDays: [true],
      saveCoverage: [true],
      // Every write of the member under its lease, the manifest too: an erasure cannot slip in between.
      saveManifest: [true],
    });
  });

  it('recognises an identical re-upload before reading it: its manifest is the one write, under the lease', async () => {
    const lock = new RecordingLock();
    const store = new MemoryStore();
    const bytes = await exportZip(3);
    await ingestExport(store, request(bytes, lock));
    // Its scoring done meanwhile (otherwise the duplicate joins the manifests waiting for it).
    const coverage = store.coverage.get('ana');
    if (coverage) delete coverage.pendingScoring;
    const writesBefore = store.writes;
    const again = await ingestExport(store, request(bytes, lock, 'exports/ana/copy.zip'));
    expect(again).toMatchObject({ status: 'SUCCEEDED', writeRequests: 1 + 2, daysWritten: 0 });
    expect(store.writes - writesBefore).toBe(1);
    expect(lock.calls).toBe(2);
  });

  it('writes nothing but its manifest when a concurrent delivery of the same export finished while it waited', async () => {
    const store = new MemoryStore();
    const bytes = await exportZip(3);
    // The other delivery takes the lock first and completes; this one then gets the lock.
    const lateLock: MemberLock = {
      async withLock(_memberId, work) {
        await ingestExport(store, request(bytes, undefined, 'exports/ana/first.zip'));
        return { result: await work(UNCONTESTED_LEASE), writeRequests: 2 };
      },
    };
    const manifest = await ingestExport(store, request(bytes, lateLock, 'exports/ana/second.zip'));
    // Its manifest, its place among the manifests waiting for the first delivery's scoring, the lock's two.
    expect(manifest).toMatchObject({ status: 'SUCCEEDED', daysWritten: 0, writeRequests: 1 + 1 + 2 });
    expect(manifest.scoring).toEqual({ status: 'PENDING' });
    expect(manifest.duplicateOf).toBe(manifest.fingerprint);
    expect(store.coverage.get('ana')?.exports).toHaveLength(1);
  });

  it('fails transiently without a manifest when the lease stays taken; the redelivery succeeds', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());
    const store = new MemoryStore();
    const bytes = await exportZip(3);
    const attempt = ingestExport(store, request(bytes, lockWith({ maxWaitMs: 20 })));
    await expect(attempt).rejects.toMatchObject({ name: 'LeaseTimeout', permanent: false });
    expect(store.manifests).toHaveLength(0);
    expect(store.days.size).toBe(0);

    ddb.reset();
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
    const redelivery = await ingestExport(store, request(bytes, lockWith({ maxWaitMs: 20 })));
    expect(redelivery).toMatchObject({ status: 'SUCCEEDED', daysWritten: 3, writeRequests: 5 });
  });
});

describe('ingestExport with DynamoDB faults (aws-sdk-client-mock)', () => {
  const store = new DynamoDbActivityStore(documentClient, 'table', { backoffMs: () => 1 });
  const emptyMember = () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
  };
  const coverageWritten = () =>
    ddb.commandCalls(PutCommand).some((call) => call.args[0].input.Item?.sk === 'COVERAGE');
  const manifestWritten = () =>
    ddb.commandCalls(PutCommand).some((call) => String(call.args[0].input.Item?.sk).startsWith('INGEST#'));

  it('throttling on the second batch rejects before COVERAGE and the manifest, and releases the lease', async () => {
    emptyMember();
    ddb.on(BatchWriteCommand).resolvesOnce({}).rejects(throttled());
    await expect(ingestExport(store, request(await exportZip(40), lockWith()))).rejects.toBeInstanceOf(
      ProvisionedThroughputExceededException,
    );
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(2);
    expect(coverageWritten()).toBe(false);
    expect(manifestWritten()).toBe(false);
    expect(ddb.commandCalls(DeleteCommand)).toHaveLength(1);
  });

  it('a timeout on the COVERAGE write rejects without a manifest (the redelivery re-applies or sees a duplicate)', async () => {
    emptyMember();
    ddb.on(BatchWriteCommand).resolves({});
    ddb
      .on(PutCommand, { Item: { sk: 'COVERAGE' } })
      .rejects(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }));
    await expect(ingestExport(store, request(await exportZip(3), lockWith()))).rejects.toThrow(/timed out/);
    expect(manifestWritten()).toBe(false);
    expect(ddb.commandCalls(DeleteCommand)).toHaveLength(1);
  });

  it('UnprocessedItems are retried within the delivery and counted as write requests', async () => {
    emptyMember();
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({
        UnprocessedItems: { table: [{ PutRequest: { Item: { pk: 'MEMBER#ana', sk: 'DAY#x' } } }] },
      })
      .resolves({});
    const manifest = await ingestExport(store, request(await exportZip(3), lockWith()));
    // two batch attempts + coverage + manifest + lease put and delete
    expect(manifest).toMatchObject({ status: 'SUCCEEDED', writeRequests: 2 + 1 + 1 + 2 });
    expect(coverageWritten()).toBe(true);
  });

  it('reads stored days with a strongly consistent query (the merge must see the previous ingest)', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await store.readDays('ana', '2025-01-01', '2025-12-31');
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ConsistentRead).toBe(true);
  });
});
