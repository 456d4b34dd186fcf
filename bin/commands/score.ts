import { type FindingLine, formatFindings } from '../../local/format';
import { PILLARS } from '../../shared/domain/pillars';
import { memberOf, numberFlag } from '../cli/args';
import { connect, memberPath } from '../cli/client';
import type { Command } from '../cli/command';
import { printJson } from '../cli/output';

export const score: Command = {
  name: 'score',
  synopsis: 'score --member <id> --overall <n> --brand <n> --people <n> --insights <n> --relationships <n>',
  summary: 'report an official SSI reading (findings are re-evaluated)',
  usage:
    'score --member <id> --overall <n> --brand <n> --people <n> --insights <n> --relationships <n> [--observed-at <ISO time>] [--json]',
  help: `Reports one official SSI reading (as shown on linkedin.com/sales/ssi) to the local API. Pillars are 0–25,
overall 0–100 (the rounded pillar sum is fine). --observed-at defaults to now. A reading already stored is
kept once. Prints the new findings it raised. For a history, upload a CSV
(date,overall,brand,people,insights,relationships) or the SSI page's JSON to scores/<id>/ in the bucket.
`,
  flags: {
    member: { type: 'string' },
    overall: { type: 'string' },
    ...Object.fromEntries(PILLARS.map((pillar) => [pillar, { type: 'string' as const }])),
    'observed-at': { type: 'string' },
  },
  async run({ flags, output }) {
    const member = memberOf(flags);
    const reading = {
      observedAt: typeof flags['observed-at'] === 'string' ? flags['observed-at'] : new Date().toISOString(),
      overall: numberFlag(flags, 'overall'),
      pillars: Object.fromEntries(PILLARS.map((pillar) => [pillar, numberFlag(flags, pillar)])),
    };
    const stack = await connect(flags, member);
    const body = (await stack.getJson(memberPath(member, '/official-scores'), reading)) as {
      stored: boolean;
      findings: FindingLine[];
    };
    if (flags.json) {
      printJson(output, body);
      return 0;
    }
    output.stdout(body.stored ? 'Reading stored.\n' : 'This reading was already stored.\n');
    for (const line of formatFindings(body.findings)) output.stdout(`  new: ${line}\n`);
    return 0;
  },
};
