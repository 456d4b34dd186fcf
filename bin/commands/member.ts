import { memberOf, teamIdOf } from '../cli/args';
import { connect, memberPath } from '../cli/client';
import { CliError, type Command } from '../cli/command';
import { printJson } from '../cli/output';

export const member: Command = {
  name: 'member',
  synopsis: 'member --member <id> --name <name> --teams <a,b,...>',
  summary: "set a member's display name and teams",
  usage: 'member --member <id> --name <display name> --teams <a,b,...> [--json] [--data-dir <dir>]',
  help: `Sets the member's display name and teams (PUT /members/{id}); both are replaced, so list every team the
member belongs to (--teams "" removes them from all). Prints "Saved." or "Unchanged." and the teams.

  --name <name>     display name shown on leaderboards (1–100 characters)
  --teams <a,b,…>   comma-separated team ids: letters, digits, '.', '_' or '-', at most 20 teams
`,
  flags: { member: { type: 'string' }, name: { type: 'string' }, teams: { type: 'string' } },
  async run({ flags, output }) {
    const id = memberOf(flags);
    if (typeof flags.name !== 'string' || flags.name.trim() === '')
      throw new CliError('--name <display name> is required.', 2);
    if (typeof flags.teams !== 'string') throw new CliError('--teams <a,b,...> is required.', 2);
    const teams = flags.teams
      .split(',')
      .map((team) => team.trim())
      .filter(Boolean)
      .map((team) => teamIdOf(team, '--teams'));
    const stack = await connect(flags, id);
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
