import type { Leaderboard } from '../../shared/teams/ranking';
import { dayFlag } from '../cli/args';
import { connect } from '../cli/client';
import type { Command } from '../cli/command';
import { printJson } from '../cli/output';
import { teamFlag } from './team-flag';

export const leaderboard: Command = {
  name: 'leaderboard',
  synopsis: 'leaderboard --team <id> [--date YYYY-MM-DD]',
  summary: "rank a team's members by official or estimated score",
  usage: 'leaderboard --team <id> [--date YYYY-MM-DD] [--json] [--data-dir <dir>]',
  help: `The team's ranking on a day (default today, docs/teams.md): members with an official reading first (by
overall), then by estimated total (calibrated when a calibration applies, else raw and marked raw), then
members whose only reading is older than 30 days, then the rest. Each reading shows its age in days. STALE marks an open STALE finding. Ends with the team averages, calibrated first.
`,
  flags: { team: { type: 'string' }, date: { type: 'string' } },
  async run({ flags, output }) {
    const team = teamFlag(flags);
    const query = new URLSearchParams();
    const date = dayFlag(flags, 'date');
    if (date !== undefined) query.set('date', date);
    const stack = await connect(flags);
    const path = `/teams/${encodeURIComponent(team)}/leaderboard${query.size > 0 ? `?${query}` : ''}`;
    const board = (await stack.getJson(path)) as Leaderboard;
    if (flags.json) {
      printJson(output, board);
      return 0;
    }
    output.stdout(`${formatLeaderboard(board).join('\n')}\n`);
    return 0;
  },
};

/**
 * The ranking as an aligned table, then the team averages. Estimates are shown calibrated (LinkedIn's scale) when
 * a calibration applies, else raw with `raw` after them; the averages name the calibrated one first.
 */
export function formatLeaderboard(board: Leaderboard): string[] {
  const fixed = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(2));
  const rows = board.members.map((m) => [
    String(m.rank),
    m.memberId,
    m.displayName,
    // The reading's age in days: an old reading is shown as old, never silently as today's.
    m.official ? `${fixed(m.official.overall)} (${m.official.ageDays ?? '?'} d)` : '—',
    m.estimate
      ? m.estimate.calibrated
        ? fixed(m.estimate.calibrated.total)
        : `${fixed(m.estimate.total)} raw`
      : '—',
    m.staleOpen ? 'STALE' : '',
  ]);
  const header = ['rank', 'member', 'name', 'official', 'estimate', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === 0 || i === 3 || i === 4 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const { official, estimate, calibrated } = board.averages;
  const avg = (label: string, a: { members: number } | null, value: number | undefined) =>
    `${label} ${a ? `${fixed(value)} (${a.members})` : '—'}`;
  return [
    `Team ${board.teamId} on ${board.date} (ranked by ${board.ranking}):`,
    line(header),
    ...rows.map(line),
    `Team averages: ${[
      avg('official', official, official?.overall),
      avg('estimate (calibrated)', calibrated, calibrated?.total),
      avg('raw model estimate', estimate, estimate?.total),
    ].join(', ')}`,
  ];
}
