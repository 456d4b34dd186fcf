import type { TeamKpi } from '../../shared/teams/kpi';
import { DAY_RANGE_FLAGS } from '../cli/args';
import { REMOTE_FLAGS } from '../cli/client';
import type { Command } from '../cli/command';
import { alignedTable } from '../cli/output';
import { teamTableRun } from './team-flag';

export const kpi: Command = {
  name: 'kpi',
  synopsis: 'kpi --team <id>',
  summary: "the team's company KPI per week: SSI, strategic and business goals",
  usage:
    'kpi --team <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--api <url>] [--token <jwt>] [--data-dir <dir>]',
  help: `The company KPI (GET /teams/{id}/kpi, the formula in docs/teams.md) for the team per ISO week overlapping
the period, with its parts in % of target, and each member's KPI in the last week. Default period: the last
30 days.

  --json            one document {teamId, from, to, definition, weeks, members}
  --api, --token    a deployed API, as for upload (default: the local stack)
`,
  flags: { team: { type: 'string' }, ...DAY_RANGE_FLAGS, ...REMOTE_FLAGS },
  run: teamTableRun('kpi', formatKpi),
};

export function formatKpi(answer: TeamKpi): string[] {
  const fixed = (x: number | null) => (x === null ? '—' : x.toFixed(1));
  const percent = (x: number | null) => (x === null ? '—' : (x * 100).toFixed(0));
  const { weights } = answer.definition;
  const weeks = answer.weeks.map((w) => [
    w.week,
    fixed(w.kpi),
    percent(w.ssi),
    percent(w.strategic),
    percent(w.business),
    String(w.members),
  ]);
  const lastWeek = answer.weeks.at(-1)?.week;
  const members = answer.members
    .filter((m) => m.week === lastWeek)
    .sort((a, b) => b.kpi - a.kpi)
    .map((m) => [m.memberId, m.displayName ?? '', fixed(m.kpi), m.missing.join(',')]);
  return [
    `Team ${answer.teamId}, company KPI from ${answer.from} to ${answer.to} (weights: SSI ${weights.ssi}, strategic ${weights.strategic}, business ${weights.business}${answer.defaultDefinition ? '; the default definition' : ''}):`,
    ...alignedTable(['week', 'kpi', 'ssi %', 'strategic %', 'business %', 'members'], weeks),
    ...(lastWeek
      ? [
          '',
          `Members in the week of ${lastWeek}:`,
          ...alignedTable(['member', 'name', 'kpi', 'missing'], members),
        ]
      : []),
  ];
}
