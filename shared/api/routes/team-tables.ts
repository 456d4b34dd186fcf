import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CSV_DIALECTS, toCsv } from '../../domain/csv-out';
import { addDays } from '../../domain/days';
import { BadRequest } from '../../domain/errors';
import { negotiateLocale } from '../../i18n/locales';
import { MAX_GOALS_BYTES, parseBusinessGoals } from '../../teams/business-goals';
import type { Metric } from '../../teams/history';
import type { KpiDefinition } from '../../teams/kpi';
import { type CsvTable, competitionTable, kpiTable, tiersTable } from '../../teams/tables-csv';
import { competition, kpi, namedCompetition, type TeamTablesDeps, tiers } from '../../teams/team-tables';
import type { TierThresholds } from '../../teams/tiers';
import {
  CompetitionBodySchema,
  CompetitionNameSchema,
  KpiDefinitionSchema,
  TierThresholdsSchema,
} from '../contract';
import { json } from '../http';
import { badRequest, type RouteTable } from '../router';
import { todayOf } from './member';

/** Days a team table covers when the request names no `from`. */
export const DEFAULT_TABLE_DAYS = 30;

/** `?format=csv`, or `Accept: text/csv` without `?format=json`. */
export const wantsCsv = (event: APIGatewayProxyEvent, format: string | undefined): boolean =>
  format === 'csv' ||
  (format === undefined && /\btext\/csv\b/i.test(event.headers?.accept ?? event.headers?.Accept ?? ''));

const header = (event: APIGatewayProxyEvent, name: string): string | undefined => {
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : (headers[key] ?? undefined);
};

/** A table as a CSV download in the dialect of the request's language (`CSV_DIALECTS`). */
export const csvResponse = (
  event: APIGatewayProxyEvent,
  lang: string | undefined,
  table: CsvTable,
): APIGatewayProxyResult => {
  const locale = negotiateLocale({ lang, acceptLanguage: header(event, 'accept-language') });
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${table.name.replace(/[^A-Za-z0-9._-]/g, '_')}.csv"`,
    },
    body: toCsv(table.header, table.rows, CSV_DIALECTS[locale]),
  };
};

/** JSON, or the same result as a CSV table when asked for one. */
export const tableOrJson = <T>(
  request: { event: APIGatewayProxyEvent; query: { format?: string; lang?: string } },
  result: T,
  table: (result: T) => CsvTable,
): APIGatewayProxyResult =>
  wantsCsv(request.event, request.query.format)
    ? csvResponse(request.event, request.query.lang, table(result))
    : json(200, result);

const periodOf = (query: { from?: string; to?: string }, today: string) => {
  const to = query.to ?? today;
  return { from: query.from ?? addDays(to, -DEFAULT_TABLE_DAYS), to };
};

const competitionName = (event: APIGatewayProxyEvent): string => {
  const parsed = CompetitionNameSchema.safeParse(event.pathParameters?.name ?? '');
  if (!parsed.success) throw new BadRequest('name', parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
};

/** The request body as text: API Gateway may hand a text/csv body over base64-encoded. */
const bodyText = (event: APIGatewayProxyEvent): string =>
  event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');

type TeamTableRoutes =
  | 'competition'
  | 'listCompetitions'
  | 'putCompetition'
  | 'getCompetition'
  | 'deleteCompetition'
  | 'tiers'
  | 'putTiers'
  | 'kpi'
  | 'putKpi'
  | 'putBusinessGoals';

/** Competitions, tiers, the company KPI and the business goals upload (docs/teams.md); managers only. */
export const teamTableRoutes = (
  deps: TeamTablesDeps,
  now: () => Date,
): Pick<RouteTable<'api'>, TeamTableRoutes> => ({
  competition: async (request) => {
    const { from, to } = periodOf(request.query, todayOf(now));
    const result = await competition(deps, request.teamId, {
      from,
      to,
      metric: request.query.metric as Metric,
    });
    return tableOrJson(request, result, competitionTable);
  },

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

  getCompetition: async (request) =>
    tableOrJson(
      request,
      await namedCompetition(deps, request.teamId, competitionName(request.event)),
      competitionTable,
    ),

  deleteCompetition: async ({ teamId, event }) => {
    const name = competitionName(event);
    return json(200, { teamId, name, deleted: await deps.settings.deleteCompetition(teamId, name) });
  },

  tiers: async (request) => {
    const { from, to } = periodOf(request.query, todayOf(now));
    return tableOrJson(request, await tiers(deps, request.teamId, from, to), tiersTable);
  },

  putTiers: async ({ teamId, body }) => {
    const parsed = TierThresholdsSchema.safeParse(body);
    if (!parsed.success) throw badRequest(parsed.error);
    const thresholds: TierThresholds = parsed.data;
    await deps.settings.saveTiers(teamId, thresholds);
    return json(200, { teamId, thresholds });
  },

  kpi: async (request) => {
    const { from, to } = periodOf(request.query, todayOf(now));
    return tableOrJson(request, await kpi(deps, request.teamId, from, to), kpiTable);
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
});
