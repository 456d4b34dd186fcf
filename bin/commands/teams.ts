import { allPages, connectApi, REMOTE_FLAGS } from '../cli/client';
import type { Command } from '../cli/command';
import { alignedTable, printJson } from '../cli/output';

interface TeamRow {
  teamId: string;
  members: number;
}

export const teams: Command = {
  name: 'teams',
  synopsis: 'teams',
  summary: 'list the teams with their member counts',
  usage: 'teams [--api <url>] [--token <jwt>] [--json] [--data-dir <dir>]',
  help: `Every team with at least one member (GET /teams, page by page) and how many members it has. With
--json, one document {"teams": [{teamId, members}]}.

  --api, --token    a deployed API, as for upload (default: the local stack)
`,
  flags: { ...REMOTE_FLAGS },
  async run({ flags, output }) {
    const api = await connectApi(flags);
    const rows = await allPages<TeamRow>(api, '/teams', new URLSearchParams({ limit: '1000' }), 'teams');
    if (flags.json) {
      printJson(output, { teams: rows });
      return 0;
    }
    output.stdout(
      `${alignedTable(
        ['team', 'members'],
        rows.map((row) => [row.teamId, String(row.members)]),
      ).join('\n')}\n${rows.length} team${rows.length === 1 ? '' : 's'}\n`,
    );
    return 0;
  },
};
