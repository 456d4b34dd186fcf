import { PILLARS } from '../../shared/domain/pillars';
import { DAY_RANGE_FLAGS, dayQuery, memberOf } from '../cli/args';
import { allDays, connect, memberPath } from '../cli/client';
import type { Command } from '../cli/command';
import { printJson } from '../cli/output';

/** What the table shows of a day of `GET /members/{id}/estimates`. */
interface EstimateDay {
  day: string;
  total: number;
  pillars: Record<string, number>;
  calibrated: { total: number } | null;
  confidence: { total: number };
}

export const estimates: Command = {
  name: 'estimates',
  synopsis: 'estimates --member <id>',
  summary: 'daily pillar estimates, raw and calibrated',
  usage: 'estimates --member <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--data-dir <dir>]',
  help: `Daily pillar estimates (model v1, docs/model.md): raw, calibrated (once 5 readings exist) and confidence.
`,
  flags: { member: { type: 'string' }, ...DAY_RANGE_FLAGS },
  async run({ flags, output }) {
    const member = memberOf(flags);
    const query = dayQuery(flags);
    const stack = await connect(flags, member);
    const days = await allDays<EstimateDay>(stack, memberPath(member, '/estimates'), query);
    if (flags.json) {
      printJson(output, { memberId: member, days });
      return 0;
    }
    if (days.length === 0) output.stdout(`No estimates for ${member} in that range.\n`);
    else
      output.stdout(
        `day         ${PILLARS.map((p) => p.padStart(14)).join('')}  total  calibrated  confidence\n`,
      );
    for (const d of days) {
      const pillars = PILLARS.map((p) => (d.pillars[p] ?? 0).toFixed(2).padStart(14)).join('');
      const calibrated = d.calibrated ? d.calibrated.total.toFixed(2) : '—';
      output.stdout(
        `${d.day}  ${pillars}  ${d.total.toFixed(2).padStart(5)}  ${calibrated.padStart(10)}  ${d.confidence.total.toFixed(2).padStart(10)}\n`,
      );
    }
    return 0;
  },
};
