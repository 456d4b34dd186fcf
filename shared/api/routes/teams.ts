import { leaderboardTable } from '../../teams/tables-csv';
import { leaderboard, putMember, type TeamsDeps } from '../../teams/teams';
import { PutMemberBodySchema } from '../contract';
import { json } from '../http';
import { badRequest, type RouteTable } from '../router';
import { todayOf } from './member';
import { tableOrJson } from './team-tables';

/** Team membership (a member's profile) and the team leaderboard; managers only (see the contract). */
export const teamRoutes = (
  teams: TeamsDeps,
  now: () => Date,
): Pick<RouteTable<'api'>, 'putMember' | 'leaderboard'> => ({
  putMember: async ({ memberId, body }) => {
    const parsed = PutMemberBodySchema.safeParse(body);
    if (!parsed.success) throw badRequest(parsed.error);
    const { profile, changed } = await putMember(teams, memberId, parsed.data);
    return json(200, { ...profile, changed });
  },

  leaderboard: async (request) =>
    tableOrJson(
      request,
      await leaderboard(teams, request.teamId, request.query.date ?? todayOf(now)),
      leaderboardTable,
    ),
});
