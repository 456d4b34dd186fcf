import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ItemTooLarge } from '../../domain/errors';
import { type Backoff, backoffDelay, retryUntil, type Sleep } from '../../retry';

const BATCH_SIZE = 25;
/** BatchGetItem's limit of keys per request. */
export const BATCH_GET_KEYS = 100;
export const MAX_BATCH_ATTEMPTS = 8;
/** Pause before retrying the items or keys DynamoDB left unprocessed (throttling). */
export const UNPROCESSED_BACKOFF: Backoff = { baseMs: 50, capMs: 2000, jitter: true };

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];
export type Item = Record<string, unknown>;

export interface DynamoTableOptions {
  /** Backoff before retrying UnprocessedItems; tests shorten it. */
  backoffMs?: (attempt: number) => number;
  sleep?: Sleep;
}

/**
 * The single table's low-level operations, shared by every store adapter: batched writes that retry
 * UnprocessedItems, paginated queries, single-item get and put.
 */
export class DynamoTable {
  private readonly backoffMs: (attempt: number) => number;
  private readonly sleep: Sleep | undefined;

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly name: string,
    options: DynamoTableOptions = {},
  ) {
    this.backoffMs = options.backoffMs ?? ((attempt) => backoffDelay(UNPROCESSED_BACKOFF, attempt));
    this.sleep = options.sleep;
  }

  /** Retries a batch operation that reports what it left unprocessed (`undefined` while some is left). */
  retryUnprocessed<T>(attempt: (n: number) => Promise<T | undefined>): Promise<T | undefined> {
    return retryUntil({ attempts: MAX_BATCH_ATTEMPTS, delayMs: this.backoffMs, sleep: this.sleep }, attempt);
  }

  /** Writes in batches of 25, retrying UnprocessedItems with backoff; returns the number of requests sent. */
  async batchWrite(requests: readonly WriteRequest[]): Promise<number> {
    let sent = 0;
    for (let i = 0; i < requests.length; i += BATCH_SIZE)
      sent += await this.batch(requests.slice(i, i + BATCH_SIZE));
    return sent;
  }

  /**
   * The items under `keys` (missing ones are left out, in no particular order): one BatchGetItem per 100 keys,
   * each retrying its UnprocessedKeys with backoff.
   */
  async batchGet(keys: readonly Item[]): Promise<Item[]> {
    const found: Item[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_KEYS)
      found.push(...(await this.batchGetOnce(keys.slice(i, i + BATCH_GET_KEYS))));
    return found;
  }

  async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<{ items: Item[]; lastKey?: Item }> {
    const page = await this.client.send(new QueryCommand({ TableName: this.name, ...input }));
    return { items: page.Items ?? [], lastKey: page.LastEvaluatedKey };
  }

  /** Every page of a query, or the first `limit` items when given. */
  async queryAll(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
    limit?: number,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const left = limit === undefined ? undefined : limit - items.length;
      if (left !== undefined && left <= 0) break;
      const page = await this.query({
        ...input,
        ExclusiveStartKey: startKey,
        ...(left === undefined ? {} : { Limit: left }),
      });
      items.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
    return items;
  }

  async get(pk: string, sk: string): Promise<Item | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.name, Key: { pk, sk }, ConsistentRead: true }),
    );
    return result.Item;
  }

  async put(item: Item): Promise<void> {
    try {
      await this.client.send(new PutCommand({ TableName: this.name, Item: item }));
    } catch (error) {
      refusedAsTooLarge(error);
    }
  }

  private async batchGetOnce(batchKeys: Item[]): Promise<Item[]> {
    const found: Item[] = [];
    let pending = batchKeys;
    const done = await this.retryUnprocessed(async () => {
      const result = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.name]: { Keys: pending } } }),
      );
      found.push(...(result.Responses?.[this.name] ?? []));
      pending = result.UnprocessedKeys?.[this.name]?.Keys ?? [];
      return pending.length === 0 ? found : undefined;
    });
    if (done) return done;
    throw new Error(
      `DynamoDB left ${pending.length} key(s) unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
    );
  }

  private async batch(batch: WriteRequest[]): Promise<number> {
    let pending = batch;
    const requests = await this.retryUnprocessed(async (attempt) => {
      let result: BatchWriteCommandOutput;
      try {
        result = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.name]: pending } }));
      } catch (error) {
        return refusedAsTooLarge(error);
      }
      pending = result.UnprocessedItems?.[this.name] ?? [];
      return pending.length === 0 ? attempt + 1 : undefined;
    });
    if (requests !== undefined) return requests;
    // Transient by nature (throttling): the queue redelivers and the idempotent merge converges.
    throw new Error(
      `DynamoDB left ${pending.length} item(s) unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
    );
  }
}

/**
 * DynamoDB answers an item above 400 KB with a ValidationException, the same name as for a malformed
 * request: only this message makes it the permanent ItemTooLarge. Anything else is rethrown as it is.
 */
export const refusedAsTooLarge = (error: unknown): never => {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  if (
    name === 'ValidationException' &&
    /item size has exceeded the maximum allowed size/i.test(message ?? '')
  )
    throw new ItemTooLarge();
  throw error;
};
