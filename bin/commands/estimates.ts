import { PILLARS } from '../../shared/domain/pillars';
import { DAY_RANGE_FLAGS, dayQuery, memberOf } from '../cli/args';
import { allDays, connect, memberPath } from '../cli/client';
import type { Command } from '../cli/command';
import { printJson } from '../cli/output';

/** What the table shows of a day of `GET /members/{id}/estimates`. */
export interface EstimateDay {
  day: string;
  total: number;
  pillars: Record<string, number>;
  calibrated: { total: number; pillars: Record<string, number> } | null;
  confidence: { total: number };
}

export const estimates: Command = {
  name: 'estimates',
  synopsis: 'estimates --member <id>',
  summary: 'daily pillar estimates, raw and calibrated',
  usage: 'estimates --member <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--data-dir <dir>]',
  help: `Daily pillar estimates (model v1, docs/model.md): calibrated to LinkedIn's scale when a calibration exists
(from the member's readings and their teammates'), else raw (labelled raw); the raw total and the confidence.
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
    for (const line of formatEstimates(days)) output.stdout(`${line}\n`);
    return 0;
  },
};

/**
 * Calibrated pillars and total first (LinkedIn's scale); a day without a calibration shows its raw values with
 * `raw` in the scale column. The raw total follows, labelled, then the confidence.
 */
export const formatEstimates = (days: readonly EstimateDay[]): string[] => {
  if (days.length === 0) return [];
  const lines = [
    `day         ${PILLARS.map((p) => p.padStart(14)).join('')}   total  scale       raw total  confidence`,
  ];
  for (const d of days) {
    const shown = d.calibrated ?? d;
    const pillars = PILLARS.map((p) => (shown.pillars[p] ?? 0).toFixed(2).padStart(14)).join('');
    lines.push(
      `${d.day}  ${pillars}  ${shown.total.toFixed(2).padStart(6)}  ${(d.calibrated ? 'calibrated' : 'raw').padEnd(10)}  ${d.total.toFixed(2).padStart(9)}  ${d.confidence.total.toFixed(2).padStart(10)}`,
    );
  }
  return lines;
};
