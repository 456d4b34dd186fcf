/**
 * `pillarwatch` — the command line for the local stack (`npm start`) and for looking inside an export offline.
 * Every error is one line on stderr and a non-zero exit; no stack traces.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import {
  DEFAULT_DATA_DIR,
  type LocalStackConfig,
  localConfigPath,
  readLocalConfig,
} from '../local/config-file';
import {
  type DayCounts,
  type FindingLine,
  formatBytes,
  formatDayCounts,
  formatFindings,
  formatManifest,
  manifestsFromResponse,
} from '../local/format';
import { localS3Client, uploadObject } from '../local/upload';
import type { IngestManifest } from '../shared/domain/manifest';
import { PILLARS } from '../shared/domain/pillars';
import { EXPORTS_PREFIX } from '../shared/store/layout';
import type { Leaderboard } from '../shared/teams/ranking';

const MEMBER_ID = /^[A-Za-z0-9._-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INGEST_WAIT_MS = 10 * 60_000;
const POLL_MS = 1_000;
const NO_STACK = 'No local stack is running — start one with `npm start`';

/** A failure the user can act on: printed as one line, exit code 1 (2 for usage errors). */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

class ApiError extends CliError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const USAGE = `Usage: pillarwatch <command> [options]

Commands:
  upload <export.zip> --member <id>   upload an export to the local stack and wait for its ingest
  inspect <export.zip>                read an export offline and show what would be ingested
  activity --member <id>              per-day activity counts from the local API
  ingests --member <id>               ingest manifests from the local API, newest first
  score --member <id> --overall <n> --brand <n> --people <n> --insights <n> --relationships <n>
                                      report an official SSI reading (findings are re-evaluated)
  estimates --member <id>             daily pillar estimates, raw and calibrated
  findings --member <id>              STALE / DIVERGENT / RECALCULATION findings with their spans
  report --member <id> [--out f.html] write the member's report page (chart, findings, latest ingest)
  member --member <id> --name <name> --teams <a,b,...>
                                      set a member's display name and teams
  leaderboard --team <id> [--date YYYY-MM-DD]
                                      rank a team's members by official or estimated score
  erase --member <id> --yes           delete everything stored about a member, uploads included

Run \`pillarwatch <command> --help\` for a command's options.
`;

