import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type ErasedItems,
  type ErasureMarks,
  type MemberItemsEraser,
  TOMBSTONE_DAYS,
} from '../member-erasure';
import { keys, SK_PREFIX, shardOf, TTL_ATTRIBUTE, ttlAfter } from './keys';
import { DynamoTable, type DynamoTableOptions } from './table';

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
    // The lease is the erasure's own; a previous erasure's tombstone is rewritten after this one.
    const housekeeping = new Set([keys.lock(), keys.erased()]);
    const sortKeys = items.map((item) => String(item.sk)).filter((sk) => !housekeeping.has(sk));
    for (const sk of sortKeys) erased[categoryOf(sk)] += 1;
    await this.table.batchWrite(sortKeys.map((sk) => ({ DeleteRequest: { Key: { pk, sk } } })));
    if (await this.deleteRegistryEntry(memberId)) erased.other += 1;
    return erased;
  }

  /** True when an entry existed (in the member's shard, or still in the legacy partition). */
  private async deleteRegistryEntry(memberId: string): Promise<boolean> {
    const deleted = await Promise.all(
      [keys.registryShard(shardOf(memberId)), keys.registry()].map(async (pk) => {
        const result = await this.table.client.send(
          new DeleteCommand({
            TableName: this.table.name,
            Key: { pk, sk: keys.member(memberId) },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return result.Attributes !== undefined;
      }),
    );
    return deleted.some(Boolean);
  }
}

/** The tombstone item `MEMBER#<id>` / `ERASED`: the erasure time and a TTL, nothing else of the member. */
export class DynamoDbErasureMarks implements ErasureMarks {
  private readonly table: DynamoTable;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.table = new DynamoTable(client, tableName);
  }

  async erasedAt(memberId: string): Promise<string | undefined> {
    const item = await this.table.get(keys.member(memberId), keys.erased());
    return item?.erasedAt as string | undefined;
  }

  async markErased(memberId: string, erasedAt: string): Promise<void> {
    await this.table.put({
      pk: keys.member(memberId),
      sk: keys.erased(),
      erasedAt,
      [TTL_ATTRIBUTE]: ttlAfter(Date.parse(erasedAt), TOMBSTONE_DAYS),
    });
  }
}
