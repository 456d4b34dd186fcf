import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { DayActivity } from '../../shared/domain/kinds';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(documentClient);
const store = new DynamoDbActivityStore(documentClient, 'table', { backoffMs: () => 1 });

const days = (n: number): DayActivity[] =>
  Array.from({ length: n }, (_, i) => ({
    day: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
    counts: { comment: i + 1 },
    signals: {},
  }));

type Request = { PutRequest?: { Item: { sk: string } }; DeleteRequest?: { Key: { sk: string } } };
const sentKeys = () =>
  ddb
    .commandCalls(BatchWriteCommand)
    .flatMap((call) => (call.args[0].input.RequestItems?.table ?? []) as Request[])
    .map((r) => r.PutRequest?.Item.sk ?? r.DeleteRequest?.Key.sk);

describe('DynamoDbActivityStore.writeDays', () => {
  afterEach(() => ddb.reset());

  it('writes in batches of 25 and counts the requests', async () => {
    ddb.on(BatchWriteCommand).resolves({});
    const requests = await store.writeDays('m', days(60), ['2023-12-31']);
    expect(requests).toBe(3);
    expect(
      ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems?.table?.length),
    ).toEqual([25, 25, 11]);
    expect(new Set(sentKeys()).size).toBe(61);
  });

  it('retries UnprocessedItems until every item is written', async () => {
    const batch = days(3);
    const leftOver = [{ PutRequest: { Item: { pk: 'MEMBER#m', sk: 'DAY#2024-01-02' } } }];
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { table: leftOver } })
      .resolvesOnce({ UnprocessedItems: { table: leftOver } })
      .resolves({});
    const requests = await store.writeDays('m', batch, []);
    expect(requests).toBe(3);
    const calls = ddb.commandCalls(BatchWriteCommand);
    expect(calls[1]?.args[0].input.RequestItems?.table).toEqual(leftOver);
    expect(calls[2]?.args[0].input.RequestItems?.table).toEqual(leftOver);
  });

  it('gives up after repeated UnprocessedItems with an error the queue retries', async () => {
    ddb.on(BatchWriteCommand).resolves({
      UnprocessedItems: { table: [{ DeleteRequest: { Key: { pk: 'MEMBER#m', sk: 'DAY#2024-01-01' } } }] },
    });
    await expect(store.writeDays('m', [], ['2024-01-01'])).rejects.toThrow(/unprocessed after 8 attempts/);
  });

  it('lets throttling errors surface after the SDK retries (transient: the message is redelivered)', async () => {
    ddb
      .on(BatchWriteCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(store.writeDays('m', days(1), [])).rejects.toThrow(/slow down/);
  });
});