const HELP: Record<string, string> = {
  upload: `Usage: pillarwatch upload <export.zip> --member <id> [--json] [--data-dir <dir>]

Uploads the ZIP to the local stack's bucket under ${EXPORTS_PREFIX}<id>/, waits until its ingest manifest
appears (up to 10 minutes) and prints it. Exits 1 when the ingest FAILED.

  --member <id>     member id: letters, digits, '.', '_' or '-', at most 64 characters
  --json            print the manifest as JSON
  --data-dir <dir>  the local stack's data dir (default ${DEFAULT_DATA_DIR})
`,
  inspect: `Usage: pillarwatch inspect <export.zip> [--json]

Reads the export without uploading it (no local stack needed) and prints what an ingest would find:
files recognised and ignored, rows per kind, rejected rows with samples, and the activity per day
(per month for long exports). Exits 1 when the export would fail.

  --json   print {"manifest": …, "days": […]}
`,
  activity: `Usage: pillarwatch activity --member <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--data-dir <dir>]

Per-day activity counts for a member, from the local API.
`,
  score: `Usage: pillarwatch score --member <id> --overall <n> --brand <n> --people <n> --insights <n> --relationships <n> [--observed-at <ISO time>] [--json]

Reports one official SSI reading (as shown on linkedin.com/sales/ssi) to the local API. Pillars are 0–25,
overall 0–100 (the rounded pillar sum is fine). --observed-at defaults to now. A reading already stored is
kept once. Prints the new findings it raised. For a history, upload a CSV
(date,overall,brand,people,insights,relationships) or the SSI page's JSON to scores/<id>/ in the bucket.
`,
  estimates: `Usage: pillarwatch estimates --member <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--data-dir <dir>]

Daily pillar estimates (model v1, docs/model.md): raw, calibrated (once 5 readings exist) and confidence.
`,
  findings: `Usage: pillarwatch findings --member <id> [--json] [--data-dir <dir>]

STALE, DIVERGENT and RECALCULATION findings (docs/findings.md) with their spans; --json for the evidence.
`,
  report: `Usage: pillarwatch report --member <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out <file.html>] [--data-dir <dir>]

Writes the member's report page (a self-contained HTML file: chart of estimates and official readings with
STALE spans shaded, the findings and the latest ingest in words) to --out (default report-<id>.html) and
prints its path; open it in any browser. Default range: the last 365 days.
`,
  ingests: `Usage: pillarwatch ingests --member <id> [--json] [--data-dir <dir>]

The member's ingest manifests, newest first, from the local API.
`,
  member: `Usage: pillarwatch member --member <id> --name <display name> --teams <a,b,...> [--json] [--data-dir <dir>]

Sets the member's display name and teams (PUT /members/{id}); both are replaced, so list every team the
member belongs to (--teams "" removes them from all). Prints "Saved." or "Unchanged." and the teams.

  --name <name>     display name shown on leaderboards (1–100 characters)
  --teams <a,b,…>   comma-separated team ids: letters, digits, '.', '_' or '-', at most 20 teams
`,
  leaderboard: `Usage: pillarwatch leaderboard --team <id> [--date YYYY-MM-DD] [--json] [--data-dir <dir>]

The team's ranking on a day (default today, docs/teams.md): members with an official reading first (by
overall), then by estimated total (calibrated when a calibration applies), then the rest. STALE marks an
open STALE finding. Ends with the team averages.
`,
  erase: `Usage: pillarwatch erase --member <id> --yes [--json] [--data-dir <dir>]

Deletes everything stored about the member (activity, estimates, official readings, findings, ingest
manifests, team membership) and every version of their uploads in the bucket (DELETE /members/{id}).
It cannot be undone, so --yes is required. Prints the counts removed.
`,
};

type Flags = Record<string, string | boolean | undefined>;

