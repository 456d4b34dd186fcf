import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type GeneratedExport, SAMPLE_OPTIONS, writeExport } from '../../sample/generator';
import { LeaseTimeout } from '../../shared/domain/errors';
import type { IngestManifest } from '../../shared/domain/manifest';
import { fileSource } from '../../shared/export/sources';
import { ingestExport } from '../../shared/ingest/ingest-export';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { keys } from '../../shared/store/dynamodb/keys';
import {
  DEFAULT_LEASE_MS,
  DynamoDbMemberLock,
  type DynamoDbMemberLockOptions,
} from '../../shared/store/dynamodb/member-lock';
import type { Item } from '../../shared/store/dynamodb/table';
import { dumpMember, localDocumentClient, manifestsOf, stateOf } from '../support/table-dump';

/**
 * DynamoDB faults injected in front of the real DynamoDB Local: whatever fails, and wherever it fails, the
 * retry the queue makes converges on the table a clean run produces (full dumps compared, see table-dump.ts).
 */

let dir: string;
let file: GeneratedExport;
let client: DynamoDBDocumentClient;
const tableName = inject('tableName');
/** Every item of a member after one clean ingest, normalised. */
let clean: Item[];
let cleanManifest: IngestManifest;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pillarwatch-faults-'));
  file = await writeExport(join(dir, 'export.zip'), {
    ...SAMPLE_OPTIONS,
    seed: 5,
    startDate: '2025-03-01',
    endDate: '2026-01-31',
    scale: { ...SAMPLE_OPTIONS.scale, connections: 60, messages: 200, reactions: 120, searches: 40 },
  });
  client = localDocumentClient(inject('dynamoEndpoint'));
  cleanManifest = await ingest('faults-clean', client);
  clean = await dumpMember(client, tableName, 'faults-clean');
});

afterAll(async () => {
  client?.destroy();
  await rm(dir, { recursive: true, force: true });
});

/** One delivery of the export, as the handler runs it: a store and a lock on `via`. */
const ingest = (memberId: string, via: DynamoDBDocumentClient, lockOptions: DynamoDbMemberLockOptions = {}) =>
  ingestExport(new DynamoDbActivityStore(via, tableName, { backoffMs: () => 1 }), {
    memberId,
    objectKey: `exports/${memberId}/export.zip`,
    openSource: () => fileSource(file.path),
    lock: new DynamoDbMemberLock(via, tableName, { backoffMs: () => 5, ...lockOptions }),
  });

type Send = () => Promise<unknown>;
type Command = BatchWriteCommand | PutCommand | { input: unknown };
/**
 * The real client with `fault` in front of every request: it may answer instead of DynamoDB, send the
 * request (`send()`) and then fail, or just pass it on. `calls` counts requests per command name.
 */
const withFaults = (
  fault: (command: Command, send: Send, calls: Record<string, number>) => Promise<unknown>,
): DynamoDBDocumentClient => {
  const calls: Record<string, number> = {};
  const faulty = Object.create(client) as DynamoDBDocumentClient;
  faulty.send = ((command: Command) => {
    const name = command.constructor.name;
    calls[name] = (calls[name] ?? 0) + 1;
    return fault(command, () => client.send(command as PutCommand), calls);
  }) as DynamoDBDocumentClient['send'];
  return faulty;
};

const throttled = () =>
  new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds capacity', $metadata: {} });
const timedOut = () => Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
const isCoveragePut = (command: Command) =>
  command instanceof PutCommand && command.input.Item?.sk === keys.coverage();
const dayItems = (dump: readonly Item[]) => dump.filter((item) => String(item.sk).startsWith('DAY#'));

/** After a failed attempt: no coverage, no manifest, no lease left behind; the retry then matches a clean run. */
const expectRetryConverges = async (memberId: string, firstAttempt: Promise<IngestManifest>) => {
  await expect(firstAttempt).rejects.toThrow();
  const afterFailure = await dumpMember(client, tableName, memberId);
  expect(afterFailure.map((item) => item.sk)).not.toContain('COVERAGE');
  expect(afterFailure.map((item) => item.sk)).not.toContain('LOCK');
  expect(manifestsOf(afterFailure)).toEqual([]);
  const retry = await ingest(memberId, client);
  expect(retry.status).toBe('SUCCEEDED');
  expect(await dumpMember(client, tableName, memberId)).toEqual(clean);
  return { afterFailure, retry };
};

