import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../shared/api/api-function';
import { createReportApi } from '../../shared/api/report-function';
import { addDays } from '../../shared/domain/days';
import type { MemberStanding } from '../../shared/domain/membership';
import type { DailyEstimate, OfficialReading } from '../../shared/domain/pillars';
import { renderTeamReport } from '../../shared/report/team-render';
import type { ScoresDeps } from '../../shared/scores/member-scores';
import type { TeamsStore } from '../../shared/store/teams-store';
import { MemoryTeamSettingsStore } from '../support/memory-store';
import { calibrationOf, dailyEstimate, officialReading, pillars } from '../support/scores-builders';

const TODAY = '2026-05-31';
const now = () => new Date(`${TODAY}T12:00:00Z`);

/** A team of `size` members with a reading every 10 days and a daily estimate, all in memory. */
const teamOf = (size: number) => {
  const ids = Array.from({ length: size }, (_, i) => `member-${String(i).padStart(3, '0')}@example.com`);
  const readings = new Map<string, OfficialReading[]>();
  const estimates = new Map<string, DailyEstimate[]>();
  ids.forEach((id, i) => {
    const level = 10 + (i % 14);
    readings.set(
      id,
      Array.from({ length: 10 }, (_, k) =>
        officialReading(id, `${addDays(TODAY, -10 * k - (i % 5))}T08:00:00.000Z`, pillars(level + k * 0.1)),
      ).reverse(),
    );
    estimates.set(
      id,
      Array.from({ length: 120 }, (_, k) =>
        dailyEstimate(addDays(TODAY, -119 + k), pillars(level - 1 + k / 100)),
      ),
    );
  });
  const notUsedByTheTeamPage = async (): Promise<never> => {
    throw new Error('the team page does not call this');
  };
  const teams: TeamsStore = {
    loadMembership: async () => undefined,
    saveMembership: async () => true,
    removeMembership: async () => 0,
    saveStanding: notUsedByTheTeamPage,
    listMembersPage: notUsedByTheTeamPage,
    listTeamsPage: notUsedByTheTeamPage,
    isMembersCursor: () => false,
    isTeamsCursor: () => false,
    listTeamMembers: async (teamId) =>
      teamId === 'emea'
        ? ids.map((memberId) => ({ memberId, displayName: `Name ${memberId.slice(7, 10)}` }))
        : [],
    readStandings: async (memberIds, date) =>
      new Map(
        memberIds.map((id): [string, MemberStanding] => [
          id,
          {
            official: readings
              .get(id)
              ?.filter((r) => r.observedAt.slice(0, 10) <= date)
              .at(-1),
            estimate: estimates.get(id)?.find((e) => e.day === date),
            calibration: calibrationOf(id),
            staleFindings: [],
          },
        ]),
      ),
  };
  const scores = {
    listReadings: async (id: string) => readings.get(id) ?? [],
    readEstimates: async (id: string, from: string, to: string) =>
      (estimates.get(id) ?? []).filter((e) => e.day >= from && e.day <= to),
    loadCalibration: async (id: string) => calibrationOf(id),
  };
  const activity = {
    readDays: async () => [{ day: addDays(TODAY, -3), counts: { post: 1, comment: 2 }, signals: {} }],
    listManifests: async (id: string) =>
      id.endsWith('000@example.com') ? [] : ([{ startedAt: `${addDays(TODAY, -2)}T00:00:00Z` }] as never[]),
  };
  const settings = new MemoryTeamSettingsStore();
  const deps = { scores, activity, now } as unknown as ScoresDeps;
  const api = createApi(deps, {
    authMode: 'off',
    teams: { teams, thresholds: { staleDays: 14 } },
    teamSettings: settings,
  });
  const pages = createReportApi(deps, {
    authMode: 'off',
    renderReport: () => '',
    openApiDocument: () => ({}),
    team: {
      deps: { teams, scores, activity, settings, leaderboard: { teams, thresholds: { staleDays: 14 } } },
      render: renderTeamReport,
    },
  });
  return { api, pages, settings, ids };
};

const request = (
  method: string,
  resource: string,
  {
    query = {},
    headers = {},
    body,
    name,
  }: { query?: Record<string, string>; headers?: Record<string, string>; body?: string; name?: string } = {},
) =>
  ({
    httpMethod: method,
    resource,
    path: resource,
    pathParameters: { teamId: 'emea', ...(name ? { name } : {}) },
    queryStringParameters: query,
    headers,
    body: body ?? null,
    requestContext: {},
  }) as unknown as APIGatewayProxyEvent;

