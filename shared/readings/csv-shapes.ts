import type { GroupScore, Pillar, PillarScores } from '../domain/pillars';
import { PILLARS } from '../domain/pillars';
import { isOutOfHundred, observedAtText, readRank, readScore } from './cells';
import { groupScore, isComplete } from './json-shapes';
import {
  type ColumnRole,
  columnRoleOf,
  groupOfLabel,
  isAverageLabel,
  isOverallLabel,
  isRankLabel,
  pillarOfLabel,
  type Section,
} from './labels';
import { parseObservedAt } from './normalise';
import { CSV_COLUMNS } from './schema';
import type { Draft, ReadingShape, ShapeContext, ShapeEntry, ShapeId, TableDocument } from './shape';

type Group = Exclude<Section, 'member'>;

/** What a wide CSV column holds: a role, the member's overall or pillar, or a group's average, rank or pillar. */
type WideColumn =
  | { kind: ColumnRole }
  | { kind: 'overall' }
  | { kind: 'pillar'; pillar: Pillar }
  | { kind: 'group'; group: Group; field: 'overall' | 'rank' | Pillar };

const wideColumnOf = (header: string): WideColumn | undefined => {
  const role = columnRoleOf(header);
  if (role) return { kind: role };
  const pillar = pillarOfLabel(header);
  const group = groupOfLabel(header);
  if (group) return { kind: 'group', group, field: isRankLabel(header) ? 'rank' : (pillar ?? 'overall') };
  if (pillar) return { kind: 'pillar', pillar };
  if (isOverallLabel(header)) return { kind: 'overall' };
  return undefined;
};

const columnsOf = (header: string[]) => header.map(wideColumnOf);

const indexOf = (columns: (WideColumn | undefined)[], test: (column: WideColumn) => boolean): number =>
  columns.findIndex((column) => column !== undefined && test(column));

const hasRole = (header: string[], role: ColumnRole): boolean =>
  header.some((name) => columnRoleOf(name) === role);

const isLong = (header: string[]): boolean => hasRole(header, 'label') && hasRole(header, 'value');

/** A cell as a number, or the reason naming the column (`people 'x' is not a number`). */
const numberCell = (name: string, text: string): { value: number } | { reason: string } => {
  const read = readScore(text);
  return 'reason' in read ? { reason: `${name} ${read.reason}` } : read;
};

const observed = (
  date: string,
  time: string,
  context: ShapeContext,
): { iso: string } | { reason: string } => {
  if (!date.trim()) return { reason: 'date is empty' };
  return parseObservedAt(observedAtText(date, time), context.receivedAt);
};

// --- wide: one row per reading ---------------------------------------------------------------------------

const readWideRow = (
  fields: string[],
  columns: (WideColumn | undefined)[],
  context: ShapeContext,
): { member?: string; result: Draft } => {
  const cell = (index: number): string => (index < 0 ? '' : (fields[index] ?? '').trim());
  const memberIndex = indexOf(columns, (column) => column.kind === 'member');
  const member = memberIndex < 0 ? undefined : cell(memberIndex);
  const values: Record<string, number> = {};
  for (const name of CSV_COLUMNS.slice(1)) {
    const index =
      name === 'overall'
        ? indexOf(columns, (column) => column.kind === 'overall')
        : indexOf(columns, (column) => column.kind === 'pillar' && column.pillar === name);
    const number = numberCell(name, cell(index));
    if ('reason' in number) return { member, result: number };
    values[name] = number.value;
  }
  const when = observed(
    cell(indexOf(columns, (column) => column.kind === 'date')),
    cell(indexOf(columns, (column) => column.kind === 'time')),
    context,
  );
  if ('reason' in when) return { member, result: when };
  const groups: Partial<Record<Group, GroupScore>> = {};
  for (const [index, column] of columns.entries()) {
    if (column?.kind !== 'group' || cell(index) === '') continue;
    const text = cell(index);
    const number = column.field === 'rank' ? (readRank(text) ?? numberValue(text)) : numberValue(text);
    if (number === undefined)
      return {
        member,
        result: { reason: `${column.group} ${column.field} '${text.slice(0, 20)}' is not a number` },
      };
    const group = groups[column.group] ?? {};
    groups[column.group] = group;
    if (column.field === 'overall' || column.field === 'rank') group[column.field] = number;
    else group.pillars = { ...group.pillars, [column.field]: number };
  }
  const industry = groups.industry && groupScore(groups.industry);
  const network = groups.network && groupScore(groups.network);
  return {
    member,
    result: {
      draft: {
        observedAt: when.iso,
        observedAtAssumed: false,
        source: 'csv',
        overall: values.overall as number,
        pillars: Object.fromEntries(PILLARS.map((pillar) => [pillar, values[pillar]])) as PillarScores,
        ...(industry ? { industry } : {}),
        ...(network ? { network } : {}),
      },
    },
  };
};

