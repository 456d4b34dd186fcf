import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { z } from 'zod';
import type { ActivityStore } from '../store/activity-store';
import { toApiDays } from './activity';
import { API_ROUTES, DEFAULT_PAGE_SIZE, MemberIdSchema, type RouteName } from './contract';
import { decodeCursor, encodeCursor } from './cursor';
import { json, problem } from './http';
import { openApiDocument } from './openapi';

type Query<R extends RouteName> = (typeof API_ROUTES)[R] extends { query: z.ZodType }
  ? z.output<(typeof API_ROUTES)[R]['query']>
  : undefined;

interface Request<R extends RouteName> {
  memberId: string;
  query: Query<R>;
  event: APIGatewayProxyEvent;
}

type Handlers = { [R in RouteName]: (request: Request<R>) => Promise<APIGatewayProxyResult> };

/** A client error with a message a person understands; becomes a 400 problem. */
class BadRequest extends Error {}

const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');

const today = () => new Date().toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

const positionFrom = (cursor: string | undefined): string | undefined => {
  if (cursor === undefined) return undefined;
  const position = decodeCursor(cursor);
  if (position === undefined) throw new BadRequest('cursor: not a cursor this API issued');
  return position;
};

/** Route handlers, each given a validated request; routing and validation come from the contract. */
export const createApi = (store: ActivityStore) => {
  const requireMember = async (memberId: string): Promise<APIGatewayProxyResult | undefined> =>
    (await store.memberExists(memberId))
      ? undefined
      : problem(
          404,
          'Not Found',
          `No data for member '${memberId}'. Upload an export under exports/${memberId}/ first.`,
        );

  const handlers: Handlers = {
    openapi: async () => json(200, openApiDocument()),

    activity: async ({ memberId, query }) => {
      const missing = await requireMember(memberId);
      if (missing) return missing;
      const to = query.to ?? today();
      const after = positionFrom(query.cursor);
      const from = after ? addDays(after, 1) : (query.from ?? addDays(to, -365));
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
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
  };

  const byResource = new Map(
    (Object.keys(API_ROUTES) as RouteName[]).map((name) => [
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
    let query: unknown;
    if ('query' in route) {
      const parsed = route.query.safeParse(event.queryStringParameters ?? {});
      if (!parsed.success) return problem(400, 'Bad Request', describe(parsed.error));
      query = parsed.data;
    }
    try {
      const handler = handlers[name] as (request: Request<RouteName>) => Promise<APIGatewayProxyResult>;
      return await handler({ memberId, query: query as Query<RouteName>, event });
    } catch (error) {
      if (error instanceof BadRequest) return problem(400, 'Bad Request', error.message);
      throw error;
    }
  };
};
