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

/** One member as a row or a JSON item gives it, before checking: every field a string, possibly empty. */
export interface RawTeamMember {
  memberId?: string;
  displayName?: string;
  teams?: readonly string[];
  email?: string;
}

const badTeam = (teams: readonly string[]) =>
  teams.find((team) => !TEAM_ID_PATTERN.test(team) || team === '.' || team === '..');

/**
 * Collects checked rows: the one rule set for a team file's rows and for the items of
 * `PUT /teams/{teamId}/members`, so both accept and refuse the same members for the same reasons.
 */
export class TeamFileBuilder implements TeamFile {
  readonly rows: TeamFileRow[] = [];
  readonly rejected: { line: number; reason: string }[] = [];
  private readonly seen = new Map<string, number>();

  /** Checks one member (`line`: its line in the file, or its position in a list) and keeps or rejects it. */
  add(line: number, raw: RawTeamMember): void {
    const email = raw.email?.trim() || undefined;
    const memberId = raw.memberId?.trim() || email || '';
    const displayName = raw.displayName?.trim() ?? '';
    const teams = [...new Set((raw.teams ?? []).map((team) => team.trim()).filter(Boolean))].sort();
    const invalidTeam = badTeam(teams);
    const reason = !isMemberId(memberId)
      ? `member id "${memberId}": must be ${MEMBER_ID_RULE}`
      : displayName === '' || displayName.length > MAX_DISPLAY_NAME_LENGTH
        ? `display name: must be 1–${MAX_DISPLAY_NAME_LENGTH} characters`
        : invalidTeam !== undefined
          ? `teams: "${invalidTeam}" is not a team id (letters, digits, ".", "_" or "-")`
          : teams.length > MAX_TEAMS_PER_MEMBER
            ? `teams: at most ${MAX_TEAMS_PER_MEMBER}`
            : this.seen.has(memberId)
              ? `member id "${memberId}" is already on line ${this.seen.get(memberId)}`
              : undefined;
    if (reason) {
      this.rejected.push({ line, reason });
      return;
    }
    this.seen.set(memberId, line);
    this.rows.push({ line, memberId, displayName, teams, ...(email ? { email } : {}) });
  }

  reject(line: number, reason: string): void {
    this.rejected.push({ line, reason });
  }
}

export const parseTeamFile = (text: string): TeamFile => {
  const file = new TeamFileBuilder();
  let columns: Partial<Record<keyof typeof COLUMN_NAMES, number>> | undefined;
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
          file.reject(
            line,
            'the header must name id (or email), display name and teams, e.g. id,display name,teams,email',
          );
          columns = {};
        }
        return;
      }
      if (columns.name === undefined) return;
      if (fields.every((field) => field.trim() === '')) return;
      const cell = (key: keyof typeof COLUMN_NAMES) =>
        columns?.[key] === undefined ? '' : (fields[columns[key] as number] ?? '').trim();
      file.add(line, {
        memberId: cell('id'),
        displayName: cell('name'),
        teams: cell('teams').split(/[;|,]/),
        email: cell('email'),
      });
    },
    (line, reason) => file.reject(line, reason),
  );
  tokenizer.push(text);
  tokenizer.end();
  return { rows: file.rows, rejected: file.rejected };
};
