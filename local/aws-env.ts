import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { RouteTarget } from '../shared/api/contract';
import { targetOf } from '../shared/api/routes';

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
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: endpoints.s3Endpoint,
    // s3rver does not understand the SDK's default streaming checksums (aws-chunked trailers).
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    PILLARWATCH_S3_PATH_STYLE: '1',
    // The SDK's "Node 22 needed from 2027" notice is about Lambda's runtime, not the local Node 20.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Locally there is no API Gateway authoriser in front: auth is off (the start-up banner says so).
    PILLARWATCH_AUTH_MODE: 'off',
    TABLE_NAME: endpoints.tableName,
    BUCKET_NAME: endpoints.bucketName,
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
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, localAwsEnv(endpoints));
}

export type IngestHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;
export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/**
 * Sets the environment, then imports the Lambda entry points. The import is dynamic on purpose: the SDK
 * clients are created at module scope and read the endpoints from the environment when they are.
 */
export async function loadHandlersWithLocalEnv(
  endpoints: LocalEndpoints,
): Promise<{ ingest: IngestHandler; api: ApiHandler }> {
  applyLocalAwsEnv(endpoints);
  const [ingestModule, apiModule, eraseModule, reportModule] = await Promise.all([
    import('../functions/ingest'),
    import('../functions/api'),
    import('../functions/erase'),
    import('../functions/report'),
  ]);
  const byTarget: Record<RouteTarget, ApiHandler> = {
    api: (event) => apiModule.handler(event),
    erase: (event) => eraseModule.handler(event),
    report: (event) => reportModule.handler(event),
  };
  // One local HTTP server, each route to its own function, as API Gateway does.
  const api: ApiHandler = (event) => byTarget[targetOf(event.httpMethod, event.resource)](event);
  return { ingest: ingestModule.handler, api };
}
