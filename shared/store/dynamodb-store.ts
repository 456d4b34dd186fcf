import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Day, DayActivity } from '../domain/kinds';
import type { IngestManifest } from '../domain/manifest';
import type { Coverage } from '../domain/merge';
import type { ProfileSnapshot } from '../domain/profile';
import type { ActivityStore } from './activity-store';
import { keys, SK_PREFIX } from './table';

const BATCH_SIZE = 25;
const MAX_BATCH_ATTEMPTS = 8;

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

export interface DynamoDbStoreOptions {
  /** Backoff before retrying UnprocessedItems; tests shorten it. */
  backoffMs?: (attempt: number) => number;
}

/** The single-table DynamoDB adapter (layout in `table.ts` and docs/architecture.md). */
export class DynamoDbActivityStore implements ActivityStore {
  private readonly backoffMs: (attempt: number) => number;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoDbStoreOptions = {},
  ) {
    this.backoffMs =
      options.backoffMs ?? ((attempt) => Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random()));
  }

  async memberExists(memberId: string): Promise<boolean> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.member(memberId) },
        Limit: 1,
        ProjectionExpression: 'pk',
      }),
    );
    return (result.Items?.length ?? 0) > 0;
  }

  async readDays(memberId: string, from: Day, to: Day): Promise<DayActivity[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.member(memberId),
        ':from': keys.day(from),
        ':to': keys.day(to),
      },
    });
    return items.map((item) => ({
      day: item.day as Day,
      counts: (item.counts ?? {}) as DayActivity['counts'],
      signals: (item.signals ?? {}) as DayActivity['signals'],
    }));
  }

  async writeDays(memberId: string, puts: readonly DayActivity[], deletes: readonly Day[]): Promise<number> {
    const pk = keys.member(memberId);
    const requests: WriteRequest[] = [
      ...puts.map((d) => ({
        PutRequest: { Item: { pk, sk: keys.day(d.day), day: d.day, counts: d.counts, signals: d.signals } },
      })),
      ...deletes.map((day) => ({ DeleteRequest: { Key: { pk, sk: keys.day(day) } } })),
    ];
    let writeRequests = 0;
    for (let i = 0; i < requests.length; i += BATCH_SIZE) {
      writeRequests += await this.batchWrite(requests.slice(i, i + BATCH_SIZE));
    }
    return writeRequests;
  }

  async loadCoverage(memberId: string): Promise<Coverage> {
    const item = await this.get(memberId, keys.coverage());
    return { exports: (item?.exports ?? []) as Coverage['exports'] };
  }

  async saveCoverage(memberId: string, coverage: Coverage): Promise<void> {
    await this.put({ pk: keys.member(memberId), sk: keys.coverage(), exports: coverage.exports });
  }

  async loadProfile(memberId: string): Promise<ProfileSnapshot | undefined> {
    const item = await this.get(memberId, keys.profile());
    return item?.profile as ProfileSnapshot | undefined;
  }

  async saveProfile(memberId: string, profile: ProfileSnapshot): Promise<void> {
    await this.put({ pk: keys.member(memberId), sk: keys.profile(), profile });
  }

  async saveManifest(manifest: IngestManifest): Promise<void> {
    await this.put({
      pk: keys.member(manifest.memberId),
      sk: keys.ingest(manifest.startedAt, manifest.objectKey),
      manifest,
    });
  }

  async listManifests(memberId: string, limit: number): Promise<IngestManifest[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.member(memberId), ':prefix': SK_PREFIX.ingest },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => item.manifest as IngestManifest);
  }

  /** One BatchWriteItem, retrying UnprocessedItems with backoff; returns how many requests were sent. */
  private async batchWrite(batch: WriteRequest[]): Promise<number> {
    let pending = batch;
    for (let attempt = 0; attempt < MAX_BATCH_ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs(attempt));
      const result = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      pending = result.UnprocessedItems?.[this.tableName] ?? [];
      if (pending.length === 0) return attempt + 1;
    }
    // Transient by nature (throttling): the queue redelivers and the idempotent merge converges.
    throw new Error(
      `DynamoDB left ${pending.length} item(s) unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
    );
  }

  private async get(memberId: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: keys.member(memberId), sk },
        ConsistentRead: true,
      }),
    );
    return result.Item;
  }

  private async put(item: Record<string, unknown>): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  private async queryAll(
    input: Pick<
      ConstructorParameters<typeof QueryCommand>[0],
      'KeyConditionExpression' | 'ExpressionAttributeValues'
    >,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({ TableName: this.tableName, ...input, ExclusiveStartKey: startKey }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
