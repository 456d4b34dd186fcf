import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../shared/api/api-function';
import { API_ROUTES, PAGE_SIZES } from '../../shared/api/contract';
import { problemFor } from '../../shared/api/problems';
import { createReportApi } from '../../shared/api/report-function';
import { createRouter } from '../../shared/api/router';
import { activityRoutes } from '../../shared/api/routes/activity';
import { planRoutes } from '../../shared/api/routes/plan';
import { reportRoutes } from '../../shared/api/routes/report';
import { BadRequest, LeaseTimeout, MemberBusy, NotFound } from '../../shared/domain/errors';
import type { IngestManifest } from '../../shared/domain/manifest';
import type { Finding } from '../../shared/domain/pillars';
import type { ScoresDeps } from '../../shared/scores/member-scores';
import type { ScoresStore } from '../../shared/store/scores-store';
import type { TeamSettingsStore } from '../../shared/store/team-settings-store';
import type { TeamReportDeps } from '../../shared/teams/team-report';
import type { TeamsDeps } from '../../shared/teams/teams';
import { MemoryStore } from '../support/memory-store';

const MEMBER = 'ana';
const NOW = new Date('2026-03-01T12:00:00Z');

const manifest = (startedAt: string, objectKey: string) =>
  ({ memberId: MEMBER, objectKey, startedAt }) as IngestManifest;
const finding = (from: string, pillar: Finding['pillar']): Finding => ({
  memberId: MEMBER,
  type: 'STALE',
  pillar,
  from,
  to: from,
  detectedAt: NOW.toISOString(),
  evidence: {},
});

const depsWith = (): ScoresDeps => {
  const activity = new MemoryStore();
  activity.manifests.push(
    manifest('2026-02-01T10:00:00.000Z', `exports/${MEMBER}/a.zip`),
    manifest('2026-02-02T10:00:00.000Z', `exports/${MEMBER}/b.zip`),
  );
  activity.days.set(
    MEMBER,
    new Map(
      ['2026-02-10', '2026-02-11', '2026-02-12'].map((day) => [
        day,
        { day, counts: { reaction: 1 }, signals: {} },
      ]),
    ),
  );
  const scores = {
    listFindings: async () => [
      finding('2026-02-01', 'brand'),
      { ...finding('2026-02-01', 'people'), status: 'resolved', resolution: 'moved-again' },
    ],
    listReadings: async () => [],
    readEstimates: async () => [],
    loadCalibration: async () => undefined,
  } as unknown as ScoresStore;
  return { activity, scores, now: () => NOW } as unknown as ScoresDeps;
};

const event = (resource: string, query: Record<string, string> = {}, method = 'GET') =>
  ({
    httpMethod: method,
    resource,
    path: resource.replace('{memberId}', MEMBER),
    pathParameters: { memberId: MEMBER },
    queryStringParameters: query,
    requestContext: {},
  }) as unknown as APIGatewayProxyEvent;

const deps = depsWith();
const api = createApi(deps, {
  authMode: 'off',
  teams: {} as TeamsDeps,
  teamSettings: {} as TeamSettingsStore,
});
const pages = createReportApi(deps, {
  authMode: 'off',
  renderReport: () => '<html></html>',
  openApiDocument: () => ({}),
  team: { deps: {} as TeamReportDeps, render: () => '<html></html>' },
});
const forge = (after: string) => Buffer.from(JSON.stringify({ after })).toString('base64url');

