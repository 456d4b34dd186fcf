import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Day } from '../../shared/domain/kinds';
import { materialiseStanding, STANDING_DAYS } from '../../shared/domain/standing';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { noPublisher } from '../../shared/notify/finding-publisher';
import { recordReadings } from '../../shared/scores/member-scores';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { keys } from '../../shared/store/dynamodb/keys';
import { DynamoDbMemberItemsEraser } from '../../shared/store/dynamodb/member-items';
import { DynamoDbScoresStore } from '../../shared/store/dynamodb/scores-store';
import { DynamoTable } from '../../shared/store/dynamodb/table';
import { DynamoDbTeamsStore } from '../../shared/store/dynamodb/teams-store';
import { buildLeaderboard, openStaleSince } from '../../shared/teams/ranking';
import { leaderboard, listMembers, listTeams, putMember, type TeamsDeps } from '../../shared/teams/teams';
import { calibrationOf, findingOf } from '../support/scores-builders';
import { flatEstimate, flatReading, memberBody, SMALL_TEAM_DATE, seedSmallTeam } from '../support/small-team';
import { storeStandingOf } from '../support/standings';
import { localDocumentClient } from '../support/table-dump';

/** Materialised standings, the team list and the member list against DynamoDB Local. */

const DATE = SMALL_TEAM_DATE;
/** When the standings of these tests are written: DATE is within the days they answer for. */
const AS_OF = new Date('2026-04-02T09:00:00.000Z');
const RUN = `standings-${Date.now().toString(36)}`;

let client: DynamoDBDocumentClient;
let table: DynamoTable;
let scores: DynamoDbScoresStore;
let teams: DynamoDbTeamsStore;
let deps: TeamsDeps;

beforeAll(() => {
  client = localDocumentClient(inject('dynamoEndpoint'));
  table = new DynamoTable(client, inject('tableName'));
  scores = new DynamoDbScoresStore(client, inject('tableName'));
  teams = new DynamoDbTeamsStore(client, inject('tableName'));
  deps = { teams, thresholds: { staleDays: 14 } };
});

/** Counts the requests `work` sends, by command. */
const counted = async <T>(work: () => Promise<T>) => {
  const send = vi.spyOn(client, 'send');
  try {
    const result = await work();
    const calls = send.mock.calls.map(([command]) => command.constructor.name);
    return { result, calls, count: (name: string) => calls.filter((call) => call === name).length };
  } finally {
    send.mockRestore();
  }
};

const storeStanding = (memberId: string) => storeStandingOf({ teams, scores }, memberId, AS_OF);

