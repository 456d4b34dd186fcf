/**
 * The API's routes, defined once: the CDK stack creates API Gateway resources from this list and the local
 * HTTP adapter matches requests against it. Both deliver to the same handler (`functions/api.ts`).
 */
export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway resource path with `{param}` placeholders. */
  path: string;
  summary: string;
}

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'GET', path: '/members/{memberId}/activity', summary: 'Per-day activity counts' },
  { method: 'GET', path: '/members/{memberId}/ingests', summary: 'Ingest manifests, newest first' },
];