describe('paged routes and their cursors (#8)', () => {
  const paged = [
    [api, API_ROUTES.activity.path],
    [api, API_ROUTES.estimates.path],
    [api, API_ROUTES.findings.path],
    [api, API_ROUTES.ingests.path],
    [api, API_ROUTES.readings.path],
    [pages, API_ROUTES.report.path],
  ] as const;
  const forged = [
    forge('garbage'),
    forge('2026-02-30'),
    'not-a-cursor',
    Buffer.from('{"after":7}').toString('base64url'),
    // Well formed, but another member's ingest.
    forge(`2026-02-02T10:00:00.000Z#exports/bob/b.zip`),
  ];

  it.each(paged)('answer a cursor they did not issue with 400 naming `cursor` (%#)', async (serve, path) => {
    for (const cursor of forged) {
      const response = await serve(event(path, { cursor }));
      expect(response.statusCode, cursor).toBe(400);
      expect(response.headers?.['content-type']).toBe('application/problem+json');
      expect(JSON.parse(response.body)).toMatchObject({
        code: 'BAD_REQUEST',
        detail: expect.stringMatching(/^cursor: /),
      });
    }
  });

  it('refuses a day outside the request’s range, and pages with the cursors it issues', async () => {
    const outside = await api(
      event(API_ROUTES.activity.path, { from: '2026-02-10', cursor: forge('2026-01-01') }),
    );
    expect(outside.statusCode).toBe(400);
    const first = JSON.parse((await api(event(API_ROUTES.activity.path, { limit: '2' }))).body);
    expect(first.days.map((d: { day: string }) => d.day)).toEqual(['2026-02-10', '2026-02-11']);
    const second = JSON.parse(
      (await api(event(API_ROUTES.activity.path, { limit: '2', cursor: first.nextCursor }))).body,
    );
    expect(second).toEqual({ memberId: MEMBER, days: [{ day: '2026-02-12', counts: { reaction: 1 } }] });

    const ingests = JSON.parse((await api(event(API_ROUTES.ingests.path, { limit: '1' }))).body);
    const older = await api(event(API_ROUTES.ingests.path, { limit: '1', cursor: ingests.nextCursor }));
    expect(JSON.parse(older.body).ingests.map((m: IngestManifest) => m.objectKey)).toEqual([
      `exports/${MEMBER}/a.zip`,
    ]);

    const findings = JSON.parse((await api(event(API_ROUTES.findings.path, { limit: '1' }))).body);
    const next = await api(event(API_ROUTES.findings.path, { limit: '1', cursor: findings.nextCursor }));
    expect(JSON.parse(next.body).findings.map((f: Finding) => f.pillar)).toEqual(['people']);
  });

  it('takes page sizes from the contract', () => {
    expect(API_ROUTES.ingests.query.parse({}).limit).toBe(PAGE_SIZES.ingests.default);
    expect(API_ROUTES.findings.query.parse({}).limit).toBe(PAGE_SIZES.findings.default);
    expect(API_ROUTES.activity.query.safeParse({ limit: String(PAGE_SIZES.days.max + 1) }).success).toBe(
      false,
    );
  });
});

describe('findings by status (#10)', () => {
  const pillarsOf = async (query: Record<string, string>) => {
    const response = await api(event(API_ROUTES.findings.path, query));
    return JSON.parse(response.body).findings.map((f: Finding) => `${f.pillar}:${f.status}`);
  };

  it('answers all by default (as before), or only the open or resolved ones; stored findings without a lifecycle read as open', async () => {
    expect(await pillarsOf({})).toEqual(['brand:open', 'people:resolved']);
    expect(await pillarsOf({ status: 'all' })).toEqual(['brand:open', 'people:resolved']);
    expect(await pillarsOf({ status: 'open' })).toEqual(['brand:open']);
    expect(await pillarsOf({ status: 'resolved' })).toEqual(['people:resolved']);
    const bad = await api(event(API_ROUTES.findings.path, { status: 'closed' }));
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).detail).toMatch(/^status: /);
  });

  it('gives every finding its data days', async () => {
    const response = await api(event(API_ROUTES.findings.path, { limit: '1' }));
    expect(JSON.parse(response.body).findings[0]).toMatchObject({
      firstEvidenceDay: '2026-02-01',
      flaggedOnDay: '2026-02-01',
    });
  });
});

describe('route tables per function', () => {
  it('serve only their own routes', async () => {
    expect((await api(event(API_ROUTES.report.path))).statusCode).toBe(404);
    expect((await pages(event(API_ROUTES.activity.path))).statusCode).toBe(404);
    expect((await pages(event(API_ROUTES.report.path))).statusCode).toBe(200);
  });

  it('make a route reaching the wrong function, or a missing one, a compile error', () => {
    const report = { ...reportRoutes(deps, () => ''), ...planRoutes(deps) };
    const openapi = async () => ({ statusCode: 200, body: '{}' });
    // @ts-expect-error activity belongs to the API function, not the report function
    createRouter('report', { ...report, openapi, ...activityRoutes(deps) }, { authMode: 'off' });
    // @ts-expect-error the report function must serve the OpenAPI document too
    createRouter('report', report, { authMode: 'off' });
    const page = async () => ({ statusCode: 200, body: '' });
    const team = { teamReport: page, competition: page, getCompetition: page, tiers: page, kpi: page };
    expect(createRouter('report', { ...report, openapi, ...team }, { authMode: 'off' })).toBeTypeOf(
      'function',
    );
  });
});

describe('the error vocabulary at the HTTP edge', () => {
  it('maps each error once: codes, statuses and retry-after', () => {
    const busy = problemFor(new MemberBusy(MEMBER));
    expect(busy?.statusCode).toBe(409);
    expect(busy?.headers?.['retry-after']).toBe('60');
    expect(JSON.parse(busy?.body ?? '{}')).toMatchObject({ code: 'MEMBER_BUSY', title: 'Conflict' });
    expect(problemFor(new BadRequest('cursor', 'no'))?.statusCode).toBe(400);
    expect(problemFor(new NotFound('gone'))?.statusCode).toBe(404);
    expect(problemFor(new LeaseTimeout(60_000))?.statusCode).toBe(503);
    expect(problemFor(new Error('a bug'))).toBeUndefined();
  });

  it('keeps a lease timeout transient: the ingest retries it', () => {
    expect(new LeaseTimeout(60_000)).toMatchObject({ code: 'LEASE_TIMEOUT', permanent: false });
  });
});
