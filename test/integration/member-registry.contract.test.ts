import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { keys, shardOf } from '../../shared/store/dynamodb/keys';
import { DynamoDbScoresStore } from '../../shared/store/dynamodb/scores-store';
import { DynamoTable } from '../../shared/store/dynamodb/table';
import { memberRegistryContract } from '../support/contracts/member-registry.contract';
import { createLocalTable, localDocumentClient } from '../support/table-dump';

// A table of its own: listing the registry pages through every member the table holds, and the shared one
// holds the whole run's.
const tableName = `registry-${randomUUID()}`;
beforeAll(() => createLocalTable(inject('dynamoEndpoint'), tableName));

const store = () => new DynamoDbScoresStore(localDocumentClient(inject('dynamoEndpoint')), tableName);

memberRegistryContract('DynamoDbScoresStore (sharded) on DynamoDB Local', store);

describe('the sharded registry on a table written before sharding', () => {
  it('lists members of the legacy MEMBERS partition, and moves each to its shard when registered again', async () => {
    const client = localDocumentClient(inject('dynamoEndpoint'));
    const table = new DynamoTable(client, tableName);
    const run = `legacy-${Date.now().toString(36)}`;
    const legacy = Array.from({ length: 6 }, (_, i) => `${run}-old-${i}`);
    const fresh = `${run}-new`;
    // What the registry looked like before: one partition, the layout deployed tables still hold.
    for (const memberId of legacy)
      await client.send(
        new PutCommand({
          TableName: table.name,
          Item: { pk: keys.registry(), sk: keys.member(memberId), memberId },
        }),
      );
    const registry = store();
    await registry.registerMember(fresh);
    const mine = async () => (await registry.listMembers()).filter((id) => id.startsWith(run)).sort();
    expect(await mine()).toEqual([...legacy, fresh].sort());

    const moved = legacy[0] as string;
    await registry.registerMember(moved);
    expect(await mine()).toEqual([...legacy, fresh].sort());
    expect(await table.get(keys.registry(), keys.member(moved))).toBeUndefined();
    expect(await table.get(keys.registryShard(shardOf(moved)), keys.member(moved))).toMatchObject({
      memberId: moved,
    });
  });
});
