import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { TeamNotFound } from '../../shared/domain/membership';
import { DynamoDbScoresStore } from '../../shared/store/dynamodb/scores-store';
import { DynamoTable } from '../../shared/store/dynamodb/table';
import { DynamoDbTeamsStore } from '../../shared/store/dynamodb/teams-store';
import { leaderboard, putMember, type TeamsDeps } from '../../shared/teams/teams';
import { calibrationOf, pillars } from '../support/scores-builders';
import {
  findingWithReadings,
  flatEstimate,
  flatReading,
  memberBody,
  SMALL_TEAM_DATE,
  seedSmallTeam,
} from '../support/small-team';
import { localDocumentClient } from '../support/table-dump';

/** Profiles, team items and leaderboards against DynamoDB Local, up to a team of 500 members. */

const DATE = SMALL_TEAM_DATE;
/** Every test file shares the run's table: ids carry a per-run prefix. */
const RUN = `teams-${Date.now().toString(36)}`;

let client: DynamoDBDocumentClient;
let table: DynamoTable;
let scores: DynamoDbScoresStore;
let deps: TeamsDeps;

beforeAll(() => {
  client = localDocumentClient(inject('dynamoEndpoint'));
  table = new DynamoTable(client, inject('tableName'));
  scores = new DynamoDbScoresStore(client, inject('tableName'));
  deps = { teams: new DynamoDbTeamsStore(client, inject('tableName')), thresholds: { staleDays: 14 } };
});

const teamItems = async (teamId: string) =>
  (
    await table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `TEAM#${teamId}` },
      ConsistentRead: true,
    })
  ).map((item) => `${item.memberId}:${item.displayName}`);

const calibration = (memberId: string) => calibrationOf(memberId);

describe('putMember', () => {
  it('keeps the team items in line with the profile, idempotently', async () => {
    const jane = `${RUN}-jane`;
    const [red, blue, green] = [`${RUN}-red`, `${RUN}-blue`, `${RUN}-green`];

    expect((await putMember(deps, jane, memberBody('Jane', [red, blue]))).changed).toBe(true);
    expect((await putMember(deps, jane, memberBody('Jane', [blue, red, blue]))).changed).toBe(false);
    expect(await teamItems(red)).toEqual([`${jane}:Jane`]);
    expect(await teamItems(blue)).toEqual([`${jane}:Jane`]);

    await putMember(deps, jane, memberBody('Jane D.', [blue, green]));
    expect(await teamItems(red)).toEqual([]);
    expect(await teamItems(blue)).toEqual([`${jane}:Jane D.`]);
    expect(await teamItems(green)).toEqual([`${jane}:Jane D.`]);
    await expect(leaderboard(deps, red, DATE)).rejects.toThrow(TeamNotFound);

    await deps.teams.removeMembership(jane);
    expect(await teamItems(blue)).toEqual([]);
    expect(await deps.teams.loadMembership(jane)).toBeUndefined();
  });

  it('lets concurrent updates of one member end consistent: the profile and the team items agree', async () => {
    const sam = `${RUN}-sam`;
    const teams = Array.from({ length: 6 }, (_, i) => `${RUN}-c${i}`);
    await Promise.all(
      teams.map((team, i) =>
        putMember(deps, sam, memberBody(`Sam ${i}`, [team, teams[(i + 1) % 6] as string])),
      ),
    );
    const stored = await deps.teams.loadMembership(sam);
    for (const team of teams)
      expect(await teamItems(team)).toEqual(
        stored?.profile.teams.includes(team) ? [`${sam}:${stored.profile.displayName}`] : [],
      );
  });
});

