import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../shared/api/api-function';
import type { ScoresDeps } from '../../shared/scores/member-scores';
import type { TeamsStore } from '../../shared/store/teams-store';
import type { TeamsDeps } from '../../shared/teams/teams';
import { MemoryTeamSettingsStore } from '../support/memory-store';

/** GET /members and GET /teams: the API's cursor wraps the store's, and only managers may list. */
const STORE_CURSOR = 'store-cursor-2';
const calls: { limit: number; cursor?: string }[] = [];
const teams = {
  listMembersPage: async (limit: number, cursor?: string) => {
    calls.push({ limit, cursor });
    return cursor
      ? { items: [{ memberId: 'bo', teams: [] }] }
      : { items: [{ memberId: 'al@example.com', displayName: 'Al', teams: ['red'] }], cursor: STORE_CURSOR };
  },
  listTeamsPage: async (limit: number) => ({ items: [{ teamId: 'red', members: limit > 0 ? 1 : 0 }] }),
  isMembersCursor: (cursor: string) => cursor === STORE_CURSOR,
  isTeamsCursor: () => false,
} as unknown as TeamsStore;
const deps = { now: () => new Date('2026-03-01T00:00:00Z') } as unknown as ScoresDeps;
const teamsDeps: TeamsDeps = { teams, thresholds: { staleDays: 14 } };

const event = (resource: string, query: Record<string, string> = {}, groups?: string) =>
  ({
    httpMethod: 'GET',
    resource,
    path: resource,
    pathParameters: {},
    queryStringParameters: query,
    requestContext: groups
      ? { authorizer: { claims: { 'cognito:username': 'al@example.com', 'cognito:groups': groups } } }
      : {},
  }) as unknown as APIGatewayProxyEvent;

describe('GET /members and GET /teams', () => {
  const api = createApi(deps, {
    authMode: 'off',
    teams: teamsDeps,
    teamSettings: new MemoryTeamSettingsStore(),
  });

  it('pages the registry: the next cursor leads to the following page, the last page has none', async () => {
    const first = await api(event('/members', { limit: '1' }));
    expect(first.statusCode).toBe(200);
    const page = JSON.parse(first.body);
    expect(page.members).toEqual([{ memberId: 'al@example.com', displayName: 'Al', teams: ['red'] }]);
    const second = JSON.parse((await api(event('/members', { cursor: page.nextCursor }))).body);
    expect(second).toEqual({ members: [{ memberId: 'bo', teams: [] }] });
    expect(calls).toEqual([{ limit: 1 }, { limit: 100, cursor: STORE_CURSOR }]);
  });

  it('refuses a cursor it did not issue, and a page size beyond the maximum', async () => {
    const forged = Buffer.from(JSON.stringify({ after: 'elsewhere' })).toString('base64url');
    expect((await api(event('/members', { cursor: forged }))).statusCode).toBe(400);
    expect((await api(event('/teams', { cursor: 'garbage' }))).statusCode).toBe(400);
    expect((await api(event('/teams', { limit: '1001' }))).statusCode).toBe(400);
    expect(JSON.parse((await api(event('/teams'))).body)).toEqual({ teams: [{ teamId: 'red', members: 1 }] });
  });

  it('answers managers only in Cognito mode', async () => {
    const cognito = createApi(deps, {
      authMode: 'cognito',
      teams: teamsDeps,
      teamSettings: new MemoryTeamSettingsStore(),
    });
    for (const path of ['/members', '/teams']) {
      expect((await cognito(event(path, {}, 'sellers'))).statusCode).toBe(403);
      expect((await cognito(event(path, {}, 'managers'))).statusCode).toBe(200);
    }
  });
});
