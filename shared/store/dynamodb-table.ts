import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

const BATCH_SIZE = 25;
const MAX_BATCH_ATTEMPTS = 8;

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];
export type Item = Record<string, unknown>;

export interface DynamoTableOptions {
  /** Backoff before retrying UnprocessedItems; tests shorten it. */
  backoffMs?: (attempt: number) => number;
}

/**
 * The single table's low-level operations, shared by every store adapter: batched writes that retry
 * UnprocessedItems, paginated queries, single-item get and put.
 */
export class DynamoTable {
  private readonly backoffMs: (attempt: number) => number;

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly name: string,
    options: DynamoTableOptions = {},
  ) {
    this.backoffMs =
      options.backoffMs ?? ((attempt) => Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random()));
  }

  /** Writes in batches of 25, retrying UnprocessedItems with backoff; returns the number of requests sent. */
  async batchWrite(requests: readonly WriteRequest[]): Promise<number> {
    let sent = 0;
    for (let i = 0; i < requests.length; i += BATCH_SIZE)
      sent += await this.batch(requests.slice(i, i + BATCH_SIZE));
    return sent;
  }

  async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<{ items: Item[]; lastKey?: Item }> {
    const page = await this.client.send(new QueryCommand({ TableName: this.name, ...input }));
    return { items: page.Items ?? [], lastKey: page.LastEvaluatedKey };
  }

  /** Every page of a query. */
  async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.query({ ...input, ExclusiveStartKey: startKey });
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
    await this.client.send(new PutCommand({ TableName: this.name, Item: item }));
  }

  private async batch(batch: WriteRequest[]): Promise<number> {
    let pending = batch;
    for (let attempt = 0; attempt < MAX_BATCH_ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs(attempt));
      const result = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.name]: pending } }),
      );
      pending = result.UnprocessedItems?.[this.name] ?? [];
      if (pending.length === 0) return attempt + 1;
    }
    // Transient by nature (throttling): the queue redelivers and the idempotent merge converges.
    throw new Error(
      `DynamoDB left ${pending.length} item(s) unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
    );
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
