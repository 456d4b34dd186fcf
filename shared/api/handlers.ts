import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type * as z from 'zod';
import { addDays } from '../domain/days';
import { MembershipConflict, TeamNotFound } from '../domain/membership';
import type { Finding, OfficialReading } from '../domain/pillars';
import { sortReadings } from '../findings/series';
import { applyCalibration } from '../model/calibration';
import { MIN_CALIBRATION_READINGS, MODEL_VERSION } from '../model/parameters';
import { parsePlainReading } from '../readings/parse';
import type { ReportInput } from '../report/render';
import { recordReadings, type ScoresDeps } from '../scores/member-scores';
import { leaderboard, putMember, type TeamsDeps } from '../teams/teams';
import { toApiDays } from './activity';
import { type AuthMode, authorize } from './authorize';
import {
  API_ROUTES,
  type ApiRouteName,
  DEFAULT_PAGE_SIZE,
  MemberIdSchema,
  PutMemberBodySchema,
  TeamIdSchema,
} from './contract';
import { decodeCursor, encodeCursor } from './cursor';
import { html, json, problem } from './http';

type Query<R extends ApiRouteName> = (typeof API_ROUTES)[R] extends { query: z.ZodType }
  ? z.output<(typeof API_ROUTES)[R]['query']>
  : undefined;

interface Request<R extends ApiRouteName> {
  memberId: string;
  teamId: string;
  query: Query<R>;
  body: unknown;
  event: APIGatewayProxyEvent;
}

type Handlers = { [R in ApiRouteName]: (request: Request<R>) => Promise<APIGatewayProxyResult> };

/** A client error with a message a person understands; becomes a 400 problem. */
class BadRequest extends Error {}

const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');

const today = () => new Date().toISOString().slice(0, 10);

const positionFrom = (cursor: string | undefined): string | undefined => {
  if (cursor === undefined) return undefined;
  const position = decodeCursor(cursor);
  if (position === undefined) throw new BadRequest('cursor: not a cursor this API issued');
  return position;
};

export interface ApiOptions {
  authMode?: AuthMode;
  /** Team membership and leaderboards; without it those routes answer 500 (a wiring error). */
  teams?: TeamsDeps;
  /**
   * The report page renderer. Injected, so only the report function bundles it (the API function stays
   * within its size budget); routes reach the right function by their target.
   */
  renderReport?: (input: ReportInput) => string;
  /** The OpenAPI document; injected like the renderer (zod's JSON Schema converter stays out of the API bundle). */
  openApiDocument?: () => unknown;
}

