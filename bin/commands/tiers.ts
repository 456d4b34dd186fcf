import type { TeamTiers } from '../../shared/teams/tiers';
import { DAY_RANGE_FLAGS } from '../cli/args';
import { REMOTE_FLAGS } from '../cli/client';
import type { Command } from '../cli/command';
import { alignedTable } from '../cli/output';
import { teamTableRun } from './team-flag';

export const tiers: Command = {
  name: 'tiers',
  synopsis: 'tiers --team <id>',
  summary: "place a team's members as beginner / advanced / star, and the make-up over time",
  usage:
    'tiers --team <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--api <url>] [--token <jwt>] [--data-dir <dir>]',
  help: `Each member's tier on the last day (GET /teams/{id}/tiers, docs/teams.md) by the team's thresholds
(default: advanced from 70, star from 80), the team's make-up every 7 days, and who moved up or down.
Members without a current reading or calibrated estimate are unplaced.

  --json            one document {teamId, from, to, thresholds, members, makeup, moves}
  --api, --token    a deployed API, as for upload (default: the local stack)
`,
  flags: { team: { type: 'string' }, ...DAY_RANGE_FLAGS, ...REMOTE_FLAGS },
  run: teamTableRun('tiers', formatTiers),
};

export function formatTiers(answer: TeamTiers): string[] {
  const { thresholds } = answer;
  const members = answer.members.map((m) => [
    m.memberId,
    m.displayName ?? '',
    m.tier ?? 'unplaced',
    m.score === null ? '—' : m.score.toFixed(2),
    m.basis ?? '',
  ]);
  const makeup = answer.makeup.map((p) => [
    p.day,
    String(p.beginner),
    String(p.advanced),
    String(p.star),
    String(p.unplaced),
  ]);
  const moves = answer.moves.map(
    (m) => `  ${m.displayName} (${m.memberId}): ${m.from} → ${m.to} (${m.direction})`,
  );
  return [
    `Team ${answer.teamId} on ${answer.to} (advanced from ${thresholds.advanced}, star from ${thresholds.star}):`,
    ...alignedTable(['member', 'name', 'tier', 'score', 'basis'], members),
    '',
    `Make-up from ${answer.from} to ${answer.to}:`,
    ...alignedTable(['day', 'beginner', 'advanced', 'star', 'unplaced'], makeup),
    '',
    moves.length > 0 ? `Moved since ${answer.from}:` : `Nobody moved since ${answer.from}.`,
    ...moves,
  ];
}
