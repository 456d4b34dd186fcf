import { listMembers, listTeams, type TeamsDeps } from '../../teams/teams';
import { json } from '../http';
import { pager } from '../paging';
import type { RouteTable } from '../router';

/**
 * The member and team lists for managers (`GET /members`, `GET /teams`). Both are sharded indexes: a page is
 * a few Queries whatever their size, and the position a page ended at is the store's own cursor.
 */
export const registryRoutes = (teams: TeamsDeps): Pick<RouteTable<'api'>, 'listMembers' | 'listTeams'> => {
  const memberPages = pager<never>({
    of: () => '',
    accepts: (position) => teams.teams.isMembersCursor(position),
  });
  const teamPages = pager<never>({
    of: () => '',
    accepts: (position) => teams.teams.isTeamsCursor(position),
  });
  return {
    listMembers: async ({ query }) => {
      const page = await listMembers(teams, query.limit, memberPages.after(query.cursor));
      const nextCursor = memberPages.cursorAt(page.cursor);
      return json(200, { members: page.members, ...(nextCursor ? { nextCursor } : {}) });
    },
    listTeams: async ({ query }) => {
      const page = await listTeams(teams, query.limit, teamPages.after(query.cursor));
      const nextCursor = teamPages.cursorAt(page.cursor);
      return json(200, { teams: page.teams, ...(nextCursor ? { nextCursor } : {}) });
    },
  };
};
