import type { RouteTarget } from '../api/contract';

/**
 * Every Lambda function, declared once: its entry file (exporting `handler`) and its Powertools service
 * name. The CDK constructs build each function from its entry here, the local stack imports the same
 * entries, and `shared/observability/names.ts` derives the service names the alarms match. Plain data
 * (no CDK, no SDK), so the local stack and scripts import it cheaply.
 */
export const FUNCTIONS = {
  /** SQS (S3 upload notifications) → ingest of an export or a readings CSV, then scoring. */
  ingest: { entry: 'functions/ingest.ts', serviceName: 'pillarwatch-ingest' },
  /** API Gateway: the JSON routes. */
  api: { entry: 'functions/api.ts', serviceName: 'pillarwatch-api' },
  /** API Gateway: DELETE /members/{memberId}. */
  erase: { entry: 'functions/erase.ts', serviceName: 'pillarwatch-erase' },
  /** API Gateway: the HTML report and the OpenAPI document. */
  report: { entry: 'functions/report.ts', serviceName: 'pillarwatch-report' },
  /** API Gateway: POST /members/{memberId}/uploads (presigned PUT URLs; may write uploads, nothing else). */
  uploads: { entry: 'functions/uploads.ts', serviceName: 'pillarwatch-uploads' },
  /** API Gateway TOKEN authorizer (Cognito mode): verifies the caller's Cognito token with aws-jwt-verify. */
  authorizer: { entry: 'functions/authorizer.ts', serviceName: 'pillarwatch-authorizer' },
  /** EventBridge, daily: the sweep's coordinator (RECALCULATION, the prior, member batches onto the queue). */
  sweep: { entry: 'functions/sweep.ts', serviceName: 'pillarwatch-sweep' },
  /** SQS (the sweep's batch queue): STALE, DIVERGENT and publication for one batch of members. */
  sweepWorker: { entry: 'functions/sweep-worker.ts', serviceName: 'pillarwatch-sweep-worker' },
} as const satisfies Record<string, { entry: string; serviceName: string }>;

export type FunctionName = keyof typeof FUNCTIONS;

/**
 * The function behind each route target of the API contract (`shared/api/contract.ts` gives every route a
 * target). Both API Gateway's integrations and the local HTTP router are built from this map; a new target
 * in the contract is a compile error here until it names its function.
 */
export const ROUTE_FUNCTIONS: Readonly<Record<RouteTarget, FunctionName>> = {
  api: 'api',
  erase: 'erase',
  report: 'report',
  uploads: 'uploads',
};
