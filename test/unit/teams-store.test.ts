import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbTeamsStore } from '../../shared/store/dynamodb/teams-store';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(documentClient);
const store = new DynamoDbTeamsStore(documentClient, 'table', { backoffMs: () => 1 });

const ids = (n: number) => Array.from({ length: n }, (_, i) => `m${String(i).padStart(3, '0')}`);
const memberOf = (pk: unknown) => String(pk).slice('MEMBER#'.length);

/** Answers like a table where every member has a reading, an estimate, a calibration and one STALE finding. */
const fakeTable = () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const slow = async <T>(answer: T): Promise<T> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight--;
    return answer;
  };
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const memberId = memberOf(input.ExpressionAttributeValues?.[':pk']);
    return slow({ Items: [{ reading: { memberId, overall: 50 } }] });
  });
  ddb.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) =>
    slow({
      Responses: {
        table: (input.RequestItems?.table?.Keys ?? []).map((key) =>
          key.sk === 'CALIBRATION'
            ? { ...key, calibration: { memberId: memberOf(key.pk) } }
            : key.sk === 'STALE'
              ? {
                  ...key,
                  stale: [
                    { memberId: memberOf(key.pk), type: 'STALE', from: '2026-02-01', to: '2026-03-20' },
                    // Ended more than staleDays before the date: not open.
                    { memberId: memberOf(key.pk), type: 'STALE', from: '2025-12-01', to: '2026-01-05' },
                  ],
                }
              : { ...key, estimate: { day: String(key.sk).slice(4), memberId: memberOf(key.pk) } },
        ),
      },
    }),
  );
  return { maxInFlight: () => maxInFlight };
};

describe('DynamoDbTeamsStore.readStandings', () => {
  afterEach(() => ddb.reset());

  it('needs one Query per member and one BatchGetItem per 33 members, at most 25 in flight', async () => {
    const table = fakeTable();
    const members = ids(120);
    const standings = await store.readStandings(members, '2026-03-31', '2026-03-17');

    expect(ddb.commandCalls(QueryCommand)).toHaveLength(120);
    const batches = ddb.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems?.table?.Keys);
    expect(batches.map((keys) => keys?.length)).toEqual([99, 99, 99, 63]);
    expect(ddb.calls().length / members.length).toBeLessThanOrEqual(1.04);
    expect(table.maxInFlight()).toBe(25);

    expect(standings.size).toBe(120);
    expect(standings.get('m007')).toEqual({
      official: { memberId: 'm007', overall: 50 },
      estimate: { day: '2026-03-31', memberId: 'm007' },
      calibration: { memberId: 'm007' },
      staleFindings: [{ memberId: 'm007', type: 'STALE', from: '2026-02-01', to: '2026-03-20' }],
    });
  });

  it('asks for the latest reading on or before the date', async () => {
    fakeTable();
    await store.readStandings(['jane'], '2026-03-31', '2026-03-17');
    const [official] = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(official).toMatchObject({
      ScanIndexForward: false,
      Limit: 1,
      ExpressionAttributeValues: {
        ':pk': 'MEMBER#jane',
        ':first': 'OFFICIAL#',
        ':last': 'OFFICIAL#2026-03-31\uffff',
      },
    });
    // 'OFFICIAL#2026-03-31T23:59:59.999Z#h' sorts inside the range, the next day outside.
    expect('OFFICIAL#2026-03-31T23:59:59.999Z#h' <= 'OFFICIAL#2026-03-31\uffff').toBe(true);
    expect('OFFICIAL#2026-04-01T00:00:00.000Z#h' <= 'OFFICIAL#2026-03-31\uffff').toBe(false);
  });

  it('retries the keys a BatchGetItem left unprocessed', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { table: [{ pk: 'MEMBER#a', sk: 'EST#2026-03-31', estimate: { day: '2026-03-31' } }] },
        UnprocessedKeys: { table: { Keys: [{ pk: 'MEMBER#a', sk: 'CALIBRATION' }] } },
      })
      .resolves({
        Responses: { table: [{ pk: 'MEMBER#a', sk: 'CALIBRATION', calibration: { memberId: 'a' } }] },
      });
    const standings = await store.readStandings(['a'], '2026-03-31', '2026-03-17');
    expect(ddb.commandCalls(BatchGetCommand)[1]?.args[0].input.RequestItems?.table?.Keys).toEqual([
      { pk: 'MEMBER#a', sk: 'CALIBRATION' },
    ]);
    expect(standings.get('a')).toEqual({
      official: undefined,
      estimate: { day: '2026-03-31' },
      calibration: { memberId: 'a' },
      staleFindings: [],
    });
  });
});

describe('DynamoDbTeamsStore.saveMembership', () => {
  afterEach(() => ddb.reset());

  it('writes the profile under a version check, the team items, the team counts and the registry entry in one transaction', async () => {
    ddb.on(GetCommand).resolves({ Item: { standing: { since: '2026-03-24', readings: [] } } });
    ddb.on(TransactWriteCommand).resolves({});
    const saved = await store.saveMembership(
      { memberId: 'jane', displayName: 'Jane', teams: ['a', 'c'] },
      { profile: { memberId: 'jane', displayName: 'J', teams: ['a', 'b'] }, version: 3 },
    );
    expect(saved).toBe(true);
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Put).toMatchObject({
      Item: { pk: 'MEMBER#jane', sk: 'MEMBERSHIP', displayName: 'Jane', teams: ['a', 'c'], version: 4 },
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': 3 },
    });
    const kind = (item: (typeof items)[number]) =>
      item.Put
        ? ['put', item.Put.Item?.pk]
        : item.Delete
          ? ['delete', item.Delete.Key?.pk]
          : ['update', item.Update?.Key?.pk, item.Update?.ExpressionAttributeValues?.[':delta']];
    expect(items.slice(1).map(kind)).toEqual([
      // A kept team's item is updated in place (its standing stays); a new one gets the member's standing.
      ['update', 'TEAM#a', undefined],
      ['put', 'TEAM#c'],
      ['delete', 'TEAM#b'],
      // The team list's counts, in the teams' index shards.
      ['update', expect.stringMatching(/^TEAMS#\d\d$/), 1],
      ['update', expect.stringMatching(/^TEAMS#\d\d$/), -1],
      // The registry entry in the member's shard, a legacy one moved out.
      ['put', expect.stringMatching(/^MEMBERS#\d\d$/)],
      ['delete', 'MEMBERS'],
    ]);
    expect(items[2]?.Put?.Item).toEqual({
      pk: 'TEAM#c',
      sk: 'MEMBER#jane',
      teamId: 'c',
      memberId: 'jane',
      displayName: 'Jane',
      standing: { since: '2026-03-24', readings: [] },
    });
  });

  it('reports a lost race as false and rethrows other cancellations', async () => {
    const cancelled = (code: string) =>
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: code }],
      });
    const profile = { memberId: 'jane', displayName: 'Jane', teams: [] };
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('ConditionalCheckFailed'))
      .rejectsOnce(cancelled('ThrottlingError'));
    await expect(store.saveMembership(profile, undefined)).resolves.toBe(false);
    await expect(store.saveMembership(profile, undefined)).rejects.toThrow(TransactionCanceledException);
    expect(
      ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Put?.ConditionExpression,
    ).toBe('attribute_not_exists(pk)');
  });
});
