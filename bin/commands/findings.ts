import { type FindingLine, formatFindings } from '../../local/format';
import { memberOf } from '../cli/args';
import { connect, memberPath } from '../cli/client';
import type { Command } from '../cli/command';
import { printJson } from '../cli/output';

export const findings: Command = {
  name: 'findings',
  synopsis: 'findings --member <id>',
  summary: 'STALE / DIVERGENT / RECALCULATION findings with their spans',
  usage: 'findings --member <id> [--json] [--data-dir <dir>]',
  help: `STALE, DIVERGENT and RECALCULATION findings (docs/findings.md) with their spans; --json for the evidence.
`,
  flags: { member: { type: 'string' } },
  async run({ flags, output }) {
    const member = memberOf(flags);
    const stack = await connect(flags, member);
    const body = (await stack.getJson(memberPath(member, '/findings'))) as { findings: FindingLine[] };
    if (flags.json) {
      printJson(output, body);
      return 0;
    }
    if (body.findings.length === 0) output.stdout(`No findings for ${member}.\n`);
    for (const line of formatFindings(body.findings)) output.stdout(`${line}\n`);
    return 0;
  },
};
