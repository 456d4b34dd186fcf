import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { CSV_DIALECTS, toCsv } from '../../domain/csv-out';
import { addDays } from '../../domain/days';
import { negotiateLocale } from '../../i18n/locales';
import type { Metric } from '../../teams/history';
import { type CsvTable, competitionTable, kpiTable, tiersTable } from '../../teams/tables-csv';
import { competition, kpi, namedCompetition, type TeamTablesDeps, tiers } from '../../teams/team-tables';
import { json } from '../http';
import type { RouteTable } from '../router';
import { todayOf } from './member';
import { competitionName } from './team-settings';

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

/**
 * The team tables (competitions, tiers, the company KPI; docs/teams.md), read only: the report function
 * serves them with the team page (they read every member's series, and keep the API function in its budget).
 */
export const teamTableRoutes = (
  deps: TeamTablesDeps,
  now: () => Date,
): Pick<RouteTable<'report'>, 'competition' | 'getCompetition' | 'tiers' | 'kpi'> => ({
  competition: async (request) => {
    const { from, to } = periodOf(request.query, todayOf(now));
    const result = await competition(deps, request.teamId, {
      from,
      to,
      metric: request.query.metric as Metric,
    });
    return tableOrJson(request, result, competitionTable);
  },

  getCompetition: async (request) =>
    tableOrJson(
      request,
      await namedCompetition(deps, request.teamId, competitionName(request.event)),
      competitionTable,
    ),

  tiers: async (request) => {
    const { from, to } = periodOf(request.query, todayOf(now));
    return tableOrJson(request, await tiers(deps, request.teamId, from, to), tiersTable);
  },

  kpi: async (request) => {
    const { from, to } = periodOf(request.query, todayOf(now));
    return tableOrJson(request, await kpi(deps, request.teamId, from, to), kpiTable);
  },
});
