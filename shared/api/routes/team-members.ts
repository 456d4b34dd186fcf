import { BadRequest } from '../../domain/errors';
import { parseTeamFile, type TeamFile, TeamFileBuilder } from '../../teams/team-file';
import { setTeamMembers, type TeamsDeps } from '../../teams/teams';
import { MAX_TEAM_LIST_BYTES, MAX_TEAM_LIST_MEMBERS, TeamListSchema } from '../contract';
import { json } from '../http';
import { badRequest, type RouteTable } from '../router';

/**
 * `PUT /teams/{teamId}/members`: the team becomes exactly the list (docs/teams.md). A JSON list or a CSV
 * team file; both go through the team file's row checks, so they accept and refuse the same members.
 */
export const teamMemberRoutes = (teams: TeamsDeps): Pick<RouteTable<'api'>, 'setTeamMembers'> => ({
  setTeamMembers: async ({ teamId, body, event }) => {
    const bytes = Buffer.byteLength(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (bytes > MAX_TEAM_LIST_BYTES)
      throw new BadRequest('body', `must be at most ${MAX_TEAM_LIST_BYTES / 1024} KiB (${bytes} bytes sent)`);
    const list = typeof body === 'string' ? fromCsv(body) : fromJson(body);
    const outcome = await setTeamMembers(
      teams,
      teamId,
      list.rows.map(({ line, memberId, displayName }) => ({ line, memberId, displayName })),
      list.rejected,
    );
    return json(200, outcome);
  },
});

const fromCsv = (text: string): TeamFile => {
  const file = parseTeamFile(text);
  if (file.rows.length === 0 && file.rejected.length === 0)
    throw new BadRequest(
      'body',
      'the CSV lists no member: expected a header id,display name,email and one row per member',
    );
  if (file.rows.length + file.rejected.length > MAX_TEAM_LIST_MEMBERS)
    throw new BadRequest('body', `at most ${MAX_TEAM_LIST_MEMBERS} members per request`);
  return file;
};

const fromJson = (body: unknown): TeamFile => {
  const parsed = TeamListSchema.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error);
  const list = new TeamFileBuilder();
  // Positions count from 1, like the lines of a file.
  for (const [index, item] of parsed.data.entries()) list.add(index + 1, item);
  return list;
};