/** Route handlers, each given a validated request; routing and validation come from the contract. */
export const createApi = (
  deps: ScoresDeps,
  { authMode = 'iam', renderReport, openApiDocument, teams }: ApiOptions = {},
) => {
  const teamsDeps = (): TeamsDeps => {
    if (!teams) throw new Error('team routes need the teams store');
    return teams;
  };
  const store = deps.activity;
  const requireMember = async (memberId: string): Promise<APIGatewayProxyResult | undefined> =>
    (await store.memberExists(memberId))
      ? undefined
      : problem(
          404,
          'Not Found',
          `No data for member '${memberId}'. Upload an export under exports/${memberId}/ first.`,
        );

  /** The requested day range after defaults and the cursor: [from, to], `limit` items. */
  const dayWindow = (query: { from?: string; to?: string; limit?: number; cursor?: string }) => {
    const to = query.to ?? today();
    const after = positionFrom(query.cursor);
    return {
      from: after ? addDays(after, 1) : (query.from ?? addDays(to, -365)),
      to,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    };
  };

  const readingPosition = (reading: OfficialReading) => `${reading.observedAt}#${reading.readingHash}`;
  const publicReading = ({ memberId: _member, readingHash: _hash, ...reading }: OfficialReading) => reading;

  const handlers: Handlers = {
    openapi: async () => {
      if (!openApiDocument) throw new Error('the OpenAPI route is served by the pages function');
      return json(200, openApiDocument());
    },

    activity: async ({ memberId, query }) => {
      const missing = await requireMember(memberId);
      if (missing) return missing;
      const { from, to, limit } = dayWindow(query);
      const days = from > to ? [] : await store.readDays(memberId, from, to, limit + 1);
      const page = days.slice(0, limit);
      const last = page.at(-1);
      return json(200, {
        memberId,
        days: toApiDays(page),
        ...(days.length > limit && last ? { nextCursor: encodeCursor(last.day) } : {}),
      });
    },

    ingests: async ({ memberId, query }) => {
      const missing = await requireMember(memberId);
      if (missing) return missing;
      const limit = query.limit ?? 50;
      const manifests = await store.listManifests(memberId, limit + 1, positionFrom(query.cursor));
      const page = manifests.slice(0, limit);
      const last = page.at(-1);
      return json(200, {
        memberId,
        ingests: page,
        ...(manifests.length > limit && last
          ? { nextCursor: encodeCursor(`${last.startedAt}#${last.objectKey}`) }
          : {}),
      });
    },

    estimates: async ({ memberId, query }) => {
      const missing = await requireMember(memberId);
      if (missing) return missing;
      const { from, to, limit } = dayWindow(query);
      const [estimates, calibration] = await Promise.all([
        from > to ? [] : deps.scores.readEstimates(memberId, from, to),
        deps.scores.loadCalibration(memberId),
      ]);
      const page = estimates.slice(0, limit);
      const last = page.at(-1);
      return json(200, {
        memberId,
        modelVersion: page[0]?.modelVersion ?? MODEL_VERSION,
        days: page.map((estimate) => ({
          day: estimate.day,
          pillars: estimate.pillars,
          total: estimate.total,
          confidence: estimate.confidence,
          calibrated: (calibration && applyCalibration(estimate, calibration)) ?? null,
          contributions: estimate.contributions,
        })),
        ...(estimates.length > limit && last ? { nextCursor: encodeCursor(last.day) } : {}),
      });
    },

    readings: async ({ memberId, query }) => {
      const missing = await requireMember(memberId);
      if (missing) return missing;
      const after = positionFrom(query.cursor);
      const limit = query.limit ?? 1000;
      const all = sortReadings(await deps.scores.listReadings(memberId)).filter(
        (reading) => !after || readingPosition(reading) > after,
      );
      const page = all.slice(0, limit);
      const last = page.at(-1);
      return json(200, {
        memberId,
        readings: page.map(publicReading),
        ...(all.length > limit && last ? { nextCursor: encodeCursor(readingPosition(last)) } : {}),
      });
    },

    addReading: async ({ memberId, body }) => {
      const parsed = parsePlainReading(memberId, body, deps.now().toISOString());
      if (!parsed.ok) return problem(400, 'Bad Request', parsed.reason);
      const result = await recordReadings(deps, memberId, [parsed.reading]);
      return json(result.stored > 0 ? 201 : 200, {
        memberId,
        reading: publicReading(parsed.reading),
        stored: result.stored > 0,
        findings: result.evaluation?.fresh ?? [],
      });
    },

    findings: async ({ memberId, query }) => {
      const missing = await requireMember(memberId);
      if (missing) return missing;
      const after = positionFrom(query.cursor);
      const limit = query.limit ?? 500;
      // Stored in key order (first day, type, pillar): the position is that key.
      const position = (f: Finding) => `${f.from}#${f.type}#${f.pillar}`;
      const all = (await deps.scores.listFindings(memberId)).filter((f) => !after || position(f) > after);
      const page = all.slice(0, limit);
      const last = page.at(-1);
      return json(200, {
        memberId,
        findings: page.map(({ memberId: _member, ...finding }) => finding),
        ...(all.length > limit && last ? { nextCursor: encodeCursor(position(last)) } : {}),
      });
    },

    report: async ({ memberId, query }) => {
      if (!renderReport) throw new Error('the report route is served by the report function');
      const missing = await requireMember(memberId);
      if (missing) return missing;
      const { from, to } = dayWindow(query);
      const [estimates, calibration, readings, findings, manifests] = await Promise.all([
        from > to ? [] : deps.scores.readEstimates(memberId, from, to),
        deps.scores.loadCalibration(memberId),
        deps.scores.listReadings(memberId),
        deps.scores.listFindings(memberId),
        store.listManifests(memberId, 1),
      ]);
      const calibrated = calibration
        ? estimates.flatMap((estimate) => {
            const scores = applyCalibration(estimate, calibration);
            return scores ? [{ day: estimate.day, ...scores }] : [];
          })
        : undefined;
      return html(
        renderReport({
          memberId,
          generatedAt: deps.now().toISOString(),
          estimates,
          calibrated,
          readings: readings.filter(
            (r) => r.observedAt.slice(0, 10) >= from && r.observedAt.slice(0, 10) <= to,
          ),
          findings: findings.filter((f) => f.to >= from && f.from <= to),
          latestManifest: manifests[0],
        }),
      );
    },

    putMember: async ({ memberId, body }) => {
      const parsed = PutMemberBodySchema.safeParse(body);
      if (!parsed.success) return problem(400, 'Bad Request', describe(parsed.error));
      try {
        const { profile, changed } = await putMember(teamsDeps(), memberId, parsed.data);
        return json(200, { ...profile, changed });
      } catch (error) {
        if (error instanceof MembershipConflict)
          return problem(409, 'Conflict', `${error.message}. Try again.`);
        throw error;
      }
    },

    leaderboard: async ({ teamId, query }) => {
      try {
        return json(200, await leaderboard(teamsDeps(), teamId, query.date ?? today()));
      } catch (error) {
        if (error instanceof TeamNotFound)
          return problem(
            404,
            'Not Found',
            `No members in team '${teamId}'. Add them with PUT /members/{id}.`,
          );
        throw error;
      }
    },

    calibration: async ({ memberId }) => {
      const missing = await requireMember(memberId);
      if (missing) return missing;
      const calibration = await deps.scores.loadCalibration(memberId);
      if (!calibration) {
        const readings = (await deps.scores.listReadings(memberId)).length;
        return problem(
          404,
          'Not Found',
          `No calibration yet for '${memberId}': it needs ${MIN_CALIBRATION_READINGS} official readings on days with estimates (${readings} reading(s) stored).`,
        );
      }
      return json(200, calibration);
    },
  };

  const byResource = new Map(
    (Object.keys(handlers) as ApiRouteName[]).map((name) => [
      `${API_ROUTES[name].method} ${API_ROUTES[name].path}`,
      name,
    ]),
  );

  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const name = byResource.get(`${event.httpMethod} ${event.resource}`);
    if (!name) return problem(404, 'Not Found', `No route for ${event.httpMethod} ${event.path}`);
    const route = API_ROUTES[name];
    let memberId = '';
    if (route.path.includes('{memberId}')) {
      const parsed = MemberIdSchema.safeParse(event.pathParameters?.memberId ?? '');
      if (!parsed.success) return problem(400, 'Bad Request', `memberId: ${parsed.error.issues[0]?.message}`);
      memberId = parsed.data;
    }
    let teamId = '';
    if (route.path.includes('{teamId}')) {
      const parsed = TeamIdSchema.safeParse(event.pathParameters?.teamId ?? '');
      if (!parsed.success) return problem(400, 'Bad Request', `teamId: ${parsed.error.issues[0]?.message}`);
      teamId = parsed.data;
    }
    // Teams are managed and compared by managers; a member acts on their own data only.
    const managersOnly = name === 'putMember' || name === 'leaderboard';
    const denied = authorize(authMode, event, route.path.includes('{memberId}') ? memberId : undefined, {
      managersOnly,
    });
    if (denied) return denied;
    let query: unknown;
    if ('query' in route) {
      const parsed = route.query.safeParse(event.queryStringParameters ?? {});
      if (!parsed.success) return problem(400, 'Bad Request', describe(parsed.error));
      query = parsed.data;
    }
    let body: unknown;
    if ('body' in route) {
      try {
        body = JSON.parse(event.body ?? '');
      } catch {
        return problem(400, 'Bad Request', 'body: not valid JSON');
      }
    }
    try {
      const handler = handlers[name] as (request: Request<ApiRouteName>) => Promise<APIGatewayProxyResult>;
      return await handler({ memberId, teamId, query: query as Query<ApiRouteName>, body, event });
    } catch (error) {
      if (error instanceof BadRequest) return problem(400, 'Bad Request', error.message);
      throw error;
    }
  };
};
