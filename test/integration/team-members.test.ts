import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../shared/api/api-function';
import { MAX_TEAM_LIST_MEMBERS } from '../../shared/api/contract';
import type { ScoresDeps } from '../../shared/scores/member-scores';
import { DynamoDbTeamsStore } from '../../shared/store/dynamodb/teams-store';
import { useLocalStack } from '../support/local-stack';
import { MemoryTeamSettingsStore } from '../support/memory-store';
import { localDocumentClient } from '../support/table-dump';

/** `PUT /teams/{teamId}/members` through the local stack's HTTP API and DynamoDB Local, as a sales-ops lead uses it. */
const stack = useLocalStack();
const RUN = `tm-${Date.now().toString(36)}`;

const putTeam = (teamId: string, body: string, contentType = 'application/json') =>
  stack.api(`/teams/${teamId}/members`, { method: 'PUT', headers: { 'content-type': contentType }, body });

const teamOf = async (teamId: string) => {
  const answer = await stack.api(`/teams/${teamId}/leaderboard?date=2026-03-01`);
  if (answer.status === 404) return [];
  return ((answer.json as { members: { memberId: string; displayName: string }[] }).members ?? [])
    .map((member) => `${member.memberId}:${member.displayName}`)
    .sort();
};

const profileTeams = async (memberId: string) =>
  (
    await new DynamoDbTeamsStore(localDocumentClient(stack.dynamoEndpoint), stack.tableName).loadMembership(
      memberId,
    )
  )?.profile.teams;