describe('leaderboard', () => {
  it('reads the latest reading on or before the date, the estimate of the date and open STALE findings', async () => {
    const { team, ann, ben, cid } = await seedSmallTeam(deps, scores, RUN);

    const result = await leaderboard(deps, team, DATE);
    expect(result).toMatchObject({ teamId: team, date: DATE, ranking: 'mixed', staleMembers: [ann] });
    expect(result.members).toEqual([
      {
        memberId: ben,
        displayName: 'Ben',
        rank: 1,
        rankedBy: 'official',
        official: {
          observedAt: '2026-03-10T10:00:00.000Z',
          overall: 60,
          pillars: pillars(15),
          day: '2026-03-10',
          ageDays: 21,
          current: true,
        },
        estimate: null,
        staleOpen: false,
      },
      {
        memberId: ann,
        displayName: 'Ann',
        rank: 2,
        rankedBy: 'official',
        official: {
          observedAt: '2026-03-31T23:59:00.000Z',
          overall: 48,
          pillars: pillars(12),
          day: '2026-03-31',
          ageDays: 0,
          current: true,
        },
        estimate: { total: 24, pillars: pillars(6), calibrated: null },
        staleOpen: true,
      },
      {
        memberId: cid,
        displayName: 'Cid',
        rank: 3,
        rankedBy: 'estimate',
        official: null,
        estimate: { total: 44, pillars: pillars(11), calibrated: { total: 48, pillars: pillars(12) } },
        staleOpen: false,
      },
    ]);
    expect(result.averages).toEqual({
      official: { overall: 54, pillars: pillars(13.5), members: 2 },
      estimate: { total: 34, pillars: pillars(8.5), members: 2 },
      calibrated: { total: 48, pillars: pillars(12), members: 1 },
    });
  });

  it('ranks a team of 500 members in one call: one Query per member, one BatchGetItem per 33', async () => {
    const team = `${RUN}-big`;
    const members = Array.from({ length: 500 }, (_, i) => `${RUN}-big-${String(i).padStart(3, '0')}`);
    await inParallel(members, async (id, i) => {
      await putMember(deps, id, memberBody(`Member ${i}`, [team]));
      if (i % 2 === 0)
        await scores.saveReadings(id, [
          flatReading(id, `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00.000Z`, (i % 25) + 0.5),
        ]);
      await scores.writeEstimates(id, [flatEstimate(DATE, i % 20)]);
      if (i % 5 === 0) await scores.saveCalibration(calibration(id));
      if (i % 50 === 0)
        await scores.saveFindings(id, [findingWithReadings(id, 'STALE', '2026-01-01', '2026-03-25')]);
    });

    const send = vi.spyOn(client, 'send');
    const started = performance.now();
    const result = await leaderboard(deps, team, DATE);
    const elapsedMs = performance.now() - started;
    const calls = send.mock.calls.map(([command]) => command.constructor.name);
    send.mockRestore();

    const count = (name: string) => calls.filter((call) => call === name).length;
    console.info(
      `leaderboard of 500: ${calls.length} requests (${count('QueryCommand')} Query, ${count('BatchGetCommand')} BatchGetItem) in ${Math.round(elapsedMs)} ms`,
    );
    // Per member: one Query for the latest reading; EST#date, CALIBRATION and the STALE summary come by key,
    // 33 members a batch; plus the team's own Query.
    expect(count('QueryCommand')).toBe(500 + 1);
    expect(count('BatchGetCommand')).toBe(Math.ceil(500 / 33));
    expect(calls.length / 500).toBeLessThanOrEqual(1.04);

    expect(result.members).toHaveLength(500);
    expect(result.ranking).toBe('mixed');
    expect(result.members.filter((m) => m.rankedBy === 'official')).toHaveLength(250);
    expect(result.members.map((m) => m.rank)).toEqual(members.map((_, i) => i + 1));
    expect(result.members[0]).toMatchObject({ official: { overall: 98 } });
    expect(result.staleMembers).toHaveLength(10);
    expect(result.averages.calibrated?.members).toBe(100);
  });
});

/** Runs `work` over the items, 25 at a time. */
const inParallel = async <T>(items: readonly T[], work: (item: T, index: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: 25 }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
};
