import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { MemberBusy } from '../../shared/domain/errors';
import { type ErasureDeps, eraseMember } from '../../shared/members/erase-member';
import { DynamoDbMemberItemsEraser } from '../../shared/store/dynamodb/member-items';
import { DynamoDbMemberLock } from '../../shared/store/dynamodb/member-lock';
import { S3MemberUploadsEraser } from '../../shared/store/s3/member-uploads';

const s3Client = new S3Client({ region: 'us-east-1' });
const s3 = mockClient(s3Client);
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(documentClient);
const uploads = new S3MemberUploadsEraser(s3Client, 'bucket');
const items = new DynamoDbMemberItemsEraser(documentClient, 'table', { backoffMs: () => 1 });

const serverError = (name: string) => Object.assign(new Error(name), { name });
const versions = (prefix: string, from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ Key: `${prefix}file-${from + i}.zip`, VersionId: `v${from + i}` }));

afterEach(() => {
  s3.reset();
  ddb.reset();
});

describe('S3MemberUploadsEraser', () => {
  it('follows ListObjectVersions pages and deletes every version and delete marker of both prefixes', async () => {
    s3.on(ListObjectVersionsCommand)
      .resolves({})
      .on(ListObjectVersionsCommand, { Prefix: 'exports/ann/', KeyMarker: undefined })
      .resolves({
        Versions: versions('exports/ann/', 0, 999),
        DeleteMarkers: [{ Key: 'exports/ann/file-0.zip', VersionId: 'marker-0' }],
        IsTruncated: true,
        NextKeyMarker: 'exports/ann/file-998.zip',
        NextVersionIdMarker: 'v998',
      })
      .on(ListObjectVersionsCommand, { Prefix: 'exports/ann/', KeyMarker: 'exports/ann/file-998.zip' })
      .resolves({
        // A second version of a key already seen: one object, two versions.
        Versions: [
          ...versions('exports/ann/', 999, 2),
          { Key: 'exports/ann/file-999.zip', VersionId: 'old' },
        ],
        IsTruncated: false,
      })
      .on(ListObjectVersionsCommand, { Prefix: 'scores/ann/' })
      .resolves({ Versions: [{ Key: 'scores/ann/history.csv', VersionId: 's1' }] });
    s3.on(DeleteObjectsCommand).resolves({});

    const erased = await uploads.eraseUploads('ann');

    expect(erased).toEqual({ objects: 1002, objectVersions: 1004 });
    const listed = s3.commandCalls(ListObjectVersionsCommand).map((c) => c.args[0].input);
    expect(listed.map((i) => [i.Prefix, i.KeyMarker, i.VersionIdMarker])).toEqual([
      ['exports/ann/', undefined, undefined],
      ['exports/ann/', 'exports/ann/file-998.zip', 'v998'],
      ['scores/ann/', undefined, undefined],
    ]);
    const deletes = s3.commandCalls(DeleteObjectsCommand).map((c) => c.args[0].input.Delete?.Objects ?? []);
    expect(deletes.map((objects) => objects.length)).toEqual([1000, 3, 1]);
    expect(deletes.flat()).toContainEqual({ Key: 'exports/ann/file-0.zip', VersionId: 'marker-0' });
    expect(deletes.flat()).toContainEqual({ Key: 'exports/ann/file-999.zip', VersionId: 'old' });
    expect(
      deletes.flat().every((o) => o.Key?.startsWith('exports/ann/') || o.Key?.startsWith('scores/ann/')),
    ).toBe(true);
  });

  it('throws when DeleteObjects reports per-key errors', async () => {
    s3.on(ListObjectVersionsCommand).resolves({ Versions: versions('exports/ann/', 0, 3) });
    s3.on(DeleteObjectsCommand).resolves({
      Errors: [
        { Key: 'exports/ann/file-1.zip', VersionId: 'v1', Code: 'AccessDenied', Message: 'Access Denied' },
      ],
    });
    await expect(uploads.eraseUploads('ann')).rejects.toThrow(
      /refused to delete 1 of 3 .*exports\/ann\/file-1\.zip \(AccessDenied/,
    );
  });

  it.each(['NotImplemented', 'MethodNotAllowed'])(
    'falls back to ListObjectsV2 pages when the server answers ListObjectVersions with %s',
    async (code) => {
      s3.on(ListObjectVersionsCommand).rejects(serverError(code));
      s3.on(ListObjectsV2Command)
        .resolves({})
        .on(ListObjectsV2Command, { Prefix: 'exports/ann/', ContinuationToken: undefined })
        .resolves({
          Contents: [{ Key: 'exports/ann/a.zip' }, { Key: 'exports/ann/b.zip' }],
          IsTruncated: true,
          NextContinuationToken: 'next',
        })
        .on(ListObjectsV2Command, { Prefix: 'exports/ann/', ContinuationToken: 'next' })
        .resolves({ Contents: [{ Key: 'exports/ann/c.zip' }] });
      s3.on(DeleteObjectsCommand).resolves({});

      expect(await uploads.eraseUploads('ann')).toEqual({ objects: 3, objectVersions: 3 });
      expect(s3.commandCalls(DeleteObjectsCommand).map((c) => c.args[0].input.Delete?.Objects)).toEqual([
        [{ Key: 'exports/ann/a.zip' }, { Key: 'exports/ann/b.zip' }],
        [{ Key: 'exports/ann/c.zip' }],
      ]);
    },
  );

  it('does not fall back on other errors', async () => {
    s3.on(ListObjectVersionsCommand).rejects(serverError('AccessDenied'));
    await expect(uploads.eraseUploads('ann')).rejects.toThrow('AccessDenied');
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(0);
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });
});

describe('DynamoDbMemberItemsEraser', () => {
  const memberKeys = [
    ...Array.from({ length: 30 }, (_, i) => `DAY#2025-01-${String(i + 1).padStart(2, '0')}`),
    'EST#2025-01-01',
    'EST#2025-01-02',
    'OFFICIAL#2025-01-01T00:00:00Z#abc',
    'FINDING#2025-01-01#STALE#overall',
    'INGEST#2025-01-03T00:00:00Z#exports/ann/a.zip',
    'COVERAGE',
    'PROFILE',
    'CALIBRATION',
    'LOCK',
  ].map((sk) => ({ pk: 'MEMBER#ann', sk }));

  it('queries keys only, page by page, deletes in 25s retrying UnprocessedItems, and counts by kind', async () => {
    ddb
      .on(QueryCommand, { ExclusiveStartKey: undefined })
      .resolves({ Items: memberKeys.slice(0, 20), LastEvaluatedKey: memberKeys[19] })
      .on(QueryCommand, { ExclusiveStartKey: memberKeys[19] })
      .resolves({ Items: memberKeys.slice(20) });
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({})
      // The second batch comes back with two deletes unprocessed once.
      .callsFakeOnce((input) => ({ UnprocessedItems: { table: input.RequestItems.table.slice(0, 2) } }))
      .resolves({});
    ddb.on(DeleteCommand).resolves({ Attributes: { pk: 'MEMBERS', sk: 'MEMBER#ann', memberId: 'ann' } });

    const erased = await items.eraseItems('ann');

    expect(erased).toEqual({ days: 30, estimates: 2, readings: 1, findings: 1, manifests: 1, other: 4 });
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query).toMatchObject({ ProjectionExpression: 'pk, sk', ConsistentRead: true });
    const batches = ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems?.table ?? []);
    expect(batches.map((b) => b.length)).toEqual([25, 13, 2]);
    expect(batches[2]).toEqual(batches[1]?.slice(0, 2));
    const deleted = new Set(batches.flat().map((r) => r.DeleteRequest?.Key?.sk));
    expect(deleted.size).toBe(38);
    // The lease is the erasure's own: its release deletes it.
    expect(deleted.has('LOCK')).toBe(false);
    expect(batches.flat().every((r) => r.DeleteRequest?.Key?.pk === 'MEMBER#ann')).toBe(true);
    // The entry in the member's registry shard, and one left in the legacy partition from before sharding.
    expect(ddb.commandCalls(DeleteCommand).map((call) => call.args[0].input)).toEqual([
      expect.objectContaining({ Key: { pk: 'MEMBERS#08', sk: 'MEMBER#ann' }, ReturnValues: 'ALL_OLD' }),
      expect.objectContaining({ Key: { pk: 'MEMBERS', sk: 'MEMBER#ann' }, ReturnValues: 'ALL_OLD' }),
    ]);
  });

  it('gives zeros for an unknown member', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(DeleteCommand).resolves({});
    expect(await items.eraseItems('nobody')).toEqual({
      days: 0,
      estimates: 0,
      readings: 0,
      findings: 0,
      manifests: 0,
      other: 0,
    });
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });
});

