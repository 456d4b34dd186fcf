import type { Locale } from '../i18n/locales';
import type { ReportInput } from '../report/render';
import type { ScoresDeps } from '../scores/member-scores';
import type { TeamReportData, TeamReportDeps } from '../teams/team-report';
import type { AuthMode } from './authorize';
import { json } from './http';
import { createRouter } from './router';
import { planRoutes } from './routes/plan';
import { reportRoutes } from './routes/report';
import { teamReportRoutes } from './routes/team-report';
import { teamTableRoutes } from './routes/team-tables';

export interface ReportApiOptions {
  authMode?: AuthMode;
  /** The report page renderer: only this function bundles it (the API function stays within its budget). */
  renderReport: (input: ReportInput) => string;
  /** The OpenAPI document; injected like the renderer (zod's JSON Schema converter stays out of the API bundle). */
  openApiDocument: () => unknown;
  /** The printable team page: what it reads and its renderer. */
  team: { deps: TeamReportDeps; render: (data: TeamReportData, locale: Locale) => string };
}

/** The report function's routes (contract `target: 'report'`): the HTML report, the plan and the OpenAPI document. */
export const createReportApi = (
  deps: ScoresDeps,
  { authMode = 'iam', renderReport, openApiDocument, team }: ReportApiOptions,
) =>
  createRouter(
    'report',
    {
      ...reportRoutes(deps, renderReport),
      ...teamReportRoutes(team.deps, team.render, deps.now),
      ...planRoutes(deps),
      ...teamTableRoutes(team.deps, deps.now),
      openapi: async () => json(200, openApiDocument()),
    },
    { authMode },
  );
