import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type FindingLine, formatFindings } from '../../local/format';
import type { OfficialReading } from '../../shared/domain/pillars';
import { PILLARS } from '../../shared/domain/pillars';
import { readScore } from '../../shared/readings/cells';
import { type MemberScope, parseReadings, type RejectedReading } from '../../shared/readings/parse';
import { assertReadableFile, memberOf } from '../cli/args';
import { connect, memberPath, type Stack } from '../cli/client';
import { CliError, type Command, type Flags } from '../cli/command';
import { type Output, printJson } from '../cli/output';

/** Readings per request: the API takes up to 1000. */
const BATCH = 500;

export const score: Command = {
  name: 'score',
  synopsis: 'score --member <id> --overall <n> --brand <n> --people <n> --insights <n> --relationships <n>',
  summary: 'report an official SSI reading (findings are re-evaluated)',
  usage:
    'score --member <id> (--overall <n> --brand <n> --people <n> --insights <n> --relationships <n> | --file <path>) [--observed-at <ISO time>] [--json]',
  help: `Reports official SSI readings (as shown on linkedin.com/sales/ssi) to the local API; findings are
re-evaluated. A reading already stored is kept once, so running it again changes nothing.

One reading: pillars 0–25, overall 0–100 (the rounded pillar sum is fine); decimal commas are read
(--brand 14,2). --observed-at defaults to now.

A file (--file) in any shape of docs/readings.md, told by its content: the SSI page JSON, an extension's
history ([{date, parsed: {...}}]), a wide CSV (date,overall,brand,people,insights,relationships; headers
in en/de/pl/pt/es/fr; ',' or ';'; decimal commas), a scraper's long CSV (date,time,section,label,value)
or a team file with a member column (then leave --member out: with it, only that member's rows count). A page JSON without a time is
dated by the file's modification time. Prints what was stored, skipped as duplicate and rejected (line
and reason). Exits 0 when it stored or already had something usable, 1 when nothing usable was found.
`,
  flags: {
    member: { type: 'string' },
    overall: { type: 'string' },
    ...Object.fromEntries(PILLARS.map((pillar) => [pillar, { type: 'string' as const }])),
    'observed-at': { type: 'string' },
    file: { type: 'string' },
  },
  async run({ flags, output }) {
    if (typeof flags.file === 'string') return scoreFile(flags, flags.file, output);
    const member = memberOf(flags);
    const reading = {
      observedAt: typeof flags['observed-at'] === 'string' ? flags['observed-at'] : new Date().toISOString(),
      overall: scoreFlag(flags, 'overall'),
      pillars: Object.fromEntries(PILLARS.map((pillar) => [pillar, scoreFlag(flags, pillar)])),
    };
    const stack = await connect(flags, member);
    const body = (await stack.getJson(memberPath(member, '/official-scores'), reading)) as {
      stored: boolean;
      findings: FindingLine[];
    };
    if (flags.json) {
      printJson(output, body);
      return 0;
    }
    output.stdout(body.stored ? 'Reading stored.\n' : 'This reading was already stored.\n');
    for (const line of formatFindings(body.findings)) output.stdout(`  new: ${line}\n`);
    return 0;
  },
};

/** A score flag read like a cell of a readings file: `14,2` is 14.2; the range is the API's to check. */
function scoreFlag(flags: Flags, name: string): number {
  const text = flags[name];
  if (typeof text !== 'string') throw new CliError(`--${name} <number> is required.`, 2);
  const read = readScore(text);
  if ('reason' in read) throw new CliError(`--${name} ${read.reason}.`, 2);
  return read.value;
}

/** Where a reading of the file came from, for the report. */
interface Placed {
  member: string;
  line?: number;
  item?: number;
  observedAt?: string;
}

interface FileReport {
  file: string;
  shapes: string[];
  stored: Placed[];
  duplicates: Placed[];
  rejected: RejectedReading[];
  findings: FindingLine[];
}

