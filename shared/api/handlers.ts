import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { z } from 'zod';
import { isMemberId } from '../domain/member';
import type { ActivityStore } from '../store/activity-store';
import { toApiDays } from './activity';
import { json, problem } from './http';

const isRealDay = (value: string) => {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
};
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isRealDay, 'is not a real calendar date');

const activityQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });

const ingestsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).optional() });

type Handler = (memberId: string, event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`).join('; ');

/** Route handlers by API Gateway resource template (the paths in `routes.ts`). */
export const createApi = (store: ActivityStore) => {
  const requireMember = async (memberId: string): Promise<APIGatewayProxyResult | undefined> =>
    (await store.memberExists(memberId))
      ? undefined
      : problem(
          404,
          'Not Found',
          `No data for member '${memberId}'. Upload an export under exports/${memberId}/ first.`,
        );

  const routes: Record<string, Handler> = {
    'GET /members/{memberId}/activity': async (memberId, event) => {
      const query = activityQuery.safeParse(event.queryStringParameters ?? {});
      if (!query.success) return problem(400, 'Bad Request', describe(query.error));
      const missing = await requireMember(memberId);
      if (missing) return missing;
      const days = await store.readDays(
        memberId,
        query.data.from ?? '0000-01-01',
        query.data.to ?? '9999-12-31',
      );
      return json(200, { memberId, days: toApiDays(days) });
    },
    'GET /members/{memberId}/ingests': async (memberId, event) => {
      const query = ingestsQuery.safeParse(event.queryStringParameters ?? {});
      if (!query.success) return problem(400, 'Bad Request', describe(query.error));
      const missing = await requireMember(memberId);
      if (missing) return missing;
      return json(200, { memberId, ingests: await store.listManifests(memberId, query.data.limit ?? 50) });
    },
  };

  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const route = routes[`${event.httpMethod} ${event.resource}`];
    if (!route) return problem(404, 'Not Found', `No route for ${event.httpMethod} ${event.path}`);
    const memberId = event.pathParameters?.memberId ?? '';
    if (!isMemberId(memberId)) {
      return problem(
        400,
        'Bad Request',
        'memberId must be 1–64 characters of letters, digits, ".", "_" or "-"',
      );
    }
    return route(memberId, event);
  };
};