describe('materialised standings', () => {
  it('give the same leaderboard as reading every member, in one request', async () => {
    const { team, ann, ben, cid } = await seedSmallTeam(deps, scores, RUN);
    const ids = [ann, ben, cid];
    const direct = async (date: Day) =>
      buildLeaderboard({
        teamId: team,
        date,
        staleDays: 14,
        members: await teams.listTeamMembers(team),
        standings: await teams.readStandings(ids, date, openStaleSince(date, 14)),
      });
    const expected = await direct(DATE);
    expect(expected.staleMembers).toEqual([ann]);

    for (const id of ids) await storeStanding(id);
    const materialised = await counted(() => leaderboard(deps, team, DATE));
    expect(materialised.result).toEqual(expected);
    expect(materialised.calls).toEqual(['QueryCommand']);

    // A date before the standings' days: read member by member, as before.
    const early = '2026-03-12';
    const fallback = await counted(() => leaderboard(deps, team, early));
    expect(fallback.result).toEqual(await direct(early));
    expect(fallback.count('QueryCommand')).toBe(1 + ids.length);
  });

  it('are written by the scoring use case and copied onto a team the member joins; erasure removes them', async () => {
    const dan = `${RUN}-dan`;
    const [red, blue] = [`${RUN}-red`, `${RUN}-blue`];
    await putMember(deps, dan, memberBody('Dan', [red]));
    const scoresDeps = {
      activity: new DynamoDbActivityStore(client, table.name),
      scores,
      publisher: noPublisher,
      thresholds: DEFAULT_THRESHOLDS,
      now: () => AS_OF,
      standings: teams,
    };
    await recordReadings(scoresDeps, dan, [flatReading(dan, '2026-04-01T08:00:00.000Z', 14)]);
    const standingOf = async (teamId: string) =>
      (await table.get(keys.team(teamId), keys.member(dan)))?.standing as { readings: { overall: number }[] };
    expect((await standingOf(red)).readings.map((r) => r.overall)).toEqual([56]);

    await putMember(deps, dan, memberBody('Dan', [red, blue]));
    expect(await standingOf(blue)).toEqual(await standingOf(red));
    const board = await counted(() => leaderboard(deps, blue, '2026-04-01'));
    expect(board.result.members[0]).toMatchObject({ memberId: dan, official: { overall: 56 } });
    expect(board.calls).toEqual(['QueryCommand']);

    // The erasure's two steps: the team items (with their copies), then the member's partition.
    await teams.removeMembership(dan);
    await new DynamoDbMemberItemsEraser(client, table.name).eraseItems(dan);
    expect(await table.get(keys.member(dan), keys.standing())).toBeUndefined();
    expect(await table.get(keys.team(red), keys.member(dan))).toBeUndefined();
    expect(await table.get(keys.team(blue), keys.member(dan))).toBeUndefined();
  });

  it('make the leaderboard of 5,000 members a handful of requests', async () => {
    const team = `${RUN}-huge`;
    const members = Array.from({ length: 5000 }, (_, i) => `${RUN}-huge-${String(i).padStart(4, '0')}`);
    // A realistic standing: a reading every few days, the week's estimates, a calibration, a STALE finding.
    const standingOf = (memberId: string, i: number) =>
      materialiseStanding(
        {
          memberId,
          readings: ['2026-03-20', '2026-03-27', '2026-03-30'].map((day, r) =>
            flatReading(memberId, `${day}T08:00:00.000Z`, ((i + r) % 25) + 0.5),
          ),
          findings: i % 50 === 0 ? [findingOf(memberId, 'STALE', '2026-03-01', '2026-03-25')] : [],
          calibration: i % 5 === 0 ? calibrationOf(memberId) : undefined,
          asOf: AS_OF,
        },
        Array.from({ length: STANDING_DAYS + 1 }, (_, d) =>
          flatEstimate(`2026-03-${String(25 + d).padStart(2, '0')}`, (i + d) % 20),
        ),
      );
    await table.batchWrite(
      members.map((memberId, i) => ({
        PutRequest: {
          Item: {
            pk: keys.team(team),
            sk: keys.member(memberId),
            teamId: team,
            memberId,
            displayName: `Member ${i}`,
            standing: standingOf(memberId, i),
          },
        },
      })),
    );
    const itemBytes = JSON.stringify(standingOf(members[0] as string, 0)).length;

    const { result, calls, count } = await counted(() => leaderboard(deps, team, DATE));
    console.info(
      `leaderboard of 5,000 from materialised standings: ${calls.length} requests (${[...new Set(calls)].map((name) => `${count(name)} ${name}`).join(', ')}), ~${itemBytes} bytes of standing per member`,
    );
    // One Query page per MiB of the team's partition, nothing per member.
    expect(count('QueryCommand')).toBe(calls.length);
    expect(calls.length).toBeLessThanOrEqual(Math.ceil((5000 * itemBytes) / 1_000_000) + 1);
    expect(calls.length).toBeLessThanOrEqual(12);
    expect(result.members).toHaveLength(5000);
    expect(result.ranking).toBe('official');
    expect(result.staleMembers).toHaveLength(100);
    expect(result.averages.calibrated?.members).toBe(1000);
  }, 600_000);
});

describe('the team list and the member list', () => {
  it('count each team’s members in step with membership writes, and list members with their profiles', async () => {
    const prefix = `${RUN}-list`;
    const [north, south, west] = ['north', 'south', 'west'].map((t) => `${prefix}-${t}`) as [
      string,
      string,
      string,
    ];
    const people = ['eve', 'fay', 'gus', 'hal'].map((name) => `${prefix}-${name}@example.com`);
    await putMember(deps, people[0] as string, memberBody('Eve', [north, south]));
    await putMember(deps, people[1] as string, memberBody('Fay', [north]));
    await putMember(deps, people[2] as string, memberBody('Gus', [north, west]));
    await putMember(deps, people[3] as string, memberBody('Hal', [west]));
    // Moves and leaves: Gus leaves west for south, Hal is erased, Eve repeats herself.
    await putMember(deps, people[2] as string, memberBody('Gus', [north, south]));
    await teams.removeMembership(people[3] as string);
    await putMember(deps, people[0] as string, memberBody('Eve', [south, north]));

    const allTeams = async (limit: number) => {
      const found: { teamId: string; members: number }[] = [];
      let cursor: string | undefined;
      do {
        const page = await listTeams(deps, limit, cursor);
        found.push(...page.teams.filter((t) => t.teamId.startsWith(prefix)));
        cursor = page.cursor;
      } while (cursor);
      return found.sort((a, b) => a.teamId.localeCompare(b.teamId));
    };
    const expected = [
      { teamId: north, members: 3 },
      { teamId: south, members: 2 },
    ];
    // West lost both members: a team exists while it has one.
    expect(await allTeams(1000)).toEqual(expected);
    expect(await allTeams(2)).toEqual(await allTeams(1000));

    const listed: { memberId: string; displayName?: string; teams: string[] }[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMembers(deps, 3, cursor);
      listed.push(...page.members.filter((m) => m.memberId.startsWith(prefix)));
      cursor = page.cursor;
    } while (cursor);
    expect(listed.sort((a, b) => a.memberId.localeCompare(b.memberId))).toEqual([
      { memberId: people[0], displayName: 'Eve', teams: [north, south] },
      { memberId: people[1], displayName: 'Fay', teams: [north] },
      { memberId: people[2], displayName: 'Gus', teams: [north, south] },
      // Hal's profile went; his registry entry goes with the erasure of his partition.
      { memberId: people[3], teams: [] },
    ]);
  });
});