describe('eraseMember', () => {
  const zeroItems = { days: 0, estimates: 0, readings: 0, findings: 0, manifests: 0, other: 0 };
  const recording = (calls: string[]): ErasureDeps => ({
    uploads: {
      eraseUploads: async () => {
        calls.push('uploads');
        return { objects: 2, objectVersions: 3 };
      },
    },
    items: {
      eraseItems: async () => {
        calls.push('items');
        return { ...zeroItems, days: 5 };
      },
    },
    teams: {
      removeMembership: async () => {
        calls.push('teams');
        return 0;
      },
    },
    marks: {
      erasedAt: async () => undefined,
      markErased: async (_memberId, erasedAt) => {
        calls.push(`tombstone ${erasedAt}`);
      },
    },
    lock: new DynamoDbMemberLock(documentClient, 'table', { maxWaitMs: 0 }),
    now: () => new Date('2026-03-05T12:00:00Z'),
  });

  it('erases the uploads, then the items, then leaves a tombstone dated when it began, under the member lease', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
    const calls: string[] = [];
    expect(await eraseMember(recording(calls), 'ann')).toEqual({
      memberId: 'ann',
      items: { ...zeroItems, days: 5 },
      objects: 2,
      objectVersions: 3,
    });
    expect(calls).toEqual(['uploads', 'teams', 'items', 'tombstone 2026-03-05T12:00:00.000Z']);
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({
      pk: 'MEMBER#ann',
      sk: 'LOCK',
    });
    expect(ddb.commandCalls(DeleteCommand)[0]?.args[0].input.Key).toEqual({ pk: 'MEMBER#ann', sk: 'LOCK' });
  });

  it('refuses with MemberBusy and erases nothing while an ingest holds the lease', async () => {
    ddb.on(PutCommand).rejects(serverError('ConditionalCheckFailedException'));
    const calls: string[] = [];
    const erasure = eraseMember(recording(calls), 'ann');
    await expect(erasure).rejects.toBeInstanceOf(MemberBusy);
    await expect(erasure).rejects.toThrow(
      /an ingest is running for member 'ann'; try again in a few minutes/,
    );
    expect(calls).toEqual([]);
  });

  it('rejects what is not a member id before touching anything', async () => {
    const calls: string[] = [];
    await expect(eraseMember(recording(calls), '../other')).rejects.toThrow(RangeError);
    expect(calls).toEqual([]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('lets a failing step fail the erasure (it can be run again)', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
    const deps = recording([]);
    deps.uploads.eraseUploads = async () => {
      throw new Error('S3 refused to delete 1 of 3 object version(s)');
    };
    await expect(eraseMember(deps, 'ann')).rejects.toThrow(/S3 refused/);
  });
});