async function main(argv: string[]): Promise<number> {
  // The SDK's "Node 22 needed from 2027" notice concerns Lambda's runtime, not this tool.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const help = HELP[command];
  if (!help) throw new CliError(`Unknown command "${command}". Run \`pillarwatch --help\` for the list.`, 2);
  const { values, positionals } = parse(rest, {
    member: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
    'observed-at': { type: 'string' },
    out: { type: 'string' },
    overall: { type: 'string' },
    name: { type: 'string' },
    teams: { type: 'string' },
    team: { type: 'string' },
    date: { type: 'string' },
    yes: { type: 'boolean' },
    ...Object.fromEntries(PILLARS.map((pillar) => [pillar, { type: 'string' as const }])),
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  switch (command) {
    case 'upload':
      return upload(single(positionals, 'upload'), values);
    case 'inspect':
      return inspect(single(positionals, 'inspect'), values);
    case 'activity':
      return activity(values);
    case 'score':
      return score(values);
    case 'estimates':
      return estimates(values);
    case 'findings':
      return findings(values);
    case 'report':
      return report(values);
    case 'member':
      return putMember(values);
    case 'leaderboard':
      return showLeaderboard(values);
    case 'erase':
      return eraseMember(values);
    default:
      return ingests(values);
  }
}

function parse(args: string[], options: ParseArgsConfig['options']) {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Flags, positionals };
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
}

function single(positionals: string[], command: string): string {
  const [path, extra] = positionals;
  if (path === undefined)
    throw new CliError(`${command}: missing <export.zip>. See \`pillarwatch ${command} --help\`.`, 2);
  if (extra !== undefined) throw new CliError(`${command}: unexpected argument "${extra}".`, 2);
  return path;
}

function memberOf(values: Flags): string {
  const member = values.member;
  if (typeof member !== 'string') throw new CliError('--member <id> is required.', 2);
  if (!MEMBER_ID.test(member)) {
    throw new CliError(`Invalid member id "${member}": use 1–64 letters, digits, '.', '_' or '-'.`, 2);
  }
  return member;
}

// ---------------------------------------------------------------------------------------------- upload

async function upload(path: string, values: Flags): Promise<number> {
  const member = memberOf(values);
  await assertReadableFile(path);
  if (!/\.zip$/i.test(path))
    throw new CliError(`${path} is not a .zip file (expected the LinkedIn export ZIP).`, 2);
  const stack = await connect(values, member);
  // The timestamp keeps every upload a separate object (and manifest); the ingest spots identical content.
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const key = `${EXPORTS_PREFIX}${member}/${stamp}-${basename(path).replace(/\.zip$/i, '.zip')}`;

  const client = localS3Client(stack.config.s3Endpoint);
  const progress = progressLine(`Uploading ${basename(path)}`);
  try {
    await uploadObject({
      client,
      bucket: stack.config.bucket,
      key,
      body: resolve(path),
      onProgress: progress.update,
    });
  } catch (error) {
    throw new CliError(`Upload to ${stack.config.s3Endpoint} failed: ${(error as Error).message}`);
  } finally {
    progress.done();
    client.destroy();
  }
  process.stderr.write(`Uploaded to s3://${stack.config.bucket}/${key}; waiting for the ingest…\n`);

  const manifest = await waitForManifest(stack, member, key);
  if (values.json) process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  else process.stdout.write(`${formatManifest(manifest).join('\n')}\n`);
  return manifest.status === 'FAILED' ? 1 : 0;
}

async function waitForManifest(stack: Stack, member: string, key: string): Promise<IngestManifest> {
  const deadline = Date.now() + INGEST_WAIT_MS;
  for (;;) {
    // A member's first upload: the API says 404 (no data yet) until its ingest has written something.
    const body = await stack
      .getJson(`/members/${encodeURIComponent(member)}/ingests`)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return [];
        throw error;
      });
    const manifests = manifestsFromResponse(body);
    const manifest = manifests.find((candidate) => candidate.objectKey === key);
    if (manifest) return manifest;
    if (await isDeadLettered(stack.dataDir, key)) {
      throw new CliError(
        `The ingest of ${key} failed on every delivery and was dead-lettered (see ${stack.dataDir}/dead-letters.jsonl and the \`npm start\` output).`,
      );
    }
    if (Date.now() > deadline) {
      throw new CliError(
        `No ingest manifest for ${key} after ${INGEST_WAIT_MS / 60_000} minutes. It may still be running: check \`pillarwatch ingests --member ${member}\` and the \`npm start\` output.`,
      );
    }
    await new Promise((wake) => setTimeout(wake, POLL_MS));
  }
}

