import { Logger } from '@aws-lambda-powertools/logger';
import { createApi } from '../shared/api/api-function';
import { answerUnexpectedErrors } from '../shared/api/unexpected-errors';
import { documentClient } from '../shared/aws/dynamodb';
import { loadApiConfig } from '../shared/config/api-config';
import { FUNCTIONS } from '../shared/config/functions';
import { noPublisher } from '../shared/notify/finding-publisher';
import { instrumentHandler } from '../shared/observability/instrument';
import { scoresDeps } from '../shared/scores/deps';
import { DynamoDbTeamSettingsStore } from '../shared/store/dynamodb/team-settings-store';
import { DynamoDbTeamsStore } from '../shared/store/dynamodb/teams-store';

const logger = new Logger({ serviceName: FUNCTIONS.api.serviceName });
const config = loadApiConfig();
// Findings a POSTed reading raises are stored unpublished; the daily sweep publishes them. The SNS client
// adds ~22 KB of cold start to every API call for a notification that can wait a day.
const api = createApi(scoresDeps(documentClient, config, noPublisher), {
  authMode: config.authMode,
  teams: { teams: new DynamoDbTeamsStore(documentClient, config.tableName), thresholds: config.thresholds },
  teamSettings: new DynamoDbTeamSettingsStore(documentClient, config.tableName),
});

/** API Gateway (REST, proxy integration) → the JSON routes. Thin: routing and validation live in shared/api. */
export const handler = instrumentHandler(
  { logger },
  answerUnexpectedErrors(
    logger,
    { log: 'request failed', detail: 'The request failed; try again later.' },
    api,
  ),
);
