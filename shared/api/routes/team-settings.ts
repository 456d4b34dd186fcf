import type { APIGatewayProxyEvent } from 'aws-lambda';
import { BadRequest } from '../../domain/errors';
import type { KpiDefinition, TierThresholds } from '../../domain/team-settings';
import type { TeamSettingsStore } from '../../store/team-settings-store';
import { MAX_GOALS_BYTES, parseBusinessGoals } from '../../teams/business-goals';
import {
  CompetitionBodySchema,
  CompetitionNameSchema,
  KpiDefinitionSchema,
  TierThresholdsSchema,
} from '../contract';
import { json } from '../http';
import { badRequest, type RouteTable } from '../router';

export const competitionName = (event: APIGatewayProxyEvent): string => {
  const parsed = CompetitionNameSchema.safeParse(event.pathParameters?.name ?? '');
  if (!parsed.success) throw new BadRequest('name', parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
};

/** The request body as text: API Gateway may hand a text/csv body over base64-encoded. */
const bodyText = (event: APIGatewayProxyEvent): string =>
  event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');

/** What a team's manager sets: named competitions, tier thresholds, the KPI and the business goals upload. */
export const teamSettingsRoutes = (
  settings: TeamSettingsStore,
  now: () => Date,
): Pick<
  RouteTable<'api'>,
  'listCompetitions' | 'putCompetition' | 'deleteCompetition' | 'putTiers' | 'putKpi' | 'putBusinessGoals'
> => {
  const deps = { settings };
  return {
    listCompetitions: async ({ teamId }) =>
      json(200, { teamId, competitions: await deps.settings.listCompetitions(teamId) }),

    putCompetition: async ({ teamId, event, body }) => {
      const name = competitionName(event);
      const parsed = CompetitionBodySchema.safeParse(body);
      if (!parsed.success) throw badRequest(parsed.error);
      const definition = { name, ...parsed.data, updatedAt: now().toISOString() };
      await deps.settings.saveCompetition(teamId, definition);
      return json(200, { teamId, ...definition });
    },

    deleteCompetition: async ({ teamId, event }) => {
      const name = competitionName(event);
      return json(200, { teamId, name, deleted: await deps.settings.deleteCompetition(teamId, name) });
    },

    putTiers: async ({ teamId, body }) => {
      const parsed = TierThresholdsSchema.safeParse(body);
      if (!parsed.success) throw badRequest(parsed.error);
      const thresholds: TierThresholds = parsed.data;
      await deps.settings.saveTiers(teamId, thresholds);
      return json(200, { teamId, thresholds });
    },

    putKpi: async ({ teamId, body }) => {
      const parsed = KpiDefinitionSchema.safeParse(body);
      if (!parsed.success) throw badRequest(parsed.error);
      const definition: KpiDefinition = parsed.data;
      await deps.settings.saveKpi(teamId, definition);
      return json(200, { teamId, definition });
    },

    putBusinessGoals: async ({ teamId, event }) => {
      const text = bodyText(event);
      if (text.trim() === '') throw new BadRequest('body', 'empty: send the CSV as the body (text/csv)');
      if (Buffer.byteLength(text, 'utf8') > MAX_GOALS_BYTES) {
        throw new BadRequest('body', `at most ${MAX_GOALS_BYTES} bytes: upload the weeks in several files`);
      }
      const file = parseBusinessGoals(text);
      const saved = file.rows.length > 0 ? await deps.settings.saveBusinessGoals(teamId, file.rows) : 0;
      return json(file.rows.length === 0 ? 400 : 200, {
        teamId,
        saved,
        columns: file.columns,
        rejected: file.rejected,
      });
    },
  };
};
