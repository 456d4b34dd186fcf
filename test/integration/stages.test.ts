import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GeneratorOptions, writeExport } from '../../sample/generator';
import { DEFAULT_ARCHIVE_LIMITS } from '../../shared/export/zip';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { handleUpload, type UploadDeps } from '../../shared/ingest/handle-upload';
import { readSmallObject } from '../../shared/ingest/s3-object';
import { eraseMember, erasureDeps } from '../../shared/members/erase-member';
import { createIngestMetrics } from '../../shared/observability/ingest-metrics';
import { scoresDeps } from '../../shared/scores/deps';
import { recordReadings } from '../../shared/scores/member-scores';
import { completePendingScoring, membersWithPendingScoring } from '../../shared/scores/pending-scoring';
import { ingestReadingsUpload } from '../../shared/scores/readings-upload';
import { sweep } from '../../shared/scores/sweep';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { keys } from '../../shared/store/dynamodb/keys';
import { DynamoDbErasureMarks } from '../../shared/store/dynamodb/member-items';
import { DynamoDbMemberLock } from '../../shared/store/dynamodb/member-lock';
import type { MemberLock } from '../../shared/store/member-lock';
import { useLocalStack } from '../support/local-stack';
import { officialReading, pillars } from '../support/scores-builders';
import { smallMember } from '../support/small-member';
import { dumpMember, localDocumentClient, manifestsOf } from '../support/table-dump';

// The stack's own ingest is replaced by a no-op: each test drives the ingest use case itself.
const stack = useLocalStack({ handlers: { ingest: async () => ({ batchItemFailures: [] }) } });

const SMALL: GeneratorOptions = smallMember({ seed: 11, startDate: '2025-10-01' });

let exportPath: string;
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pillarwatch-stages-'));
  exportPath = (await writeExport(join(dir, 'export.zip'), SMALL)).path;
  client = localDocumentClient(stack.dynamoEndpoint);
});

const silent = { info: () => undefined, warn: () => undefined };

const depsWith = (
  overrides: { lock?: MemberLock; scores?: Partial<UploadDeps['scores']['scores']> } = {},
) => {
  const scores = scoresDeps(client, { tableName: stack.tableName, thresholds: DEFAULT_THRESHOLDS });
  const deps: UploadDeps = {
    scores: { ...scores, scores: Object.assign(Object.create(scores.scores), overrides.scores ?? {}) },
    s3: stack.s3,
    lock: overrides.lock ?? new DynamoDbMemberLock(client, stack.tableName),
    erasures: new DynamoDbErasureMarks(client, stack.tableName),
    limits: DEFAULT_ARCHIVE_LIMITS,
    metrics: createIngestMetrics(),
    logger: silent,
  };
  return deps;
};

const upload = async (memberId: string, name = 'export.zip') => ({
  bucket: stack.bucketName,
  key: await stack.upload(memberId, exportPath, `exports/${memberId}/${name}`),
});

const count = async (memberId: string, prefix: string) =>
  (await dumpMember(client, stack.tableName, memberId)).filter((item) => String(item.sk).startsWith(prefix))
    .length;

describe('the scoring stage after an export (DynamoDB Local and the S3 server)', () => {
  it('a delivery that crashed after COVERAGE leaves scoring owed; the redelivery (a duplicate) finishes it', async () => {
    await handleUpload(depsWith(), await upload('stages-clean'));
    const clean = await count('stages-clean', 'EST#');
    expect(clean).toBeGreaterThan(100);

    const crashing = depsWith({
      scores: {
        writeEstimates: async () => {
          throw new Error('the function timed out');
        },
      },
    });
    const object = await upload('stages-crash');
    await expect(handleUpload(crashing, object)).rejects.toThrow('the function timed out');
    expect(await count('stages-crash', 'EST#')).toBe(0);
    expect(await membersWithPendingScoring(depsWith().scores)).toContain('stages-crash');
    const [crashed] = manifestsOf(await dumpMember(client, stack.tableName, 'stages-crash'));
    expect(crashed?.scoring).toEqual({ status: 'PENDING' });

    await handleUpload(depsWith(), object);
    expect(await count('stages-crash', 'EST#')).toBe(clean);
    const manifests = manifestsOf(await dumpMember(client, stack.tableName, 'stages-crash'));
    expect(manifests).toHaveLength(2);
    for (const manifest of manifests)
      expect(manifest.scoring).toMatchObject({ status: 'DONE', estimates: clean });
    expect(await membersWithPendingScoring(depsWith().scores)).not.toContain('stages-crash');
    // Nothing owed any more: a further call is a no-op.
    expect(
      await completePendingScoring({ ...depsWith().scores, lock: depsWith().lock }, 'stages-crash'),
    ).toBe(undefined);
  });
});

