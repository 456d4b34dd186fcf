import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { authModeFromEnv } from '../shared/api/authorize';
import { problem } from '../shared/api/http';
import { openApiDocument } from '../shared/api/openapi';
import { createReportApi } from '../shared/api/report-function';
import { documentClient } from '../shared/aws/dynamodb';
import { instrumentHandler } from '../shared/observability/instrument';
import { SERVICE_NAMES } from '../shared/observability/names';
import { renderReport } from '../shared/report/render';
import { scoresDeps } from '../shared/scores/deps';

const logger = new Logger({ serviceName: SERVICE_NAMES.report });
const api = createReportApi(scoresDeps(documentClient, process.env.TABLE_NAME ?? ''), {
  authMode: authModeFromEnv(),
  renderReport,
  openApiDocument,
});

/** The pages (GET /members/{id}/report, GET /openapi.json): the API's routing and validation plus their renderers. */
const serve = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  try {
    return await api(event);
  } catch (error) {
    logger.error('report failed', { route: `${event.httpMethod} ${event.resource}`, error: error as Error });
    return problem(500, 'Internal Server Error', 'The report could not be built; try again later.');
  }
};

export const handler = instrumentHandler({ logger }, serve);