describe('PUT /teams/{teamId}/members', () => {
  it('makes the team exactly a CSV team file, idempotently, and removes left-out members from this team only', async () => {
    const team = `${RUN}-emea`;
    const other = `${RUN}-apac`;
    const [jane, bob, ana] = [`jane.doe+${RUN}@example.com`, `bob-${RUN}`, `ana-${RUN}`];
    // Bob is also in another team: leaving this one must not touch it.
    expect(
      (
        await stack.api(`/members/${bob}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ displayName: 'Bob', teams: [other] }),
        })
      ).status,
    ).toBe(200);

    const csv = `id,display name,teams,email\n,Jane Doe,,${jane}\n${bob},Bob B.,,\n${ana},Ana,,\n`;
    const first = await putTeam(team, csv, 'text/csv; charset=utf-8');
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      teamId: team,
      added: [
        { line: 2, memberId: jane },
        { line: 3, memberId: bob },
        { line: 4, memberId: ana },
      ],
      kept: [],
      removed: [],
      rejected: [],
      removalsSkipped: false,
    });
    expect(await teamOf(team)).toEqual([`${ana}:Ana`, `${bob}:Bob B.`, `${jane}:Jane Doe`].sort());

    const again = await putTeam(team, csv, 'text/csv');
    expect(again.json).toMatchObject({
      added: [],
      removed: [],
      kept: [{ line: 2 }, { line: 3 }, { line: 4 }],
    });

    // The same team as JSON, without Bob and with Ana renamed: Bob leaves this team only.
    const json = await putTeam(
      team,
      JSON.stringify([
        { email: jane, displayName: 'Jane Doe' },
        { memberId: ana, displayName: 'Ana K.' },
      ]),
    );
    expect(json.status).toBe(200);
    expect(json.json).toMatchObject({
      added: [],
      kept: [
        { line: 1, memberId: jane, renamed: false },
        { line: 2, memberId: ana, renamed: true },
      ],
      removed: [{ memberId: bob }],
      rejected: [],
    });
    expect(await teamOf(team)).toEqual([`${ana}:Ana K.`, `${jane}:Jane Doe`].sort());
    expect(await profileTeams(bob)).toEqual([other]);
    expect(await teamOf(other)).toEqual([`${bob}:Bob B.`]);
  });

  it('reports rejected rows by line and then removes nobody, so a typo never drops a member', async () => {
    const team = `${RUN}-typo`;
    const [kim, lee] = [`kim-${RUN}`, `lee-${RUN}`];
    await putTeam(
      team,
      JSON.stringify([
        { memberId: kim, displayName: 'Kim' },
        { memberId: lee, displayName: 'Lee' },
      ]),
    );

    const answer = await putTeam(team, `id,name\n${kim},Kim\n../${lee},Lee\n${kim},Kim again\n`, 'text/csv');
    expect(answer.status).toBe(200);
    const body = answer.json as {
      rejected: { line: number; reason: string }[];
      removed: unknown[];
      removalsSkipped: boolean;
    };
    expect(body.rejected.map(({ line }) => line)).toEqual([3, 4]);
    expect(body.rejected[0]?.reason).toMatch(/member id "\.\.\/lee-.*": must be/);
    expect(body.rejected[1]?.reason).toMatch(/already on line 2/);
    expect(body.removed).toEqual([]);
    expect(body.removalsSkipped).toBe(true);
    expect(await teamOf(team)).toEqual([`${kim}:Kim`, `${lee}:Lee`]);
  });

  it('answers clear 400s: an unreadable CSV, an empty list, an oversized list, a bad team id in the path', async () => {
    const team = `${RUN}-bad`;
    const noMember = await putTeam(team, 'id,display name\n', 'text/csv');
    expect(noMember.status).toBe(400);
    expect((noMember.json as { detail: string }).detail).toMatch(/lists no member/);

    const empty = await putTeam(team, '[]');
    expect(empty.status).toBe(400);
    expect((empty.json as { detail: string }).detail).toMatch(/at least one member/);

    const tooMany = Array.from({ length: MAX_TEAM_LIST_MEMBERS + 1 }, (_, i) => ({
      memberId: `m${i}`,
      displayName: 'M',
    }));
    const big = await putTeam(team, JSON.stringify(tooMany));
    expect(big.status).toBe(400);
    expect((big.json as { detail: string }).detail).toMatch(`at most ${MAX_TEAM_LIST_MEMBERS} members`);

    const huge = await putTeam(team, `id,name\n${'x,y\n'.repeat(80_000)}`, 'text/csv');
    expect(huge.status).toBe(400);
    expect((huge.json as { detail: string }).detail).toMatch(/at most 256 KiB/);

    const notJson = await putTeam(team, 'id,name\nx,y\n');
    expect(notJson.status).toBe(400);
    expect((notJson.json as { detail: string }).detail).toMatch(/not valid JSON/);

    const unknownField = await putTeam(
      team,
      JSON.stringify([{ memberId: 'x', displayName: 'X', teams: ['a'] }]),
    );
    expect(unknownField.status).toBe(400);
  });

  it('is for managers only in Cognito mode', async () => {
    const teams = {
      teams: new DynamoDbTeamsStore(localDocumentClient(stack.dynamoEndpoint), stack.tableName),
      thresholds: { staleDays: 14 },
    };
    const api = createApi({ now: () => new Date() } as unknown as ScoresDeps, {
      authMode: 'cognito',
      teams,
      teamSettings: new MemoryTeamSettingsStore(),
    });
    const team = `${RUN}-cognito`;
    const request = (groups: string) =>
      api({
        httpMethod: 'PUT',
        resource: '/teams/{teamId}/members',
        path: `/teams/${team}/members`,
        pathParameters: { teamId: team },
        headers: { 'Content-Type': 'text/csv' },
        body: `id,name\nsam-${RUN},Sam\n`,
        requestContext: { authorizer: { claims: { 'cognito:username': 'lead', 'cognito:groups': groups } } },
      } as unknown as APIGatewayProxyEvent);
    expect((await request('[sales]')).statusCode).toBe(403);
    expect(await teamOf(team)).toEqual([]);
    const allowed = await request('[managers]');
    expect(allowed.statusCode).toBe(200);
    expect(JSON.parse(allowed.body)).toMatchObject({ added: [{ line: 2, memberId: `sam-${RUN}` }] });
  });
});
