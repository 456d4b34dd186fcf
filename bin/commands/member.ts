import { readFile } from 'node:fs/promises';
import { parseTeamFile } from '../../shared/teams/team-file';
import { assertReadableFile, memberOf, teamIdOf } from '../cli/args';
import { type Api, ApiError, connectApi, memberPath, REMOTE_FLAGS } from '../cli/client';
import { CliError, type Command } from '../cli/command';
import { printJson } from '../cli/output';

export const member: Command = {
  name: 'member',
  synopsis: 'member --member <id> --name <name> --teams <a,b,...>',
  summary: "set a member's display name and teams",
  usage:
    'member --member <id> --name <display name> --teams <a,b,...> | --file <team.csv> [--api <url>] [--token <jwt>] [--json] [--data-dir <dir>]',
  help: `Sets the member's display name and teams (PUT /members/{id}); both are replaced, so list every team the
member belongs to (--teams "" removes them from all). Prints "Saved." or "Unchanged." and the teams.

  --name <name>     display name shown on leaderboards (1–100 characters)
  --teams <a,b,…>   comma-separated team ids: letters, digits, '.', '_' or '-', at most 20 teams
  --file <csv>      a whole team at once: one row per member, header id,display name,teams,email
                    (teams separated by ';' or '|'; email optional, the id when id is empty). Reports
                    saved, unchanged and rejected rows (line and reason); exits 1 only when no row was usable
  --api, --token    a deployed API, as for upload (default: the local stack)
`,
  flags: {
    member: { type: 'string' },
    name: { type: 'string' },
    teams: { type: 'string' },
    file: { type: 'string' },
    ...REMOTE_FLAGS,
  },
  async run({ flags, output }) {
    if (typeof flags.file === 'string') return loadTeamFile(flags.file, flags, output);
    const id = memberOf(flags);
    if (typeof flags.name !== 'string' || flags.name.trim() === '')
      throw new CliError('--name <display name> is required.', 2);
    if (typeof flags.teams !== 'string') throw new CliError('--teams <a,b,...> is required.', 2);
    const teams = flags.teams
      .split(',')
      .map((team) => team.trim())
      .filter(Boolean)
      .map((team) => teamIdOf(team, '--teams'));
    const stack = await connectApi(flags, id);
    const body = (await stack.getJson(memberPath(id), { displayName: flags.name, teams }, 'PUT')) as {
      memberId: string;
      displayName: string;
      teams: string[];
      changed: boolean;
    };
    if (flags.json) {
      printJson(output, body);
      return 0;
    }
    const list = body.teams.length > 0 ? body.teams.join(', ') : '(none)';
    output.stdout(
      `${body.changed ? 'Saved.' : 'Unchanged.'} ${body.memberId} (${body.displayName}), teams: ${list}\n`,
    );
    return 0;
  },
};

type Outcome =
  | { line: number; memberId: string; result: 'saved' | 'unchanged' }
  | { line: number; reason: string };

/** `member --file team.csv`: every usable row becomes `PUT /members/{id}` (idempotent: a re-run changes nothing). */
async function loadTeamFile(
  path: string,
  flags: Parameters<Command['run']>[0]['flags'],
  output: Parameters<Command['run']>[0]['output'],
): Promise<number> {
  await assertReadableFile(path);
  const file = parseTeamFile(await readFile(path, 'utf8'));
  const api: Api | undefined = file.rows.length > 0 ? await connectApi(flags) : undefined;
  const outcomes: Outcome[] = file.rejected.map(({ line, reason }) => ({ line, reason }));
  for (const row of file.rows) {
    try {
      const body = (await api?.getJson(
        memberPath(row.memberId),
        { displayName: row.displayName, teams: row.teams },
        'PUT',
      )) as { changed: boolean };
      outcomes.push({ line: row.line, memberId: row.memberId, result: body.changed ? 'saved' : 'unchanged' });
      output.stderr(`  line ${row.line}: ${row.memberId} ${body.changed ? 'saved' : 'unchanged'}\n`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      outcomes.push({ line: row.line, reason: error.message });
    }
  }
  outcomes.sort((a, b) => a.line - b.line);
  const saved = outcomes.filter((o) => 'result' in o && o.result === 'saved').length;
  const unchanged = outcomes.filter((o) => 'result' in o && o.result === 'unchanged').length;
  const rejected = outcomes.filter((o): o is { line: number; reason: string } => 'reason' in o);
  if (flags.json)
    printJson(output, { saved, unchanged, rejected, members: file.rows.map(({ line: _l, ...row }) => row) });
  else {
    output.stdout(`${saved} saved, ${unchanged} unchanged, ${rejected.length} rejected.\n`);
    for (const { line, reason } of rejected) output.stdout(`  line ${line}: ${reason}\n`);
  }
  return saved + unchanged > 0 ? 0 : 1;
}
