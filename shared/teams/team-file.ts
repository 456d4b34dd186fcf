import { isMemberId, MEMBER_ID_RULE } from '../domain/member';
import { MAX_DISPLAY_NAME_LENGTH, MAX_TEAMS_PER_MEMBER, TEAM_ID_PATTERN } from '../domain/membership';
import { CsvTokenizer } from '../export/csv';

/**
 * A team file, as a sales-ops lead assembles it: one row per member, `id,display name,teams,email` (header
 * names in any case; `teams` separated by `;`, `|` or `,` inside the cell; `email` optional and the id when
 * the `id` cell is empty). Pure: `pillarwatch member --file` turns each row into `PUT /members/{id}`.
 */
export interface TeamFileRow {
  line: number;
  memberId: string;
  displayName: string;
  teams: string[];
  email?: string;
}

export interface TeamFile {
  rows: TeamFileRow[];
  rejected: { line: number; reason: string }[];
}

const COLUMN_NAMES: Record<'id' | 'name' | 'teams' | 'email', readonly string[]> = {
  id: ['id', 'member', 'memberid', 'member id', 'member_id'],
  name: ['display name', 'displayname', 'display_name', 'name'],
  teams: ['teams', 'team'],
  email: ['email', 'e-mail', 'mail'],
};

export const parseTeamFile = (text: string): TeamFile => {
  const file: TeamFile = { rows: [], rejected: [] };
  let columns: Partial<Record<keyof typeof COLUMN_NAMES, number>> | undefined;
  const seen = new Map<string, number>();
  const tokenizer = new CsvTokenizer(
    (fields, line) => {
      if (!columns) {
        const names = fields.map((name) => name.trim().toLowerCase());
        columns = Object.fromEntries(
          Object.entries(COLUMN_NAMES).map(([key, aliases]) => [
            key,
            names.findIndex((name) => aliases.includes(name)),
          ]),
        );
        for (const [key, index] of Object.entries(columns)) if (index === -1) delete columns[key as 'id'];
        if (columns.name === undefined || (columns.id === undefined && columns.email === undefined)) {
          file.rejected.push({
            line,
            reason:
              'the header must name id (or email), display name and teams, e.g. id,display name,teams,email',
          });
          columns = {};
        }
        return;
      }
      if (columns.name === undefined) return;
      if (fields.every((field) => field.trim() === '')) return;
      const cell = (key: keyof typeof COLUMN_NAMES) =>
        columns?.[key] === undefined ? '' : (fields[columns[key] as number] ?? '').trim();
      const email = cell('email') || undefined;
      const memberId = cell('id') || email || '';
      const displayName = cell('name');
      const teams = [
        ...new Set(
          cell('teams')
            .split(/[;|,]/)
            .map((team) => team.trim())
            .filter(Boolean),
        ),
      ].sort();
      const reason = !isMemberId(memberId)
        ? `member id "${memberId}": must be ${MEMBER_ID_RULE}`
        : displayName === '' || displayName.length > MAX_DISPLAY_NAME_LENGTH
          ? `display name: must be 1–${MAX_DISPLAY_NAME_LENGTH} characters`
          : teams.find((team) => !TEAM_ID_PATTERN.test(team) || team === '.' || team === '..') !== undefined
            ? `teams: "${teams.find((team) => !TEAM_ID_PATTERN.test(team) || team === '.' || team === '..')}" is not a team id (letters, digits, ".", "_" or "-")`
            : teams.length > MAX_TEAMS_PER_MEMBER
              ? `teams: at most ${MAX_TEAMS_PER_MEMBER}`
              : seen.has(memberId)
                ? `member id "${memberId}" is already on line ${seen.get(memberId)}`
                : undefined;
      if (reason) {
        file.rejected.push({ line, reason });
        return;
      }
      seen.set(memberId, line);
      file.rows.push({ line, memberId, displayName, teams, ...(email ? { email } : {}) });
    },
    (line, reason) => file.rejected.push({ line, reason }),
  );
  tokenizer.push(text);
  tokenizer.end();
  return file;
};
