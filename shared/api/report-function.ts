import type { ReportInput } from '../report/render';
import type { ScoresDeps } from '../scores/member-scores';
import type { AuthMode } from './authorize';
import { json } from './http';
import { createRouter } from './router';
import { planRoutes } from './routes/plan';
import { reportRoutes } from './routes/report';

export interface ReportApiOptions {
  authMode?: AuthMode;
  /** The report page renderer: only this function bundles it (the API function stays within its budget). */
  renderReport: (input: ReportInput) => string;
  /** The OpenAPI document; injected like the renderer (zod's JSON Schema converter stays out of the API bundle). */
  openApiDocument: () => unknown;
}

/** The report function's routes (contract `target: 'report'`): the HTML report, the plan and the OpenAPI document. */
export const createReportApi = (
  deps: ScoresDeps,
  { authMode = 'iam', renderReport, openApiDocument }: ReportApiOptions,
) =>
  createRouter(
    'report',
    {
      ...reportRoutes(deps, renderReport),
      ...planRoutes(deps),
      openapi: async () => json(200, openApiDocument()),
    },
    { authMode },
  );