async function scoreFile(flags: Flags, path: string, output: Output): Promise<number> {
  const member = typeof flags.member === 'string' ? memberOf(flags) : undefined;
  await assertReadableFile(path);
  const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
  // A team file names its members; with --member, only that member's rows are taken.
  const scope: MemberScope = member === undefined ? {} : { only: member };
  const parsed = parseReadings(bytes, scope, {
    receivedAt: new Date().toISOString(),
    assumedObservedAt: info.mtime.toISOString(),
    fileName: path,
    ...(typeof flags['observed-at'] === 'string' ? { observedAt: flags['observed-at'] } : {}),
  });
  const report: FileReport = {
    file: basename(path),
    shapes: parsed.shapes,
    stored: [],
    duplicates: parsed.repeats.map((repeat) => ({ ...repeat })),
    rejected: [...parsed.rejected],
    findings: [],
  };
  if (parsed.readings.length > 0) {
    const stack = await connect(flags, member);
    const byMember = new Map<string, { reading: OfficialReading; where: Placed }[]>();
    for (const [index, reading] of parsed.readings.entries()) {
      const list = byMember.get(reading.memberId) ?? [];
      list.push({ reading, where: { member: reading.memberId, ...parsed.origins[index] } });
      byMember.set(reading.memberId, list);
    }
    for (const [memberId, readings] of byMember) {
      if (output.interactive) output.stderr(`${memberId}: sending ${readings.length} reading(s)\n`);
      for (let start = 0; start < readings.length; start += BATCH)
        await send(stack, memberId, readings.slice(start, start + BATCH), report);
    }
  }
  if (flags.json) printJson(output, report);
  else printReport(output, report);
  return report.stored.length + report.duplicates.length > 0 ? 0 : 1;
}

/** One request of one member's readings, in the typed form (the group figures and source kept). */
async function send(
  stack: Stack,
  memberId: string,
  batch: { reading: OfficialReading; where: Placed }[],
  report: FileReport,
): Promise<void> {
  const body = batch.map(({ reading }) => ({
    observedAt: reading.observedAt,
    overall: reading.overall,
    pillars: reading.pillars,
    source: reading.source,
    ...(reading.observedAtAssumed ? { observedAtAssumed: true } : {}),
    ...(reading.industry ? { industry: reading.industry } : {}),
    ...(reading.network ? { network: reading.network } : {}),
  }));
  const answer = (await stack.getJson(memberPath(memberId, '/official-scores'), body)) as {
    results: { item: number; status: 'stored' | 'duplicate' | 'rejected'; reason?: string }[];
    findings: FindingLine[];
  };
  for (const result of answer.results) {
    const placed = batch[result.item];
    if (!placed) continue;
    const where = { ...placed.where, observedAt: placed.reading.observedAt };
    if (result.status === 'stored') report.stored.push(where);
    else if (result.status === 'duplicate') report.duplicates.push(where);
    else
      report.rejected.push({
        ...(where.line !== undefined ? { line: where.line } : {}),
        ...(where.item !== undefined ? { item: where.item } : {}),
        member: memberId,
        reason: result.reason ?? 'rejected by the API',
      });
  }
  report.findings.push(...answer.findings);
}

const placeOf = (where: { line?: number; item?: number; member?: string }): string =>
  [
    where.line !== undefined
      ? `line ${where.line}`
      : where.item !== undefined
        ? `item ${where.item}`
        : 'file',
    where.member ? `(${where.member})` : '',
  ]
    .filter(Boolean)
    .join(' ');

function printReport(output: Output, report: FileReport): void {
  const shape = report.shapes.length > 0 ? ` as ${report.shapes.join(', ')}` : '';
  output.stdout(
    `${report.file}${shape}: ${report.stored.length} stored, ${report.duplicates.length} already stored (duplicate), ${report.rejected.length} rejected.\n`,
  );
  for (const member of new Set(report.stored.map((placed) => placed.member))) {
    const count = report.stored.filter((placed) => placed.member === member).length;
    output.stdout(`  ${member}: ${count} new reading(s)\n`);
  }
  for (const rejected of report.rejected) {
    output.stdout(`  rejected ${placeOf(rejected)}: ${rejected.reason}\n`);
    if (rejected.expected) for (const shape of rejected.expected) output.stdout(`    expected: ${shape}\n`);
  }
  for (const line of formatFindings(report.findings)) output.stdout(`  new: ${line}\n`);
}
