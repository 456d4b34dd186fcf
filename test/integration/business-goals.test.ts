import { describe, expect, inject, it } from 'vitest';
import { DynamoDbMemberItemsEraser } from '../../shared/store/dynamodb/member-items';
import { DynamoDbTeamSettingsStore } from '../../shared/store/dynamodb/team-settings-store';
import { localDocumentClient } from '../support/table-dump';

/** A team's uploaded business goals are the members' data: read per team, gone with the member's erasure. */
describe('business goals in DynamoDB', () => {
  const run = `goals-${Date.now().toString(36)}`;
  const [ann, ben] = [`${run}-ann`, `${run}-ben`];
  const team = `${run}-emea`;

  it('reads the team rows of the members asked for, by week, and erases them with the member', async () => {
    const client = localDocumentClient(inject('dynamoEndpoint'));
    const settings = new DynamoDbTeamSettingsStore(client, inject('tableName'));
    await settings.saveBusinessGoals(team, [
      { memberId: ann, week: '2026-03-02', values: { calls: 20 } },
      { memberId: ann, week: '2026-03-09', values: { calls: 25 } },
      { memberId: ben, week: '2026-03-09', values: { calls: 5, meetings: 2 } },
    ]);
    await settings.saveBusinessGoals(`${team}-other`, [
      { memberId: ann, week: '2026-03-09', values: { calls: 1 } },
    ]);
    // Upserted by (team, week, member): a second upload replaces the row.
    await settings.saveBusinessGoals(team, [{ memberId: ben, week: '2026-03-09', values: { calls: 6 } }]);

    const weekOf9th = await settings.readBusinessGoals(team, [ann, ben], '2026-03-09', '2026-03-09');
    expect(weekOf9th.sort((a, b) => a.memberId.localeCompare(b.memberId))).toEqual([
      { memberId: ann, week: '2026-03-09', values: { calls: 25 } },
      { memberId: ben, week: '2026-03-09', values: { calls: 6 } },
    ]);
    expect(await settings.readBusinessGoals(team, [ann], '2026-03-01', '2026-03-31')).toHaveLength(2);

    await new DynamoDbMemberItemsEraser(client, inject('tableName')).eraseItems(ann);
    expect(await settings.readBusinessGoals(team, [ann, ben], '2026-03-01', '2026-03-31')).toEqual([
      { memberId: ben, week: '2026-03-09', values: { calls: 6 } },
    ]);
    expect(await settings.readBusinessGoals(`${team}-other`, [ann], '2026-03-01', '2026-03-31')).toEqual([]);
  });
});
