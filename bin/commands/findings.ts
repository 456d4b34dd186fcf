import { type FindingLine, formatFindings } from '../../local/format';
import { memberOf } from '../cli/args';
import { connect, memberPath } from '../cli/client';
import { CliError, type Command } from '../cli/command';
import { printJson } from '../cli/output';

export const findings: Command = {
  name: 'findings',
  synopsis: 'findings --member <id>',
  summary: 'STALE / DIVERGENT / RECALCULATION findings with their spans',
  usage: 'findings --member <id> [--status open|resolved|all] [--json] [--data-dir <dir>]',
  help: `STALE, DIVERGENT and RECALCULATION findings (docs/findings.md) with their spans and whether each is open or
resolved (and why); --status keeps only open or only resolved ones (default all); --json for the evidence.
`,
  flags: { member: { type: 'string' }, status: { type: 'string' } },
  async run({ flags, output }) {
    const member = memberOf(flags);
    const status = flags.status;
    if (status !== undefined && !['open', 'resolved', 'all'].includes(String(status)))
      throw new CliError('--status must be open, resolved or all.', 2);
    const stack = await connect(flags, member);
    const path = memberPath(member, '/findings') + (status ? `?status=${status}` : '');
    const body = (await stack.getJson(path)) as { findings: FindingLine[] };
    if (flags.json) {
      printJson(output, body);
      return 0;
    }
    if (body.findings.length === 0) output.stdout(`No findings for ${member}.\n`);
    for (const line of formatFindings(body.findings)) output.stdout(`${line}\n`);
    return 0;
  },
};