describe('faults while writing, on DynamoDB Local', () => {
  it('the clean run writes several batches of days, a coverage, a profile and a manifest', () => {
    expect(dayItems(clean).length).toBeGreaterThan(75);
    expect(stateOf(clean).map((item) => item.sk)).toEqual(
      expect.arrayContaining(['COVERAGE', 'PROFILE', expect.stringMatching(/^DAY#/)]),
    );
    expect(manifestsOf(clean)).toHaveLength(1);
    expect(cleanManifest.writeRequests).toBe(Math.ceil(cleanManifest.daysWritten / 25) + 5);
  });

  it('a crash between two batches: the retry completes the days and matches a clean run', async () => {
    const crashing = withFaults(async (command, send, calls) => {
      if (command instanceof BatchWriteCommand && (calls.BatchWriteCommand ?? 0) >= 2)
        throw new Error('Runtime exited: the function crashed between two batches');
      return send();
    });
    const { afterFailure, retry } = await expectRetryConverges(
      'faults-crash',
      ingest('faults-crash', crashing),
    );
    // Exactly the first batch had landed; the retry rewrote only what was missing.
    expect(dayItems(afterFailure)).toHaveLength(25);
    expect(retry.daysWritten).toBe(cleanManifest.daysWritten - 25);
  });

  it('throttling that outlasts the SDK retries fails the delivery; the redelivery converges', async () => {
    const throttling = withFaults(async (command, send, calls) => {
      if (command instanceof BatchWriteCommand && (calls.BatchWriteCommand ?? 0) >= 3) throw throttled();
      return send();
    });
    const attempt = ingest('faults-throttled', throttling);
    await expect(attempt).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
    await expectRetryConverges('faults-throttled', attempt);
  });

  it('UnprocessedItems on every batch are retried until written, in the same delivery', async () => {
    const halfProcessing = withFaults(async (command, send) => {
      if (!(command instanceof BatchWriteCommand)) return send();
      const requests = command.input.RequestItems?.[tableName] ?? [];
      if (requests.length < 2) return send();
      const half = Math.ceil(requests.length / 2);
      await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests.slice(0, half) } }));
      return {
        UnprocessedItems: { [tableName]: requests.slice(half) },
      } satisfies Partial<BatchWriteCommandOutput>;
    });
    const manifest = await ingest('faults-unprocessed', halfProcessing);
    expect(manifest.writeRequests).toBeGreaterThan(cleanManifest.writeRequests);
    expect(await dumpMember(client, tableName, 'faults-unprocessed')).toEqual(clean);
  });

  it('UnprocessedItems that never clear fail the delivery; the redelivery converges', async () => {
    const stuck = withFaults(async (command, send, calls) => {
      if (!(command instanceof BatchWriteCommand) || (calls.BatchWriteCommand ?? 0) < 2) return send();
      return { UnprocessedItems: command.input.RequestItems } satisfies Partial<BatchWriteCommandOutput>;
    });
    const attempt = ingest('faults-stuck', stuck);
    await expect(attempt).rejects.toThrow(/unprocessed after 8 attempts/);
    await expectRetryConverges('faults-stuck', attempt);
  });

  it('a timeout after a batch was written (the answer is lost): the redelivery converges', async () => {
    const losingAnswers = withFaults(async (command, send, calls) => {
      const result = await send();
      if (command instanceof BatchWriteCommand && calls.BatchWriteCommand === 2) throw timedOut();
      return result;
    });
    const { afterFailure } = await expectRetryConverges(
      'faults-timeout',
      ingest('faults-timeout', losingAnswers),
    );
    expect(dayItems(afterFailure)).toHaveLength(50);
  });

  it('a timeout after COVERAGE was written: the data is complete and the redelivery is a duplicate', async () => {
    const losingCoverageAnswer = withFaults(async (command, send) => {
      const result = await send();
      if (isCoveragePut(command)) throw timedOut();
      return result;
    });
    await expect(ingest('faults-late-timeout', losingCoverageAnswer)).rejects.toThrow(/timed out/);
    const retry = await ingest('faults-late-timeout', client);
    expect(retry).toMatchObject({
      status: 'SUCCEEDED',
      duplicateOf: cleanManifest.fingerprint,
      // Its manifest, its place among the manifests waiting for the owed scoring, the lease's put and delete.
      writeRequests: 1 + 1 + 2,
      scoring: { status: 'PENDING' },
    });
    const dump = await dumpMember(client, tableName, 'faults-late-timeout');
    expect(stateOf(dump)).toEqual(stateOf(clean));
    // The upload's only manifest is the duplicate one: the first attempt failed before writing its own.
    expect(manifestsOf(dump)).toHaveLength(1);
  });

  it("a lease put whose answer was lost and that the SDK sends again is still this ingest's lease", async () => {
    let resent = 0;
    const resending = withFaults(async (command, send) => {
      const result = await send();
      if (command instanceof PutCommand && command.input.Item?.sk === 'LOCK') {
        resent += 1;
        return send();
      }
      return result;
    });
    await ingest('faults-resent-lease', resending, { maxWaitMs: 0 });
    expect(resent).toBe(1);
    expect(await dumpMember(client, tableName, 'faults-resent-lease')).toEqual(clean);
  });
});

describe('a lease left behind by a crashed ingest', () => {
  const leaveLease = (memberId: string, expiresAt: number) =>
    client.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: keys.member(memberId), sk: 'LOCK', owner: 'crashed-invocation', expiresAt },
      }),
    );

  it('is taken over once it has expired', async () => {
    await leaveLease('faults-expired-lease', Date.now() - 1);
    await ingest('faults-expired-lease', client, { maxWaitMs: 0 });
    expect(await dumpMember(client, tableName, 'faults-expired-lease')).toEqual(clean);
  });

  it('makes a delivery fail transiently until it expires; the redelivery then converges', async () => {
    await leaveLease('faults-held-lease', Date.now() + DEFAULT_LEASE_MS);
    const attempt = ingest('faults-held-lease', client, { maxWaitMs: 100 });
    await expect(attempt).rejects.toBeInstanceOf(LeaseTimeout);
    await expect(attempt).rejects.toMatchObject({
      permanent: false,
      message: expect.stringMatching(/held its lock/),
    });
    const whileHeld = await dumpMember(client, tableName, 'faults-held-lease');
    expect(whileHeld.map((item) => item.sk)).toEqual(['LOCK']);
    // The queue redelivers after its visibility timeout (30 min), by when the lease (10 min) has expired.
    await ingest('faults-held-lease', client, { now: () => Date.now() + DEFAULT_LEASE_MS + 1 });
    expect(await dumpMember(client, tableName, 'faults-held-lease')).toEqual(clean);
  });
});