/** The local queue appends messages it gave up on to dead-letters.jsonl (see local/s3-events.ts). */
async function isDeadLettered(dataDir: string, key: string): Promise<boolean> {
  const text = await readFile(`${dataDir}/dead-letters.jsonl`, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .some((line) => {
      try {
        const body = JSON.parse(JSON.parse(line).body) as {
          Records?: { s3?: { object?: { key?: string } } }[];
        };
        const encoded = body.Records?.[0]?.s3?.object?.key ?? '';
        return decodeURIComponent(encoded.replace(/\+/g, ' ')) === key;
      } catch {
        return false;
      }
    });
}

function progressLine(label: string) {
  const interactive = process.stderr.isTTY === true;
  let last = '';
  let total = 0;
  let sent = 0;
  return {
    update: (bytes: number, size: number) => {
      sent = bytes;
      total = size;
      const line = `${label}: ${total ? Math.floor((100 * sent) / total) : 100}% (${formatBytes(sent)} of ${formatBytes(total)})`;
      if (interactive && line !== last) process.stderr.write(`\r${line}`);
      last = line;
    },
    done: () => {
      if (interactive && last) process.stderr.write('\n');
      else if (last) process.stderr.write(`${last}\n`);
    },
  };
}

// ---------------------------------------------------------------------------------------------- inspect

async function inspect(path: string, values: Flags): Promise<number> {
  await assertReadableFile(path);
  // Loaded on demand: the other commands must not depend on the export reader.
  const { inspectExport } = await import('../shared/ingest/inspect');
  const { manifest, days } = await inspectExport(resolve(path));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ manifest, days }, null, 2)}\n`);
  } else {
    const activity = manifest.status === 'FAILED' ? [] : ['', 'Activity:', ...formatDayCounts(days)];
    const lines = [...formatManifest(manifest), ...activity];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return manifest.status === 'FAILED' ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------- API reads

/** Every day of a paged day-range route: follows `nextCursor` so the whole range is shown. */
async function allDays<T>(stack: Stack, path: string, query: URLSearchParams): Promise<T[]> {
  const days: T[] = [];
  let cursor: string | undefined;
  do {
    if (cursor) query.set('cursor', cursor);
    const body = (await stack.getJson(`${path}?${query}`)) as { days: T[]; nextCursor?: string };
    days.push(...body.days);
    cursor = body.nextCursor;
  } while (cursor);
  return days;
}

/** `--from` / `--to` as API query parameters. */
function dayQuery(values: Flags): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ['from', 'to'] as const) {
    const value = values[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !DAY.test(value))
      throw new CliError(`--${name} must be a day, YYYY-MM-DD.`, 2);
    query.set(name, value);
  }
  return query;
}

async function activity(values: Flags): Promise<number> {
  const member = memberOf(values);
  const query = dayQuery(values);
  const stack = await connect(values, member);
  const label = query.size > 0 ? ` (${query.get('from') ?? '…'} to ${query.get('to') ?? '…'})` : '';
  const days = await allDays<DayCounts>(stack, `/members/${encodeURIComponent(member)}/activity`, query);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ memberId: member, days }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`Activity of ${member}${label}:\n`);
  process.stdout.write(`${formatDayCounts(days).join('\n')}\n`);
  return 0;
}

async function ingests(values: Flags): Promise<number> {
  const member = memberOf(values);
  const stack = await connect(values, member);
  const body = await stack.getJson(`/members/${encodeURIComponent(member)}/ingests`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  const manifests = manifestsFromResponse(body);
  if (manifests.length === 0) process.stdout.write(`No ingests for ${member} yet.\n`);
  for (const manifest of manifests) process.stdout.write(`${formatManifest(manifest).join('\n')}\n\n`);
  return 0;
}

function numberFlag(values: Flags, name: string): number {
  const value = Number(values[name]);
  if (typeof values[name] !== 'string' || !Number.isFinite(value))
    throw new CliError(`--${name} <number> is required.`, 2);
  return value;
}

async function score(values: Flags): Promise<number> {
  const member = memberOf(values);
  const reading = {
    observedAt: typeof values['observed-at'] === 'string' ? values['observed-at'] : new Date().toISOString(),
    overall: numberFlag(values, 'overall'),
    pillars: Object.fromEntries(PILLARS.map((pillar) => [pillar, numberFlag(values, pillar)])),
  };
  const stack = await connect(values, member);
  const body = (await stack.getJson(`/members/${encodeURIComponent(member)}/official-scores`, reading)) as {
    stored: boolean;
    findings: FindingLine[];
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(body.stored ? 'Reading stored.\n' : 'This reading was already stored.\n');
  for (const line of formatFindings(body.findings)) process.stdout.write(`  new: ${line}\n`);
  return 0;
}

async function estimates(values: Flags): Promise<number> {
  const member = memberOf(values);
  const query = dayQuery(values);
  const stack = await connect(values, member);
  type EstimateDay = {
    day: string;
    total: number;
    pillars: Record<string, number>;
    calibrated: { total: number } | null;
    confidence: { total: number };
  };
  const days = await allDays<EstimateDay>(stack, `/members/${encodeURIComponent(member)}/estimates`, query);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ memberId: member, days }, null, 2)}\n`);
    return 0;
  }
  if (days.length === 0) process.stdout.write(`No estimates for ${member} in that range.\n`);
  else
    process.stdout.write(
      `day         ${PILLARS.map((p) => p.padStart(14)).join('')}  total  calibrated  confidence\n`,
    );
  for (const d of days) {
    const pillars = PILLARS.map((p) => (d.pillars[p] ?? 0).toFixed(2).padStart(14)).join('');
    const calibrated = d.calibrated ? d.calibrated.total.toFixed(2) : '—';
    process.stdout.write(
      `${d.day}  ${pillars}  ${d.total.toFixed(2).padStart(5)}  ${calibrated.padStart(10)}  ${d.confidence.total.toFixed(2).padStart(10)}\n`,
    );
  }
  return 0;
}

