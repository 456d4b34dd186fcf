import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GeneratorOptions, writeExport } from '../../sample/generator';
import { sampleReadingsCsv } from '../../sample/readings';
import { MemberBusy } from '../../shared/domain/errors';
import { type ErasureDeps, eraseMember, erasureDeps } from '../../shared/members/erase-member';
import { keys, shardOf } from '../../shared/store/dynamodb/keys';
import type { Item } from '../../shared/store/dynamodb/table';
import { EXPORTS_PREFIX, SCORES_PREFIX } from '../../shared/store/layout';
import { useLocalStack } from '../support/local-stack';
import { smallMember } from '../support/small-member';
import { dumpMember, localDocumentClient } from '../support/table-dump';

const stack = useLocalStack();

/** A small member: a few hundred days, enough for days, estimates, readings and findings. */
const SMALL: GeneratorOptions = smallMember({ seed: 7, startDate: '2025-10-01' });

// B's id starts with A's: A's prefixes (`exports/erase-a/`) must not reach B's uploads.
const A = 'erase-a';
const B = 'erase-a-b';

let exportPath: string;
let client: DynamoDBDocumentClient;
let deps: ErasureDeps;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pillarwatch-erase-'));
  exportPath = (await writeExport(join(dir, 'export.zip'), SMALL)).path;
  client = localDocumentClient(stack.dynamoEndpoint);
  deps = erasureDeps(client, stack.tableName, stack.s3, stack.bucketName);
});

const uploadMember = async (memberId: string) => {
  await stack.upload(memberId, exportPath);
  await stack.upload(memberId, Buffer.from(sampleReadingsCsv()), `${SCORES_PREFIX}${memberId}/history.csv`);
  await stack.waitForIdle();
};

/** Every item of the table (all pages), so nothing outside the member's partition can hide. */
const scanAll = async (): Promise<Item[]> => {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
};

const objectKeys = async (prefix: string): Promise<string[]> =>
  (
    (await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.bucketName, Prefix: prefix }))).Contents ??
    []
  )
    .map((object) => object.Key ?? '')
    .sort();

/** The member's items, except the erasure's tombstone (a key and a date, nothing of the member). */
const itemsOf = (items: readonly Item[], memberId: string) =>
  items.filter(
    (item) =>
      (item.pk === keys.member(memberId) && item.sk !== keys.erased()) ||
      (item.pk === keys.registryShard(shardOf(memberId)) && item.sk === keys.member(memberId)),
  );

describe('eraseMember against DynamoDB Local and the S3 server', () => {
  it('removes every item, the registry entry and every upload of one member, and nothing of another', async () => {
    await uploadMember(A);
    await uploadMember(B);
    const before = await scanAll();
    const itemsOfA = itemsOf(before, A);
    // What A holds before: every kind of item the erasure must find.
    for (const prefix of ['DAY#', 'EST#', 'OFFICIAL#', 'FINDING#', 'INGEST#', 'COVERAGE', 'CALIBRATION'])
      expect(
        itemsOfA.some((item) => String(item.sk).startsWith(prefix)),
        prefix,
      ).toBe(true);
    const stateOfB = await dumpMember(client, stack.tableName, B);
    const uploadsOfB = [
      ...(await objectKeys(`${EXPORTS_PREFIX}${B}/`)),
      ...(await objectKeys(`${SCORES_PREFIX}${B}/`)),
    ];
    expect(uploadsOfB).toHaveLength(2);
    // The S3 server has no versioning: the erasure takes the ListObjectsV2 path.
    await expect(
      stack.s3.send(new ListObjectVersionsCommand({ Bucket: stack.bucketName, Prefix: EXPORTS_PREFIX })),
    ).rejects.toMatchObject({ name: 'MethodNotAllowed' });

    const report = await eraseMember(deps, A);

    const after = await scanAll();
    expect(itemsOf(after, A)).toEqual([]);
    expect(await objectKeys(`${EXPORTS_PREFIX}${A}/`)).toEqual([]);
    expect(await objectKeys(`${SCORES_PREFIX}${A}/`)).toEqual([]);
    const count = (prefix: string) => itemsOfA.filter((item) => String(item.sk).startsWith(prefix)).length;
    expect(report).toEqual({
      memberId: A,
      items: {
        days: count('DAY#'),
        estimates: count('EST#'),
        readings: count('OFFICIAL#'),
        findings: count('FINDING#'),
        manifests: count('INGEST#'),
        other:
          itemsOfA.length -
          ['DAY#', 'EST#', 'OFFICIAL#', 'FINDING#', 'INGEST#'].reduce((n, p) => n + count(p), 0),
      },
      objects: 2,
      objectVersions: 2,
    });
    expect(report.items.other).toBeGreaterThanOrEqual(3); // coverage, calibration, registry (+ profile)

    expect(await dumpMember(client, stack.tableName, B)).toEqual(stateOfB);
    expect(itemsOf(after, B).some((item) => item.pk === keys.registryShard(shardOf(B)))).toBe(true);
    expect([
      ...(await objectKeys(`${EXPORTS_PREFIX}${B}/`)),
      ...(await objectKeys(`${SCORES_PREFIX}${B}/`)),
    ]).toEqual(uploadsOfB);
    // Everything of A went; its tombstone came.
    expect(after.length).toBe(before.length - itemsOfA.length + 1);

    // Idempotent: the second erasure finds nothing.
    expect(await eraseMember(deps, A)).toEqual({
      memberId: A,
      items: { days: 0, estimates: 0, readings: 0, findings: 0, manifests: 0, other: 0 },
      objects: 0,
      objectVersions: 0,
    });
    expect(itemsOf(await scanAll(), A)).toEqual([]);
  });

  it('refuses while an ingest holds the member lease, and takes over an expired one', async () => {
    const member = 'erase-busy';
    await uploadMember(member);
    const lease = (expiresAt: number) =>
      client.send(
        new PutCommand({
          TableName: stack.tableName,
          Item: { pk: keys.member(member), sk: keys.lock(), owner: 'a running ingest', expiresAt },
        }),
      );
    await lease(Date.now() + 600_000);
    const held = await dumpMember(client, stack.tableName, member);

    await expect(eraseMember(deps, member)).rejects.toBeInstanceOf(MemberBusy);
    expect(await dumpMember(client, stack.tableName, member)).toEqual(held);
    expect(await objectKeys(`${EXPORTS_PREFIX}${member}/`)).toHaveLength(1);

    await lease(Date.now() - 1);
    const report = await eraseMember(deps, member);
    expect(report.items.days).toBeGreaterThan(0);
    expect(itemsOf(await scanAll(), member)).toEqual([]);
  });
});
