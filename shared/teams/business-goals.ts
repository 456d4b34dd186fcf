import { isMemberId, MEMBER_ID_RULE } from '../domain/member';
import { isoWeekMonday, weekStart } from '../domain/weeks';
import { CsvTokenizer } from '../export/csv';
import type { BusinessGoalRow } from './kpi';

/**
 * The business goals file a manager uploads from the CRM: `member,week,<any named columns>` (calls, meetings,
 * leads, …), one row per member and week. `week` is an ISO week (`2026-W14`) or any day of it
 * (`2026-03-30`). Separated by `,`, `;` or tab (told by the header line), decimal comma accepted in `;` and
 * tab files, as German and Polish spreadsheets save them. Pure.
 */
export const MAX_GOALS_BYTES = 1024 * 1024;
export const MAX_GOALS_ROWS = 20_000;
export const MAX_GOAL_COLUMNS = 20;
const COLUMN_NAME = /^[a-z0-9][a-z0-9 _.-]{0,39}$/;

const MEMBER_COLUMNS = ['member', 'memberid', 'member id', 'member_id', 'id', 'email', 'e-mail'];
const WEEK_COLUMNS = ['week', 'week start', 'week_start', 'date', 'day'];

export interface BusinessGoalsFile {
  rows: BusinessGoalRow[];
  /** The goal columns, lower case, in file order. */
  columns: string[];
  rejected: { line: number; reason: string }[];
}

const separatorOf = (text: string): ',' | ';' | '\t' => {
  const header = text.slice(0, text.search(/\r|\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  const [best] = ([',', ';', '\t'] as const).map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1]);
  return best?.[0] ?? ',';
};

const weekOf = (cell: string) => {
  const text = cell.trim();
  const iso = isoWeekMonday(text);
  if (iso) return iso;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    if (new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text) return weekStart(text);
  }
  return undefined;
};

const numberOf = (cell: string, decimalComma: boolean): number | undefined => {
  const text = (decimalComma ? cell.trim().replace(',', '.') : cell.trim()).replace(/^'/, '');
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
};

export const parseBusinessGoals = (text: string): BusinessGoalsFile => {
  const file: BusinessGoalsFile = { rows: [], columns: [], rejected: [] };
  const separator = separatorOf(text.replace(/^\uFEFF/, ''));
  const decimalComma = separator !== ',';
  let layout: { member: number; week: number; goals: { name: string; index: number }[] } | undefined;
  let headerRead = false;
  const seen = new Map<string, number>();
  const tokenizer = new CsvTokenizer(
    (fields, line) => {
      if (!headerRead) {
        headerRead = true;
        const names = fields.map((name) =>
          name
            .replace(/^\uFEFF/, '')
            .trim()
            .toLowerCase(),
        );
        const member = names.findIndex((name) => MEMBER_COLUMNS.includes(name));
        const week = names.findIndex((name) => WEEK_COLUMNS.includes(name));
        const goals = names
          .map((name, index) => ({ name, index }))
          .filter(({ index }) => index !== member && index !== week);
        const badName = goals.find(({ name }) => !COLUMN_NAME.test(name));
        const reason =
          member === -1 || week === -1
            ? 'the header must name the member and the week, then the goal columns, e.g. member,week,calls,meetings,leads'
            : goals.length === 0
              ? 'no goal columns after member and week'
              : goals.length > MAX_GOAL_COLUMNS
                ? `at most ${MAX_GOAL_COLUMNS} goal columns`
                : badName
                  ? `column "${badName.name}": names are 1–40 letters, digits, spaces, ".", "_" or "-"`
                  : new Set(goals.map((g) => g.name)).size !== goals.length
                    ? 'a goal column is named twice'
                    : undefined;
        if (reason) {
          file.rejected.push({ line, reason });
          return;
        }
        layout = { member, week, goals };
        file.columns = goals.map((goal) => goal.name);
        return;
      }
      if (!layout) return;
      if (fields.every((field) => field.trim() === '')) return;
      if (file.rows.length >= MAX_GOALS_ROWS) {
        file.rejected.push({ line, reason: `more than ${MAX_GOALS_ROWS} rows: upload the rest separately` });
        return;
      }
      const memberId = (fields[layout.member] ?? '').trim();
      const week = weekOf(fields[layout.week] ?? '');
      const values: Record<string, number> = {};
      let badCell: string | undefined;
      for (const { name, index } of layout.goals) {
        const cell = (fields[index] ?? '').trim();
        if (cell === '') continue;
        const value = numberOf(cell, decimalComma);
        if (value === undefined) badCell ??= `${name}: "${cell.slice(0, 40)}" is not a number ≥ 0`;
        else values[name] = value;
      }
      const key = `${memberId}\n${week}`;
      const reason = !isMemberId(memberId)
        ? `member "${memberId.slice(0, 130)}": must be ${MEMBER_ID_RULE}`
        : !week
          ? 'week: must be an ISO week (2026-W14) or a date (2026-03-30)'
          : (badCell ??
            (seen.has(key)
              ? `member ${memberId}, week ${week} is already on line ${seen.get(key)}`
              : undefined));
      if (reason) {
        file.rejected.push({ line, reason });
        return;
      }
      seen.set(key, line);
      file.rows.push({ memberId, week: week as string, values });
    },
    (line, reason) => file.rejected.push({ line, reason }),
    { separator },
  );
  tokenizer.push(text.replace(/^\uFEFF/, ''));
  tokenizer.end();
  return file;
};