describe('the printable team page', () => {
  it('renders 500 members in under 400 KB, self-contained, in German', async () => {
    const { pages, api } = teamOf(500);
    await api(
      request('PUT', '/teams/{teamId}/competitions/{name}', {
        name: 'best-networker',
        body: JSON.stringify({ from: '2026-05-01', to: '2026-05-31', metric: 'relationships' }),
      }),
    );
    const page = await pages(request('GET', '/teams/{teamId}/report', { query: { lang: 'de' } }));
    expect(page.statusCode).toBe(200);
    const bytes = Buffer.byteLength(page.body, 'utf8');
    expect(bytes).toBeLessThan(400 * 1024);
    expect(page.body).toContain('<html lang="de">');
    expect(page.body).toContain('Rangliste am 31. Mai 2026');
    expect(page.body).toContain('<svg role="img"');
    expect(page.body).toContain('best-networker');
    expect(page.body).not.toMatch(/<script|<link|src=|href=/i);
    // member-000 sent no export: it is listed as quiet.
    expect(page.body).toMatch(/Ruhig:[\s\S]*Name 000/);
    console.info(`team page, 500 members: ${bytes} bytes`);
  });
});

describe('team tables through the API', () => {
  it('serves the competition as JSON and as CSV (Accept: text/csv, German dialect)', async () => {
    const { pages } = teamOf(3);
    const json = await pages(
      request('GET', '/teams/{teamId}/competition', { query: { from: '2026-05-01', to: '2026-05-31' } }),
    );
    expect(JSON.parse(json.body)).toMatchObject({ teamId: 'emea', metric: 'total', from: '2026-05-01' });
    expect(JSON.parse(json.body).standings).toHaveLength(3);
    const csv = await pages(
      request('GET', '/teams/{teamId}/competition', {
        query: { from: '2026-05-01', to: '2026-05-31' },
        headers: { Accept: 'text/csv', 'Accept-Language': 'de-DE,de;q=0.9' },
      }),
    );
    expect(csv.headers?.['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFFrank;memberId;')).toBe(true);
    expect(csv.body).toMatch(/\r\n1;member-\d{3}@example\.com;Name \d{3};total;\d+(,\d+)?;/);
  });

  it('exports the leaderboard, tiers and KPI as CSV with ?format=csv', async () => {
    const { api, pages } = teamOf(3);
    for (const resource of ['/teams/{teamId}/leaderboard', '/teams/{teamId}/tiers', '/teams/{teamId}/kpi']) {
      const fn = resource.endsWith('leaderboard') ? api : pages;
      const csv = await fn(request('GET', resource, { query: { format: 'csv' } }));
      expect(csv.statusCode, resource).toBe(200);
      expect(csv.body.startsWith('\uFEFF'), resource).toBe(true);
      expect(csv.body.split('\r\n').length, resource).toBeGreaterThan(3);
    }
    const board = JSON.parse((await api(request('GET', '/teams/{teamId}/leaderboard'))).body);
    // Readings are 0–4 days old here: each row carries its age and counts as current.
    expect(board.members.map((m: { official: { ageDays: number; current: boolean } }) => m.official)).toEqual(
      expect.arrayContaining([expect.objectContaining({ ageDays: 2, current: true })]),
    );
  });

  it('sets up, reads and deletes a named competition; uploads business goals and reports rejected lines', async () => {
    const { api, pages, settings } = teamOf(2);
    const put = await api(
      request('PUT', '/teams/{teamId}/competitions/{name}', {
        name: 'may',
        body: JSON.stringify({ from: '2026-05-01', to: '2026-05-31' }),
      }),
    );
    expect(JSON.parse(put.body)).toMatchObject({ name: 'may', metric: 'total' });
    const got = JSON.parse(
      (await pages(request('GET', '/teams/{teamId}/competitions/{name}', { name: 'may' }))).body,
    );
    expect(got).toMatchObject({ name: 'may', from: '2026-05-01', to: '2026-05-31' });
    expect(got.standings).toHaveLength(2);
    expect(
      JSON.parse((await api(request('DELETE', '/teams/{teamId}/competitions/{name}', { name: 'may' }))).body),
    ).toEqual({
      teamId: 'emea',
      name: 'may',
      deleted: true,
    });
    expect(
      (await pages(request('GET', '/teams/{teamId}/competitions/{name}', { name: 'may' }))).statusCode,
    ).toBe(404);

    const upload = await api(
      request('PUT', '/teams/{teamId}/business-goals', {
        body: 'member,week,calls\nmember-000@example.com,2026-W22,12\nnobody here,2026-W22,1\n',
      }),
    );
    expect(JSON.parse(upload.body)).toMatchObject({ saved: 1, columns: ['calls'], rejected: [{ line: 3 }] });
    expect(settings.goals.size).toBe(1);

    const kpi = await api(
      request('PUT', '/teams/{teamId}/kpi', {
        body: JSON.stringify({ weights: { ssi: 1, strategic: 0, business: 1 }, business: { calls: 10 } }),
      }),
    );
    expect(kpi.statusCode).toBe(200);
    const table = JSON.parse(
      (
        await pages(
          request('GET', '/teams/{teamId}/kpi', { query: { from: '2026-05-25', to: '2026-05-31' } }),
        )
      ).body,
    );
    expect(
      table.members.find((m: { memberId: string }) => m.memberId === 'member-000@example.com'),
    ).toMatchObject({
      week: '2026-05-25',
      business: 1,
      goals: { calls: 12 },
    });
  });
});
