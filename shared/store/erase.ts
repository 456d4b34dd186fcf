import {
  DeleteObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoTable, type DynamoTableOptions } from './dynamodb-table';
import { EXPORTS_PREFIX, keys, SCORES_PREFIX, SK_PREFIX } from './table';

/** Items removed from the member's partition and the registry, by what they held. */
export interface ErasedItems {
  days: number;
  estimates: number;
  readings: number;
  findings: number;
  manifests: number;
  /** Coverage, profile, calibration, the registry entry and anything else of the member. */
  other: number;
}

export interface ErasedObjects {
  /** Distinct object keys removed. */
  objects: number;
  /** Versions and delete markers removed (an unversioned object is one version). */
  objectVersions: number;
}

/** The table side of an erasure. */
export interface MemberItemsEraser {
  /**
   * Deletes every item of the member's partition except the `LOCK` lease (the erasure holds it and its
   * release deletes it), then the member's registry entry.
   */
  eraseItems(memberId: string): Promise<ErasedItems>;
}

/** The bucket side of an erasure. */
export interface MemberUploadsEraser {
  /** Deletes every version and delete marker under `exports/<id>/` and `scores/<id>/`. */
  eraseUploads(memberId: string): Promise<ErasedObjects>;
}

const ITEM_CATEGORIES: readonly [prefix: string, category: Exclude<keyof ErasedItems, 'other'>][] = [
  [SK_PREFIX.day, 'days'],
  [SK_PREFIX.estimate, 'estimates'],
  [SK_PREFIX.official, 'readings'],
  [SK_PREFIX.finding, 'findings'],
  [SK_PREFIX.ingest, 'manifests'],
];

const categoryOf = (sk: string): keyof ErasedItems =>
  ITEM_CATEGORIES.find(([prefix]) => sk.startsWith(prefix))?.[1] ?? 'other';

export class DynamoDbMemberItemsEraser implements MemberItemsEraser {
  private readonly table: DynamoTable;

  constructor(client: DynamoDBDocumentClient, tableName: string, options: DynamoTableOptions = {}) {
    this.table = new DynamoTable(client, tableName, options);
  }

  async eraseItems(memberId: string): Promise<ErasedItems> {
    const pk = keys.member(memberId);
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      // Keys only: the erasure never reads what it deletes.
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    const erased: ErasedItems = { days: 0, estimates: 0, readings: 0, findings: 0, manifests: 0, other: 0 };
    const sortKeys = items.map((item) => String(item.sk)).filter((sk) => sk !== keys.lock());
    for (const sk of sortKeys) erased[categoryOf(sk)] += 1;
    await this.table.batchWrite(sortKeys.map((sk) => ({ DeleteRequest: { Key: { pk, sk } } })));
    if (await this.deleteRegistryEntry(memberId)) erased.other += 1;
    return erased;
  }

  /** True when the entry existed. */
  private async deleteRegistryEntry(memberId: string): Promise<boolean> {
    const result = await this.table.client.send(
      new DeleteCommand({
        TableName: this.table.name,
        Key: { pk: keys.registry(), sk: keys.member(memberId) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return result.Attributes !== undefined;
  }
}

/** S3's limit for one DeleteObjects call, and the default page size of the listings. */
const DELETE_BATCH = 1000;

/** How S3-compatible servers without versioning (s3rver) answer ListObjectVersions. */
const VERSIONS_UNSUPPORTED = new Set(['NotImplemented', 'MethodNotAllowed']);

export class S3MemberUploadsEraser implements MemberUploadsEraser {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async eraseUploads(memberId: string): Promise<ErasedObjects> {
    const erased: ErasedObjects = { objects: 0, objectVersions: 0 };
    // The trailing slash keeps member `ann` from matching `anna`'s uploads.
    for (const prefix of [`${EXPORTS_PREFIX}${memberId}/`, `${SCORES_PREFIX}${memberId}/`]) {
      const removed = await this.erasePrefix(prefix);
      erased.objects += removed.objects;
      erased.objectVersions += removed.objectVersions;
    }
    return erased;
  }

  private async erasePrefix(prefix: string): Promise<ErasedObjects> {
    const keysSeen = new Set<string>();
    let versions = 0;
    for await (const page of this.listVersions(prefix)) {
      await this.deleteBatch(page);
      for (const object of page) if (object.Key) keysSeen.add(object.Key);
      versions += page.length;
    }
    return { objects: keysSeen.size, objectVersions: versions };
  }

  /** Pages of at most 1000 versions and delete markers; every object as one version when unversioned. */
  private async *listVersions(prefix: string): AsyncGenerator<ObjectIdentifier[]> {
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    do {
      let page: ListObjectVersionsCommandOutput;
      try {
        page = await this.client.send(
          new ListObjectVersionsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            KeyMarker: keyMarker,
            VersionIdMarker: versionIdMarker,
            MaxKeys: DELETE_BATCH,
          }),
        );
      } catch (error) {
        if (keyMarker === undefined && VERSIONS_UNSUPPORTED.has((error as Error).name)) {
          yield* this.listObjects(prefix);
          return;
        }
        throw error;
      }
      const entries = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({
        Key: v.Key,
        VersionId: v.VersionId,
      }));
      if (entries.length > 0) yield entries;
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker !== undefined);
  }

  private async *listObjects(prefix: string): AsyncGenerator<ObjectIdentifier[]> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ContinuationToken: token,
          MaxKeys: DELETE_BATCH,
        }),
      );
      const entries = (page.Contents ?? []).map((object) => ({ Key: object.Key }));
      if (entries.length > 0) yield entries;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  private async deleteBatch(objects: ObjectIdentifier[]): Promise<void> {
    const result = await this.client.send(
      new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: objects, Quiet: true } }),
    );
    const errors = result.Errors ?? [];
    if (errors.length > 0) {
      const first = errors[0];
      throw new Error(
        `S3 refused to delete ${errors.length} of ${objects.length} object version(s), e.g. ` +
          `${first?.Key} (${first?.Code}: ${first?.Message}); the erasure is incomplete and can be run again`,
      );
    }
  }
}