const numberValue = (text: string): number | undefined => {
  const read = readScore(text);
  return 'value' in read ? read.value : undefined;
};

/** Kept word for word (manifests quote it); the columns may be named in any of the page's languages. */
const missingColumns = (columns: (WideColumn | undefined)[]): string | undefined => {
  const missing = CSV_COLUMNS.filter((name) =>
    name === 'date' || name === 'overall'
      ? indexOf(columns, (column) => column.kind === name) < 0
      : indexOf(columns, (column) => column.kind === 'pillar' && column.pillar === name) < 0,
  );
  return missing.length > 0
    ? `the CSV header must name ${CSV_COLUMNS.join(',')}; missing: ${missing.join(', ')}`
    : undefined;
};

const readWide =
  (id: ShapeId) =>
  (document: TableDocument, context: ShapeContext): ShapeEntry[] => {
    const columns = columnsOf(document.header);
    const problem = missingColumns(columns);
    if (problem) return [{ shape: id, where: {}, result: { reason: problem }, unknownShape: true }];
    return document.rows.map(({ fields, line }) => ({
      shape: id,
      where: { line },
      ...readWideRow(fields, columns, context),
    }));
  };

const WIDE_COLUMNS =
  'date, overall, brand, people, insights, relationships (headers in en, de, pl, pt, es or fr; `,` or `;`)';

/** A sales-ops lead's file: the wide columns plus the member each row is for. */
export const TEAM_CSV: ReadingShape = {
  id: 'team-csv',
  expects: `a team CSV (member, ${WIDE_COLUMNS})`,
  accepts: (document) =>
    document.kind === 'table' && hasRole(document.header, 'member') && !isLong(document.header),
  read: (document, context) => (document.kind === 'table' ? readWide('team-csv')(document, context) : []),
};

/** One member's history, one row per reading; the fallback for any table (its reason names the columns). */
export const WIDE_CSV: ReadingShape = {
  id: 'wide-csv',
  expects: `a wide CSV (${WIDE_COLUMNS})`,
  accepts: (document) => document.kind === 'table',
  read: (document, context) => (document.kind === 'table' ? readWide('wide-csv')(document, context) : []),
};

// --- long: one row per figure on the page ------------------------------------------------------------------

interface Figures {
  overall?: number;
  rank?: number;
  pillars: Partial<PillarScores>;
  /** Pillar values whose label is unknown: they take the page's pillar order. */
  unlabelled: number[];
}

const SECTIONS: readonly Section[] = ['member', 'industry', 'network'];

interface LongRow {
  line: number;
  section?: string;
  label: string;
  value: string;
}

/**
 * One reading from the rows of one capture. The section column tells the member's figures from the groups'; a
 * file without one is read in the page's order: the first of each pillar is the member's, its repeats the
 * industry's, then the network's. A pillar label that is not known takes the next pillar in the page's order.
 */
