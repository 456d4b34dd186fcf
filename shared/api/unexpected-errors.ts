import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { problem } from './http';

type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/**
 * The edge of an API function: an error nothing else answered becomes a 500 problem with `detail`, and one
 * log line naming the route and the error, never the request (it may carry member data).
 */
export const answerUnexpectedErrors =
  (logger: Pick<Logger, 'error'>, failure: { log: string; detail: string }, serve: ApiHandler): ApiHandler =>
  async (event) => {
    try {
      return await serve(event);
    } catch (error) {
      logger.error(failure.log, { route: `${event.httpMethod} ${event.resource}`, error: error as Error });
      return problem(500, 'Internal Server Error', failure.detail);
    }
  };
