import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type * as z from 'zod';
import { BadRequest } from '../domain/errors';
import { type AuthMode, authorize } from './authorize';
import {
  API_ROUTES,
  type ApiRoute,
  MemberIdSchema,
  type RouteName,
  type RoutesOf,
  type RouteTarget,
  TeamIdSchema,
} from './contract';
import { problem } from './http';
import { problemFor } from './problems';

/** A route's query after validation (defaults applied), or undefined for routes without one. */
export type Query<R extends RouteName> = (typeof API_ROUTES)[R] extends { query: z.ZodType }
  ? z.output<(typeof API_ROUTES)[R]['query']>
  : undefined;

/** What a handler gets: path parameters and query validated by the contract, the body parsed as JSON. */
export interface Request<R extends RouteName> {
  memberId: string;
  teamId: string;
  query: Query<R>;
  body: unknown;
  event: APIGatewayProxyEvent;
}

export type RouteHandler<R extends RouteName> = (request: Request<R>) => Promise<APIGatewayProxyResult>;

/** One handler for every route the function `T` serves, and (see `createRouter`) for no other. */
export type RouteTable<T extends RouteTarget> = { [R in RoutesOf<T>]: RouteHandler<R> };

/** A zod failure as a client error: every issue, each naming its parameter: `from: must not be after \`to\`; limit: …`. */
export const badRequest = (error: z.ZodError): BadRequest => {
  const [first, ...others] = error.issues.map((issue) => ({
    name: issue.path.join('.') || 'request',
    message: issue.message,
  }));
  const rest = others.map(({ name, message }) => `; ${name}: ${message}`).join('');
  return new BadRequest(first?.name ?? 'request', `${first?.message ?? 'invalid'}${rest}`);
};

const pathParameter = (
  event: APIGatewayProxyEvent,
  route: ApiRoute,
  name: 'memberId' | 'teamId',
  schema: z.ZodType<string>,
): string => {
  if (!route.path.includes(`{${name}}`)) return '';
  const parsed = schema.safeParse(event.pathParameters?.[name] ?? '');
  if (!parsed.success) throw new BadRequest(name, parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
};

/** The request says its body is CSV (`text/csv`, any parameters). */
const isCsv = (event: APIGatewayProxyEvent): boolean =>
  Object.entries(event.headers ?? {}).some(
    ([name, value]) => name.toLowerCase() === 'content-type' && /^\s*text\/csv\b/i.test(value ?? ''),
  );

const textOf = (event: APIGatewayProxyEvent): string =>
  event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');

const requestOf = (route: ApiRoute, event: APIGatewayProxyEvent, authMode: AuthMode) => {
  const memberId = pathParameter(event, route, 'memberId', MemberIdSchema);
  const teamId = pathParameter(event, route, 'teamId', TeamIdSchema);
  const denied = authorize(authMode, event, route.path.includes('{memberId}') ? memberId : undefined, {
    managersOnly: route.managersOnly ?? false,
    ...(route.path.includes('{teamId}') ? { teamId } : {}),
  });
  if (denied) return denied;
  let query: unknown;
  if (route.query) {
    const parsed = route.query.safeParse(event.queryStringParameters ?? {});
    if (!parsed.success) throw badRequest(parsed.error);
    query = parsed.data;
  }
  let body: unknown;
  if (route.acceptsCsv && isCsv(event)) body = textOf(event);
  else if (route.body) {
    try {
      body = JSON.parse(event.body ?? '');
    } catch {
      throw new BadRequest('body', 'not valid JSON');
    }
  }
  return { memberId, teamId, query, body, event };
};

/**
 * The edge of one function: matches API Gateway's method and resource against the routes of `target`,
 * validates the request by the contract, authorizes it, runs the handler, and turns errors of the
 * vocabulary into problems (`problems.ts`). Anything else rejects: the function logs it and answers 500.
 * `handlers` must cover exactly the routes whose `target` is this function: a missing route, or one that
 * belongs to another function, is a compile error.
 */
export const createRouter = <T extends RouteTarget, H extends RouteTable<T>>(
  _target: T,
  handlers: H & { [K in Exclude<keyof H, RoutesOf<T>>]: never },
  { authMode }: { authMode: AuthMode },
) => {
  const byResource = new Map(
    (Object.keys(handlers) as RoutesOf<T>[]).map((name) => {
      const route: ApiRoute = API_ROUTES[name];
      return [`${route.method} ${route.path}`, { route, handler: handlers[name] as RouteHandler<RouteName> }];
    }),
  );

  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const match = byResource.get(`${event.httpMethod} ${event.resource}`);
    if (!match) return problem(404, 'Not Found', `No route for ${event.httpMethod} ${event.path}`);
    try {
      const request = requestOf(match.route, event, authMode);
      if ('statusCode' in request) return request;
      return await match.handler(request as Request<RouteName>);
    } catch (error) {
      const known = problemFor(error);
      if (known) return known;
      throw error;
    }
  };
};
