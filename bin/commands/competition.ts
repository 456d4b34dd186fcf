import { TEAM_METRICS } from '../../shared/api/contract';
import type { Competition } from '../../shared/teams/competition';
import { DAY_RANGE_FLAGS, dayQuery } from '../cli/args';
import { connectApi, REMOTE_FLAGS } from '../cli/client';
import { CliError, type Command } from '../cli/command';
import { alignedTable, printJson } from '../cli/output';
import { teamFlag } from './team-flag';

const BOM = '\uFEFF';

export const competition: Command = {
  name: 'competition',
  synopsis: 'competition --team <id>',
  summary: "rank a team's members by improvement over a period",
  usage:
    'competition --team <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--metric total|brand|people|insights|relationships] [--json|--csv] [--api <url>] [--token <jwt>] [--data-dir <dir>]',
  help: `Members ranked by how much their score improved over the period (GET /teams/{id}/competition,
docs/teams.md): from official readings when both ends have one close enough, else from estimates; the basis
column says which. Members without data are listed last, with the reason. Default period: the last 30 days.

  --metric          total (default), or one pillar: brand, people, insights, relationships ("best networker": people)
  --json            one document {teamId, from, to, metric, standings: [...]}
  --csv             the API's CSV (UTF-8 BOM, for spreadsheets) as it is
  --api, --token    a deployed API, as for upload (default: the local stack)
`,
  flags: {
    team: { type: 'string' },
    ...DAY_RANGE_FLAGS,
    metric: { type: 'string' },
    csv: { type: 'boolean' },
    ...REMOTE_FLAGS,
  },
  async run({ flags, output }) {
    const team = teamFlag(flags);
    const query = dayQuery(flags);
    if (flags.metric !== undefined) {
      const metric = String(flags.metric);
      if (!(TEAM_METRICS as readonly string[]).includes(metric))
        throw new CliError(`--metric must be one of ${TEAM_METRICS.join(', ')}.`, 2);
      query.set('metric', metric);
    }
    if (flags.json && flags.csv) throw new CliError('--json and --csv exclude each other.', 2);
    const api = await connectApi(flags);
    const path = `/teams/${encodeURIComponent(team)}/competition`;
    if (flags.csv) {
      query.set('format', 'csv');
      // fetch's text() drops the API's BOM; put it back, so the file opens as UTF-8 in spreadsheets.
      const csv = await api.getText(`${path}?${query}`);
      output.stdout(csv.startsWith(BOM) ? csv : `${BOM}${csv}`);
      return 0;
    }
    const answer = (await api.getJson(`${path}${query.size > 0 ? `?${query}` : ''}`)) as Competition;
    if (flags.json) {
      printJson(output, answer);
      return 0;
    }
    output.stdout(`${formatCompetition(answer).join('\n')}\n`);
    return 0;
  },
};

/** The standings as an aligned table: rank, member, start → end, improvement and its basis (or why none). */
export function formatCompetition(answer: Competition): string[] {
  const fixed = (x: number | null) => (x === null ? '—' : x.toFixed(2));
  const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(2)}`);
  const rows = answer.standings.map((s) => [
    s.rank === null ? '—' : String(s.rank),
    s.memberId,
    s.displayName ?? '',
    fixed(s.start),
    fixed(s.end),
    signed(s.improvement),
    s.basis ?? s.reason ?? 'no-data',
  ]);
  return [
    `Team ${answer.teamId}${answer.name ? `, ${answer.name}` : ''}: ${answer.metric} from ${answer.from} to ${answer.to}, most improved first:`,
    ...alignedTable(['rank', 'member', 'name', 'start', 'end', 'improvement', 'basis'], rows),
  ];
}
