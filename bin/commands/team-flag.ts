import { dayQuery, teamIdOf } from '../cli/args';
import { connectApi } from '../cli/client';
import { CliError, type Command, type Flags } from '../cli/command';
import { printJson } from '../cli/output';

/** `--team <id>`, required and checked: the team tables' one shared flag. */
export const teamFlag = (flags: Flags): string => {
  if (typeof flags.team !== 'string') throw new CliError('--team <id> is required.', 2);
  return teamIdOf(flags.team, '--team');
};

/**
 * The `run` of a team table command (`tiers`, `kpi`): GET `/teams/{id}/<table>` for the `--from`/`--to`
 * period, then one JSON document with `--json`, else the table `format` writes.
 */
export const teamTableRun =
  <T>(table: string, format: (answer: T) => string[]): Command['run'] =>
  async ({ flags, output }) => {
    const query = dayQuery(flags);
    const path = `/teams/${encodeURIComponent(teamFlag(flags))}/${table}${query.size > 0 ? `?${query}` : ''}`;
    const answer = (await (await connectApi(flags)).getJson(path)) as T;
    if (flags.json) printJson(output, answer);
    else output.stdout(`${format(answer).join('\n')}\n`);
    return 0;
  };
