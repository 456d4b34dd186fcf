import { Logger } from '@aws-lambda-powertools/logger';
import { openApiDocument } from '../shared/api/openapi';
import { createReportApi } from '../shared/api/report-function';
import { answerUnexpectedErrors } from '../shared/api/unexpected-errors';
import { documentClient } from '../shared/aws/dynamodb';
import { FUNCTIONS } from '../shared/config/functions';
import { loadReportConfig } from '../shared/config/report-config';
import { instrumentHandler } from '../shared/observability/instrument';
import { renderReport } from '../shared/report/render';
import { renderTeamReport } from '../shared/report/team-render';
import { scoresDeps } from '../shared/scores/deps';
import { DynamoDbActivityStore } from '../shared/store/dynamodb/activity-store';
import { DynamoDbTeamSettingsStore } from '../shared/store/dynamodb/team-settings-store';
import { DynamoDbTeamsStore } from '../shared/store/dynamodb/teams-store';

const logger = new Logger({ serviceName: FUNCTIONS.report.serviceName });
const config = loadReportConfig();
const deps = scoresDeps(documentClient, config);
const teams = new DynamoDbTeamsStore(documentClient, config.tableName);
const api = createReportApi(deps, {
  authMode: config.authMode,
  renderReport,
  openApiDocument,
  team: {
    deps: {
      teams,
      scores: deps.scores,
      activity: deps.activity,
      latestIngests: new DynamoDbActivityStore(documentClient, config.tableName),
      settings: new DynamoDbTeamSettingsStore(documentClient, config.tableName),
      leaderboard: { teams, thresholds: config.thresholds },
    },
    render: renderTeamReport,
  },
});

/** The pages (GET /members/{id}/report, GET /openapi.json): the API's routing and validation plus their renderers. */
export const handler = instrumentHandler(
  { logger },
  answerUnexpectedErrors(
    logger,
    { log: 'report failed', detail: 'The report could not be built; try again later.' },
    api,
  ),
);
