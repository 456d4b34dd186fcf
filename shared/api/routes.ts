import { API_ROUTES, type ApiRoute, type RouteTarget } from './contract';

/**
 * The API's routes, defined once (in `contract.ts`): the CDK stack creates API Gateway resources from this
 * list and the local HTTP adapter matches requests against it; both deliver each route to its target function.
 */
export type RouteDefinition = Pick<ApiRoute, 'method' | 'path' | 'summary'> & { target: RouteTarget };

export const ROUTES: readonly RouteDefinition[] = Object.values(API_ROUTES as Record<string, ApiRoute>).map(
  ({ method, path, summary, target }) => ({ method, path, summary, target: target ?? 'api' }),
);

/** The function behind a request (API Gateway's method and resource template). */
export const targetOf = (method: string, resource: string): RouteTarget =>
  ROUTES.find((route) => route.method === method && route.path === resource)?.target ?? 'api';
