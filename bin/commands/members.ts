import { allPages, connectApi, REMOTE_FLAGS } from '../cli/client';
import type { Command } from '../cli/command';
import { alignedTable, printJson } from '../cli/output';

interface MemberRow {
  memberId: string;
  displayName?: string;
  teams: string[];
}

export const members: Command = {
  name: 'members',
  synopsis: 'members',
  summary: 'list the registered members with their names and teams',
  usage: 'members [--api <url>] [--token <jwt>] [--json] [--data-dir <dir>]',
  help: `Every registered member (with data or a profile, GET /members, page by page): id, display name and
teams. With --json, one document {"members": [{memberId, displayName?, teams}]}.

  --api, --token    a deployed API, as for upload (default: the local stack)
`,
  flags: { ...REMOTE_FLAGS },
  async run({ flags, output }) {
    const api = await connectApi(flags);
    const rows = await allPages<MemberRow>(
      api,
      '/members',
      new URLSearchParams({ limit: '1000' }),
      'members',
    );
    if (flags.json) {
      printJson(output, { members: rows });
      return 0;
    }
    output.stdout(
      `${alignedTable(
        ['member', 'name', 'teams'],
        rows.map((row) => [row.memberId, row.displayName ?? '—', row.teams.join(', ') || '(none)']),
      ).join('\n')}\n${rows.length} member${rows.length === 1 ? '' : 's'}\n`,
    );
    return 0;
  },
};
