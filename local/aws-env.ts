import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { RouteTarget } from '../shared/api/contract';
import { targetOf } from '../shared/api/routes';
import { ENV } from '../shared/config/env';
import { FUNCTIONS, type FunctionName, ROUTE_FUNCTIONS } from '../shared/config/functions';
import {
  type CoordinatorHandlerResult,
  type SweepResult,
  sweepInProcess,
  type WorkerHandlerResult,
} from './daily-sweep';

export const LOCAL_REGION = 'us-east-1';
/** s3rver only accepts its built-in key pair; DynamoDB Local (sharedDb) accepts any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalEndpoints {
  dynamoEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  bucketName: string;
}

/** The environment the Lambda code reads in AWS, pointed at the local endpoints. */
export function localAwsEnv(endpoints: LocalEndpoints): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    [ENV.accessKeyId]: LOCAL_CREDENTIALS.accessKeyId,
    [ENV.secretAccessKey]: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: endpoints.s3Endpoint,
    // s3rver does not understand the SDK's default streaming checksums (aws-chunked trailers).
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    [ENV.s3PathStyle]: '1',
    // The SDK's "Node 22 needed from 2027" notice is about Lambda's runtime, not the local Node 20.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Locally there is no API Gateway authoriser in front: auth is off (the start-up banner says so).
    [ENV.authMode]: 'off',
    [ENV.tableName]: endpoints.tableName,
    [ENV.bucketName]: endpoints.bucketName,
    // The local stack prints each manifest itself; the handlers' JSON lines only for problems
    // (`POWERTOOLS_LOG_LEVEL=INFO npm start` to see them all).
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // Metrics go to CloudWatch in AWS; locally their EMF lines would only clutter the terminal.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  };
}

/** Sets the local environment on this process. Must run before `shared/aws/*` is first imported. */
export function applyLocalAwsEnv(endpoints: LocalEndpoints): void {
  // A session token or profile from the developer's shell would be sent to the local servers otherwise.
  delete process.env[ENV.sessionToken];
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, localAwsEnv(endpoints));
}

export type IngestHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;
export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
/** The whole sweep: functions/sweep.ts (the coordinator) and functions/sweep-worker.ts, run in-process. */
export type SweepHandler = (event: unknown) => Promise<SweepResult>;
type CoordinatorHandler = (event: unknown) => Promise<CoordinatorHandlerResult>;
type WorkerHandler = (event: SQSEvent) => Promise<WorkerHandlerResult>;

/**
 * Imports a function's entry file (`shared/config/functions.ts`), as Lambda loads its bundle. The specifier is
 * a computed URL so that a bundler (the CLI's, bin/cli-bundle.mjs) does not expand it to every file of the repo.
 */
const importHandler = async <THandler>(name: FunctionName): Promise<THandler> => {
  const entry = new URL(`../${FUNCTIONS[name].entry}`, import.meta.url).href;
  return ((await import(entry)) as { handler: THandler }).handler;
};

/**
 * Sets the environment, then imports the Lambda entry points. The import is dynamic on purpose: the SDK
 * clients are created at module scope and read the endpoints from the environment when they are.
 */
export async function loadHandlersWithLocalEnv(
  endpoints: LocalEndpoints,
): Promise<{ ingest: IngestHandler; api: ApiHandler; sweep: SweepHandler }> {
  applyLocalAwsEnv(endpoints);
  const routeTargets = Object.entries(ROUTE_FUNCTIONS) as [RouteTarget, FunctionName][];
  const [ingest, coordinator, worker, ...routeHandlers] = await Promise.all([
    importHandler<IngestHandler>('ingest'),
    importHandler<CoordinatorHandler>('sweep'),
    importHandler<WorkerHandler>('sweepWorker'),
    ...routeTargets.map(([, name]) => importHandler<ApiHandler>(name)),
  ]);
  const byTarget = new Map(
    routeTargets.map(([target], index) => [target, routeHandlers[index] as ApiHandler]),
  );
  // One local HTTP server, each route to its own function, as API Gateway does.
  const api: ApiHandler = (event) => {
    const serve = byTarget.get(targetOf(event.httpMethod, event.resource));
    if (!serve) throw new Error(`no local function serves ${event.httpMethod} ${event.resource}`);
    return serve(event);
  };
  return { ingest, api, sweep: sweepInProcess(coordinator as CoordinatorHandler, worker as WorkerHandler) };
}

/** The sweep function alone, for `pillarwatch sweep` against a running stack's DynamoDB Local. */
export async function loadSweepWithLocalEnv(endpoints: LocalEndpoints): Promise<SweepHandler> {
  applyLocalAwsEnv(endpoints);
  // A literal specifier, unlike importHandler's: the CLI's bundle runs on plain Node, which cannot import a
  // .ts entry at run time, so the bundler must carry the sweep function along (as a chunk loaded only here).
  const [coordinator, worker] = await Promise.all([
    import('../functions/sweep'),
    import('../functions/sweep-worker'),
  ]);
  return sweepInProcess(
    coordinator.handler as unknown as CoordinatorHandler,
    worker.handler as unknown as WorkerHandler,
  );
}

/**
 * The SDK clients and score stores the Lambda code uses, as the local stack's own steps (the start-up
 * reconcile) need them. Call after the environment is set (`loadHandlersWithLocalEnv`).
 */
export async function loadLocalServices() {
  const [{ documentClient }, { s3Client }, { scoresDeps }, { loadScoresConfig }] = await Promise.all([
    import('../shared/aws/dynamodb'),
    import('../shared/aws/s3'),
    import('../shared/scores/deps'),
    import('../shared/config/scores-config'),
  ]);
  return { documentClient, s3Client, scores: scoresDeps(documentClient, loadScoresConfig(process.env)) };
}