async function findings(values: Flags): Promise<number> {
  const member = memberOf(values);
  const stack = await connect(values, member);
  const body = (await stack.getJson(`/members/${encodeURIComponent(member)}/findings`)) as {
    findings: FindingLine[];
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  if (body.findings.length === 0) process.stdout.write(`No findings for ${member}.\n`);
  for (const line of formatFindings(body.findings)) process.stdout.write(`${line}\n`);
  return 0;
}

async function report(values: Flags): Promise<number> {
  const member = memberOf(values);
  const query = dayQuery(values);
  const stack = await connect(values, member);
  const page = await stack.getText(`/members/${encodeURIComponent(member)}/report?${query}`);
  const out = resolve(typeof values.out === 'string' ? values.out : `report-${member}.html`);
  await writeFile(out, page);
  process.stdout.write(
    `Report written to ${out} (${formatBytes(Buffer.byteLength(page))}); open it in a browser.\n`,
  );
  return 0;
}

// ---------------------------------------------------------------------------------------------- teams and erasure

/** A team id: the member-id alphabet, minus the dot segments a URL would resolve away. */
function teamIdOf(value: string, flag: string): string {
  if (!MEMBER_ID.test(value) || value === '.' || value === '..') {
    throw new CliError(
      `Invalid team id "${value}" in ${flag}: use 1–64 letters, digits, '.', '_' or '-'.`,
      2,
    );
  }
  return value;
}

async function putMember(values: Flags): Promise<number> {
  const id = memberOf(values);
  if (typeof values.name !== 'string' || values.name.trim() === '')
    throw new CliError('--name <display name> is required.', 2);
  if (typeof values.teams !== 'string') throw new CliError('--teams <a,b,...> is required.', 2);
  const teams = values.teams
    .split(',')
    .map((team) => team.trim())
    .filter(Boolean)
    .map((team) => teamIdOf(team, '--teams'));
  const stack = await connect(values, id);
  const body = (await stack.getJson(
    `/members/${encodeURIComponent(id)}`,
    { displayName: values.name, teams },
    'PUT',
  )) as { memberId: string; displayName: string; teams: string[]; changed: boolean };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  const list = body.teams.length > 0 ? body.teams.join(', ') : '(none)';
  process.stdout.write(
    `${body.changed ? 'Saved.' : 'Unchanged.'} ${body.memberId} (${body.displayName}), teams: ${list}\n`,
  );
  return 0;
}

async function showLeaderboard(values: Flags): Promise<number> {
  if (typeof values.team !== 'string') throw new CliError('--team <id> is required.', 2);
  const team = teamIdOf(values.team, '--team');
  const query = new URLSearchParams();
  if (values.date !== undefined) {
    if (typeof values.date !== 'string' || !DAY.test(values.date))
      throw new CliError('--date must be a day, YYYY-MM-DD.', 2);
    query.set('date', values.date);
  }
  const stack = await connect(values);
  const path = `/teams/${encodeURIComponent(team)}/leaderboard${query.size > 0 ? `?${query}` : ''}`;
  const board = (await stack.getJson(path)) as Leaderboard;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(board, null, 2)}\n`);
    return 0;
  }
  const fixed = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(2));
  const rows = board.members.map((m) => [
    String(m.rank),
    m.memberId,
    m.displayName,
    fixed(m.official?.overall),
    m.estimate
      ? m.estimate.calibrated
        ? `${fixed(m.estimate.calibrated.total)} cal`
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
  process.stdout.write(`Team ${board.teamId} on ${board.date} (ranked by ${board.ranking}):\n`);
  process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  const { official, estimate, calibrated } = board.averages;
  const avg = (label: string, a: { members: number } | null, value: number | undefined) =>
    `${label} ${a ? `${fixed(value)} (${a.members})` : '—'}`;
  process.stdout.write(
    `Team averages: ${[
      avg('official', official, official?.overall),
      avg('estimate', estimate, estimate?.total),
      avg('calibrated', calibrated, calibrated?.total),
    ].join(', ')}\n`,
  );
  return 0;
}

async function eraseMember(values: Flags): Promise<number> {
  const id = memberOf(values);
  if (!values.yes) {
    throw new CliError(
      `erase deletes everything stored about ${id} (activity, estimates, readings, findings, ingests, teams and every upload version); add --yes to confirm.`,
      2,
    );
  }
  const stack = await connect(values, id);
  const body = (await stack.getJson(`/members/${encodeURIComponent(id)}`, undefined, 'DELETE')) as {
    memberId: string;
    items: Record<string, number>;
    objects: number;
    objectVersions: number;
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  const counts = Object.entries(body.items);
  const items = counts.reduce((sum, [, n]) => sum + n, 0);
  process.stdout.write(
    `Erased ${body.memberId}: ${items} items (${counts.map(([kind, n]) => `${kind} ${n}`).join(', ')}), ${body.objects} objects (${body.objectVersions} object versions).\n`,
  );
  return 0;
}

// ---------------------------------------------------------------------------------------------- the stack

interface Stack {
  config: LocalStackConfig;
  dataDir: string;
  /** GET, or POST with a JSON body when `body` is given; `method` overrides either (PUT, DELETE). */
  getJson(path: string, body?: unknown, method?: 'PUT' | 'DELETE'): Promise<unknown>;
  /** GET a non-JSON page (the report). */
  getText(path: string): Promise<string>;
}

/**
 * Finds the running local stack through `<data-dir>/local.json` and checks that its API answers (probing the
 * member's route when there is one, the OpenAPI document otherwise).
 */
async function connect(values: Flags, member?: string): Promise<Stack> {
  const dataDir = resolve(typeof values['data-dir'] === 'string' ? values['data-dir'] : DEFAULT_DATA_DIR);
  const config = await readLocalConfig(dataDir);
  if (!config) throw new CliError(`${NO_STACK} (no ${localConfigPath(dataDir)}).`);
  const getJson = async (path: string, body?: unknown, method?: 'PUT' | 'DELETE'): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${config.apiUrl}${path}`, {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new CliError(`${NO_STACK} (${config.apiUrl} does not answer).`);
    }
    const text = await response.text();
    let answer: unknown;
    try {
      answer = text ? JSON.parse(text) : undefined;
    } catch {
      throw new CliError(`The API answered ${response.status} with something that is not JSON.`);
    }
    if (!response.ok) {
      const problem = (answer ?? {}) as { title?: string; detail?: string };
      const detail = problem.detail ? `: ${problem.detail.replace(/\.$/, '')}` : '';
      throw new ApiError(
        response.status,
        `The API answered ${response.status}${problem.title ? ` ${problem.title}` : ''}${detail}.`,
      );
    }
    return answer;
  };
  // Answering at all is what counts here (any status); a refused connection means the stack is gone.
  try {
    const probe = member === undefined ? '/openapi.json' : `/members/${encodeURIComponent(member)}/ingests`;
    await fetch(`${config.apiUrl}${probe}`, { method: 'HEAD' });
  } catch {
    throw new CliError(`${NO_STACK} (${config.apiUrl} does not answer).`);
  }
  const getText = async (path: string): Promise<string> => {
    const response = await fetch(`${config.apiUrl}${path}`).catch(() => {
      throw new CliError(`${NO_STACK} (${config.apiUrl} does not answer).`);
    });
    const text = await response.text();
    if (!response.ok) {
      const detail = (() => {
        try {
          return (JSON.parse(text) as { detail?: string }).detail;
        } catch {
          return undefined;
        }
      })();
      throw new ApiError(
        response.status,
        `The API answered ${response.status}${detail ? `: ${detail.replace(/\.$/, '')}` : ''}.`,
      );
    }
    return text;
  };
  return { config, dataDir, getJson, getText };
}

async function assertReadableFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new CliError(`No such file: ${path}`, 2);
  if (!info.isFile()) throw new CliError(`Not a file: ${path}`, 2);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`pillarwatch: ${message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  },
);