describe('erasure is final', () => {
  it('an erasure between the merge and the scoring leaves nothing; the old message writes nothing; a new upload starts afresh', async () => {
    const member = 'stages-erased';
    const erasure = erasureDeps(client, stack.tableName, stack.s3, stack.bucketName);
    const realLock = new DynamoDbMemberLock(client, stack.tableName);
    let leases = 0;
    // The erasure runs in the window `pillarwatch upload` used to return in: after the merge's lease, before
    // the scoring's.
    const lock: MemberLock = {
      async withLock(memberId, work) {
        leases += 1;
        if (leases === 2) await eraseMember(erasure, memberId);
        return realLock.withLock(memberId, work);
      },
    };
    const object = await upload(member);
    await handleUpload(depsWith({ lock }), object);
    const left = await dumpMember(client, stack.tableName, member);
    expect(left.map((item) => item.sk)).toEqual([keys.erased()]);
    expect(await new DynamoDbActivityStore(client, stack.tableName).memberExists(member)).toBe(false);
    expect((await stack.api(`/members/${member}/estimates`)).status).toBe(404);

    // The old message again (SQS redelivers): its object is gone with the member; nothing is written.
    await handleUpload(depsWith(), object);
    expect((await dumpMember(client, stack.tableName, member)).map((item) => item.sk)).toEqual([
      keys.erased(),
    ]);

    // A new upload after the erasure is ingested and scored as a first upload.
    await handleUpload(depsWith(), await upload(member, 'again.zip'));
    expect(await count(member, 'EST#')).toBeGreaterThan(100);
    const [manifest] = manifestsOf(await dumpMember(client, stack.tableName, member));
    expect(manifest).toMatchObject({ status: 'SUCCEEDED', scoring: { status: 'DONE' } });
  });

  it('readings and the sweep respect an erasure too: overtaken readings, a redelivered readings upload and the sweep write nothing', async () => {
    const member = 'stages-readings-erased';
    const deps = scoresDeps(client, { tableName: stack.tableName, thresholds: DEFAULT_THRESHOLDS });
    const erasure = erasureDeps(client, stack.tableName, stack.s3, stack.bucketName);
    const at = (day: string) => `${day}T09:00:00.000Z`;
    expect(
      (await recordReadings(deps, member, [officialReading(member, at('2026-03-01'), pillars(10))])).stored,
    ).toBe(1);
    await eraseMember(erasure, member);

    // A reading that arrived before the erasure but reached the lease after it: dropped.
    const overtaken = {
      ...officialReading(member, at('2026-03-02'), pillars(11)),
      receivedAt: at('2026-03-02'),
    };
    const dropped = await recordReadings(deps, member, [overtaken]);
    expect(dropped).toMatchObject({ stored: 0, droppedByErasure: expect.any(String) });

    // The readings upload's message redelivered after the erasure: its object is gone; no manifest is left.
    const manifest = await ingestReadingsUpload(deps, {
      memberId: member,
      objectKey: `scores/${member}/history.csv`,
      read: () => readSmallObject(stack.s3, stack.bucketName, `scores/${member}/history.csv`, 1_000_000),
    });
    expect(manifest.droppedByErasure).toBeDefined();

    // The sweep (under each member's lease) writes nothing for the erased member.
    await sweep(deps);
    expect((await dumpMember(client, stack.tableName, member)).map((item) => item.sk)).toEqual([
      keys.erased(),
    ]);

    // A reading that arrives after the erasure starts the member afresh.
    const fresh = {
      ...officialReading(member, at('2026-03-03'), pillars(12)),
      receivedAt: new Date().toISOString(),
    };
    expect((await recordReadings(deps, member, [fresh])).stored).toBe(1);
    expect(await count(member, 'OFFICIAL#')).toBe(1);
  });
});
