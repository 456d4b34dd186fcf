import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createApi } from '../shared/api/api-function';
import { authModeFromEnv } from '../shared/api/authorize';
import { problem } from '../shared/api/http';
import { documentClient } from '../shared/aws/dynamodb';
import { noPublisher } from '../shared/notify/finding-publisher';
import { instrumentHandler } from '../shared/observability/instrument';
import { SERVICE_NAMES } from '../shared/observability/names';
import { scoresDeps, thresholdsFromEnv } from '../shared/scores/deps';
import { DynamoDbTeamsStore } from '../shared/store/teams-store';

const logger = new Logger({ serviceName: SERVICE_NAMES.api });
const tableName = process.env.TABLE_NAME ?? '';
// Findings a POSTed reading raises are stored unpublished; the daily sweep publishes them. The SNS client
// would push this bundle past its 400 KB budget for a notification that can wait a day.
const api = createApi(scoresDeps(documentClient, tableName, noPublisher), {
  authMode: authModeFromEnv(),
  teams: { teams: new DynamoDbTeamsStore(documentClient, tableName), thresholds: thresholdsFromEnv() },
});

/** API Gateway (REST, proxy integration) → read API. Thin: routing and validation live in shared/api. */
const serve = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  try {
    return await api(event);
  } catch (error) {
    // Log the failure, never the request (it may carry member data).
    logger.error('request failed', { route: `${event.httpMethod} ${event.resource}`, error: error as Error });
    return problem(500, 'Internal Server Error', 'The request failed; try again later.');
  }
};

export const handler = instrumentHandler({ logger }, serve);
