import type { ScoresDeps } from '../scores/member-scores';
import type { TeamSettingsStore } from '../store/team-settings-store';
import type { TeamsDeps } from '../teams/teams';
import type { AuthMode } from './authorize';
import { createRouter } from './router';
import { activityRoutes } from './routes/activity';
import { estimateRoutes } from './routes/estimates';
import { findingRoutes } from './routes/findings';
import { registryRoutes } from './routes/registry';
import { scoreRoutes } from './routes/scores';
import { teamMemberRoutes } from './routes/team-members';
import { teamSettingsRoutes } from './routes/team-settings';
import { teamRoutes } from './routes/teams';

export interface ApiOptions {
  authMode?: AuthMode;
  /** Team membership and leaderboards. */
  teams: TeamsDeps;
  /** Competitions, tier thresholds, the KPI and business goals a team's manager sets. */
  teamSettings: TeamSettingsStore;
}

/** The API function's routes (every route whose contract `target` is `api`), behind one router. */
export const createApi = (deps: ScoresDeps, { authMode = 'iam', teams, teamSettings }: ApiOptions) =>
  createRouter(
    'api',
    {
      ...activityRoutes(deps),
      ...estimateRoutes(deps),
      ...scoreRoutes(deps),
      ...findingRoutes(deps),
      ...teamRoutes(teams, deps.now),
      ...teamSettingsRoutes(teamSettings, deps.now),
      ...registryRoutes(teams),
      ...teamMemberRoutes(teams),
    },
    { authMode },
  );
