import type { QueryCommandInput, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { INDEX_SHARDS, keys, shardOf } from './keys';
import type { DynamoTable, Item } from './table';

/**
 * An index spread over several partitions (the member registry, the team list), listed page by page: the
 * partitions in a fixed order, each by its sort key. A cursor names the partition and the last sort key
 * served; callers treat it as opaque (`isIndexCursor` tells one this index could have issued).
 */
export interface IndexPage {
  items: Item[];
  cursor?: string;
}

interface Position {
  /** Index into the partitions. */
  p: number;
  /** The last sort key served in that partition. */
  after?: string;
}

const encode = (position: Position): string => Buffer.from(JSON.stringify(position)).toString('base64url');

const decode = (cursor: string, partitions: number): Position | undefined => {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Position>;
    if (!Number.isInteger(value?.p) || (value.p as number) < 0 || (value.p as number) >= partitions)
      return undefined;
    if (value.after !== undefined && typeof value.after !== 'string') return undefined;
    return { p: value.p as number, after: value.after };
  } catch {
    return undefined;
  }
};

export class ShardedIndex {
  constructor(
    private readonly table: DynamoTable,
    /** The partition keys in listing order. */
    readonly partitions: readonly string[],
    private readonly projection?: Pick<
      QueryCommandInput,
      'ProjectionExpression' | 'ExpressionAttributeNames'
    >,
  ) {}

  isCursor(cursor: string): boolean {
    return decode(cursor, this.partitions.length) !== undefined;
  }

  /**
   * Up to `limit` items after `cursor`: one Query per partition visited (an empty partition costs one). A
   * cursor comes back while any partition may hold more, so the last page can be empty.
   */
  async page(limit: number, cursor?: string): Promise<IndexPage> {
    let position: Position | undefined =
      cursor === undefined ? { p: 0 } : decode(cursor, this.partitions.length);
    if (!position) throw new RangeError('not a cursor of this index');
    const items: Item[] = [];
    while (position && items.length < limit) {
      const pk = this.partitions[position.p] as string;
      const { items: found, lastKey } = await this.table.query({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ...this.projection,
        Limit: limit - items.length,
        ...(position.after === undefined ? {} : { ExclusiveStartKey: { pk, sk: position.after } }),
      });
      items.push(...found);
      const next: Position | undefined = lastKey
        ? { p: position.p, after: String(lastKey.sk) }
        : position.p + 1 < this.partitions.length
          ? { p: position.p + 1 }
          : undefined;
      position = next;
    }
    return position ? { items, cursor: encode(position) } : { items };
  }

  /** Every item, page by page. */
  async all(pageSize = 1000): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page(pageSize, cursor);
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }
}

/** The member registry: the legacy `MEMBERS` partition first (read until its members move), then the shards. */
export const registryIndex = (table: DynamoTable): ShardedIndex =>
  new ShardedIndex(table, [keys.registry(), ...shardKeys(keys.registryShard)], {
    ProjectionExpression: 'memberId',
  });

/** The team list: `TEAM#<teamId>` items with each team's member count, in the team index shards. */
export const teamIndex = (table: DynamoTable): ShardedIndex =>
  new ShardedIndex(table, shardKeys(keys.teamIndexShard), {
    ProjectionExpression: 'teamId, #members',
    ExpressionAttributeNames: { '#members': 'members' },
  });

const shardKeys = (key: (shard: number) => string): string[] =>
  Array.from({ length: INDEX_SHARDS }, (_, shard) => key(shard));

/**
 * The writes that register a member, for one transaction: the entry in their shard, and the removal of a
 * legacy entry (the migration, atomic with the put, so no listing ever sees the member twice).
 */
export const registryWrites = (tableName: string, memberId: string): TransactItem[] => [
  {
    Put: {
      TableName: tableName,
      Item: { pk: keys.registryShard(shardOf(memberId)), sk: keys.member(memberId), memberId },
    },
  },
  { Delete: { TableName: tableName, Key: { pk: keys.registry(), sk: keys.member(memberId) } } },
];

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
