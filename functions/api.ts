import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createApi } from '../shared/api/handlers';
import { problem } from '../shared/api/http';
import { documentClient } from '../shared/aws/clients';
import { DynamoDbActivityStore } from '../shared/store/dynamodb-store';

const logger = new Logger({ serviceName: 'pillarwatch-api' });
const api = createApi(new DynamoDbActivityStore(documentClient, process.env.TABLE_NAME ?? ''));

/** API Gateway (REST, proxy integration) → read API. Thin: routing and validation live in shared/api. */
export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  try {
    return await api(event);
  } catch (error) {
    // Log the failure, never the request (it may carry member data).
    logger.error('request failed', { route: `${event.httpMethod} ${event.resource}`, error: error as Error });
    return problem(500, 'Internal Server Error', 'The request failed; try again later.');
  }
};
