import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { authModeFromEnv } from '../shared/api/authorize';
import { createApi } from '../shared/api/handlers';
import { problem } from '../shared/api/http';
import { documentClient } from '../shared/aws/dynamodb';
import { snsClient } from '../shared/aws/sns';
import { noPublisher, SnsFindingPublisher } from '../shared/notify/finding-publisher';
import { instrumentHandler } from '../shared/observability/instrument';
import { SERVICE_NAMES } from '../shared/observability/names';
import { scoresDeps } from '../shared/scores/deps';

const logger = new Logger({ serviceName: SERVICE_NAMES.api });
// The API publishes findings a POSTed reading raises, when a topic is configured.
const topicArn = process.env.FINDINGS_TOPIC_ARN;
const api = createApi(
  scoresDeps(
    documentClient,
    process.env.TABLE_NAME ?? '',
    topicArn ? new SnsFindingPublisher(snsClient, topicArn) : noPublisher,
  ),
  { authMode: authModeFromEnv() },
);

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
