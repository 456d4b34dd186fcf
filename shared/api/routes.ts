import { API_ROUTES, type ApiRoute } from './contract';

/**
 * The API's routes, defined once (in `contract.ts`): the CDK stack creates API Gateway resources from this
 * list and the local HTTP adapter matches requests against it. Both deliver to the same handler.
 */
export type RouteDefinition = Pick<ApiRoute, 'method' | 'path' | 'summary'>;

export const ROUTES: readonly RouteDefinition[] = Object.values(API_ROUTES).map(
  ({ method, path, summary }) => ({
    method,
    path,
    summary,
  }),
);
