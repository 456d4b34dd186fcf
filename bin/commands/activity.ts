import { type DayCounts, formatDayCounts } from '../../local/format';
import { DAY_RANGE_FLAGS, dayQuery, memberOf } from '../cli/args';
import { allDays, connect, memberPath } from '../cli/client';
import type { Command } from '../cli/command';
import { printJson } from '../cli/output';

export const activity: Command = {
  name: 'activity',
  synopsis: 'activity --member <id>',
  summary: 'per-day activity counts from the local API',
  usage: 'activity --member <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--data-dir <dir>]',
  help: `Per-day activity counts for a member, from the local API.
`,
  flags: { member: { type: 'string' }, ...DAY_RANGE_FLAGS },
  async run({ flags, output }) {
    const member = memberOf(flags);
    const query = dayQuery(flags);
    const stack = await connect(flags, member);
    const label = query.size > 0 ? ` (${query.get('from') ?? '…'} to ${query.get('to') ?? '…'})` : '';
    const days = await allDays<DayCounts>(stack, memberPath(member, '/activity'), query);
    if (flags.json) {
      printJson(output, { memberId: member, days });
      return 0;
    }
    output.stdout(`Activity of ${member}${label}:\n`);
    output.stdout(`${formatDayCounts(days).join('\n')}\n`);
    return 0;
  },
};