const readCapture = (rows: LongRow[], date: string, time: string, context: ShapeContext): Draft => {
  const figures: Record<Section, Figures> = {
    member: { pillars: {}, unlabelled: [] },
    industry: { pillars: {}, unlabelled: [] },
    network: { pillars: {}, unlabelled: [] },
  };
  /** Without a section: the first section where `free` holds, the last one otherwise. */
  const inOrder = (free: (section: Figures) => boolean, from: Section = 'member'): Section =>
    SECTIONS.slice(SECTIONS.indexOf(from)).find((section) => free(figures[section])) ?? 'network';
  for (const row of rows) {
    const named =
      row.section !== undefined ? (groupOfLabel(row.section) ?? 'member') : groupOfLabel(row.label);
    const rank = readRank(row.value);
    if (rank !== undefined || isRankLabel(row.label)) {
      const number = rank ?? numberValue(row.value);
      if (number === undefined)
        return { reason: `line ${row.line}: rank '${row.value.slice(0, 20)}' is not a number` };
      const section = named && named !== 'member' ? named : inOrder((f) => f.rank === undefined, 'industry');
      figures[section].rank = number;
      continue;
    }
    const number = numberValue(row.value);
    const pillar = pillarOfLabel(row.label);
    if (number === undefined) {
      if (pillar)
        return { reason: `line ${row.line}: ${pillar} '${row.value.slice(0, 20)}' is not a number` };
      continue; // the page's prose ("People in your network have…") carries no figure
    }
    // "People in your network have an average SSI of" names a pillar's word but states the group's average.
    const statesOverall = isOutOfHundred(row.value) || isAverageLabel(row.label);
    if (pillar && !statesOverall) {
      const section = named ?? inOrder((f) => f.pillars[pillar] === undefined);
      figures[section].pillars[pillar] = number;
    } else if (statesOverall || isOverallLabel(row.label)) {
      const section = named ?? inOrder((f) => f.overall === undefined);
      figures[section].overall = number;
    } else figures[named ?? 'member'].unlabelled.push(number);
  }
  for (const section of SECTIONS) {
    const { pillars, unlabelled } = figures[section];
    for (const pillar of PILLARS)
      if (pillars[pillar] === undefined && unlabelled.length > 0) pillars[pillar] = unlabelled.shift();
  }
  const own = figures.member;
  if (!isComplete(own.pillars)) {
    const missing = PILLARS.filter((pillar) => own.pillars[pillar] === undefined);
    return { reason: `no ${missing.join(', ')} for the member among these rows` };
  }
  const when = observed(date, time, context);
  if ('reason' in when) return when;
  const pillars = own.pillars;
  const group = ({ overall, rank, pillars: groupPillars }: Figures) =>
    groupScore({ overall, rank, pillars: groupPillars });
  const industry = group(figures.industry);
  const network = group(figures.network);
  return {
    draft: {
      observedAt: when.iso,
      observedAtAssumed: false,
      source: 'csv',
      // The SSI is the pillars' sum; a scrape without the overall row still says it.
      overall: own.overall ?? PILLARS.reduce((sum, pillar) => sum + pillars[pillar], 0),
      pillars,
      ...(industry ? { industry } : {}),
      ...(network ? { network } : {}),
    },
  };
};

/** A scraper's rows (date, time, section, label, value), one reading per member, date and time. */
export const LONG_CSV: ReadingShape = {
  id: 'long-csv',
  expects:
    'a long CSV (date, time, section, label, value), one row per figure, as SSI page scrapers write it',
  accepts: (document) => document.kind === 'table' && isLong(document.header),
  read(document, context) {
    if (document.kind !== 'table') return [];
    const role = (name: ColumnRole) => document.header.findIndex((header) => columnRoleOf(header) === name);
    const at = {
      member: role('member'),
      date: role('date'),
      time: role('time'),
      section: role('section'),
      label: role('label'),
      value: role('value'),
    };
    const cell = (fields: string[], index: number) => (index < 0 ? '' : (fields[index] ?? '').trim());
    const captures = new Map<string, { member?: string; date: string; time: string; rows: LongRow[] }>();
    for (const { fields, line } of document.rows) {
      const member = at.member < 0 ? undefined : cell(fields, at.member);
      const date = cell(fields, at.date);
      const time = cell(fields, at.time);
      const key = JSON.stringify([member, date, time]);
      const capture = captures.get(key) ?? { member, date, time, rows: [] };
      capture.rows.push({
        line,
        ...(at.section < 0 ? {} : { section: cell(fields, at.section) }),
        label: cell(fields, at.label),
        value: cell(fields, at.value),
      });
      captures.set(key, capture);
    }
    return [...captures.values()].map((capture) => ({
      shape: 'long-csv' as const,
      where: { line: capture.rows[0]?.line ?? 0 },
      ...(capture.member !== undefined ? { member: capture.member } : {}),
      result: readCapture(capture.rows, capture.date, capture.time, context),
    }));
  },
};
