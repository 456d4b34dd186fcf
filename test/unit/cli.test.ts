import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bin/commands';
import { writeExport } from '../../sample/generator';
import { runCliCapturing } from '../support/cli-run';
import { smallMember } from '../support/small-member';

const cli = (...argv: string[]) => runCliCapturing(argv);

/** An error is one `pillarwatch: …` line on stderr, nothing on stdout, and no stack trace. */
function expectOneLineError(result: { stdout: string; stderr: string }, message: string | RegExp) {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^pillarwatch: [^\n]+\n$/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).toMatch(message);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pillarwatch-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('pillarwatch --help', () => {
  it('lists every registered command, in the layout users know', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command.name} `, 'm'));
    expect(result.stdout).toBe(`Usage: pillarwatch <command> [options]

Commands:
  upload <export.zip> --member <id>   upload an export (no S3 credentials needed) and wait for its ingest
  inspect <export.zip>                read an export offline and show what would be ingested
  activity --member <id>              per-day activity counts from the local API
  ingests --member <id>               ingest manifests from the local API, newest first
  score --member <id> --overall <n> --brand <n> --people <n> --insights <n> --relationships <n>
                                      report an official SSI reading (findings are re-evaluated)
  estimates --member <id>             daily pillar estimates, raw and calibrated
  findings --member <id>              STALE / DIVERGENT / RECALCULATION findings with their spans
  sweep                               run the daily findings sweep now and wait for it
  report --member <id> [--out f.html] write the member's report page (chart, findings, latest ingest)
  plan --member <id>                  what to do next: actions, their gain per pillar, the forecast
  member --member <id> --name <name> --teams <a,b,...>
                                      set a member's display name and teams
  members                             list the registered members with their names and teams
  teams                               list the teams with their member counts
  leaderboard --team <id> [--date YYYY-MM-DD]
                                      rank a team's members by official or estimated score
  competition --team <id>             rank a team's members by improvement over a period
  tiers --team <id>                   place a team's members as beginner / advanced / star, and the make-up over time
  kpi --team <id>                     the team's company KPI per week: SSI, strategic and business goals
  erase --member <id> --yes           delete everything stored about a member, uploads included

Run \`pillarwatch <command> --help\` for a command's options.
`);
    // No arguments, `-h` and `help` show the same list.
    for (const argv of [[], ['-h'], ['help']]) expect((await cli(...argv)).stdout).toBe(result.stdout);
  });

  it.each(COMMANDS.map((command) => command.name))('%s --help shows its usage', async (name) => {
    const result = await cli(name, '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: pillarwatch ${name} .+\\n\\n\\S`));
    expect(result.stderr).toBe('');
  });
});

describe('errors: one line on stderr, a non-zero exit', () => {
  it('an unknown command exits 2 and points to the list', async () => {
    for (const name of ['bogus', 'toString', '--json']) {
      const result = await cli(name, '--member', 'jane');
      expect(result.code).toBe(2);
      expectOneLineError(result, `Unknown command "${name}". Run \`pillarwatch --help\` for the list.`);
    }
  });

  it('an unknown flag, or one of another command, exits 2 and points to the command help', async () => {
    for (const argv of [
      ['activity', '--member', 'jane', '--bogus'],
      ['activity', '--member', 'jane', '--teams', 'emea'],
    ]) {
      const result = await cli(...argv);
      expect(result.code).toBe(2);
      expectOneLineError(result, /Unknown option '--(bogus|teams)'.*See `pillarwatch activity --help`\.$/m);
    }
  });

  it('a missing required flag or argument exits 2', async () => {
    const cases: [string[], string][] = [
      [['activity'], '--member <id> is required.'],
      [['leaderboard'], '--team <id> is required.'],
      [['competition'], '--team <id> is required.'],
      [['tiers'], '--team <id> is required.'],
      [['kpi'], '--team <id> is required.'],
      [
        ['competition', '--team', 'emea', '--metric', 'likes'],
        '--metric must be one of total, brand, people, insights, relationships.',
      ],
      [['competition', '--team', 'emea', '--json', '--csv'], '--json and --csv exclude each other.'],
      [['member', '--member', 'jane', '--name', 'Jane'], '--teams <a,b,...> is required.'],
      [['score', '--member', 'jane', '--overall', '40'], '--brand <number> is required.'],
      [['inspect'], 'inspect: missing <export.zip>. See `pillarwatch inspect --help`.'],
      [['inspect', 'a.zip', 'b.zip'], 'inspect: unexpected argument "b.zip".'],
      [['ingests', 'jane'], 'ingests: unexpected argument "jane".'],
      [['activity', '--member', 'jane', '--from', '2026-3-1'], '--from must be a day, YYYY-MM-DD.'],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expectOneLineError(result, `pillarwatch: ${message}\n`);
    }
  });

  it('no local stack: exit 1 and says to run `npm start`, with or without a stale local.json', async () => {
    const missing = await cli('ingests', '--member', 'jane', '--data-dir', dir);
    expect(missing.code).toBe(1);
    expectOneLineError(
      missing,
      `No local stack is running — start one with \`npm start\` (no ${dir}/local.json).`,
    );

    // A port that was free a moment ago: nothing answers there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const apiUrl = `http://127.0.0.1:${port}`;
    await writeFile(
      join(dir, 'local.json'),
      JSON.stringify({ apiUrl, s3Endpoint: apiUrl, dynamoEndpoint: apiUrl, bucket: 'b', table: 't', pid: 1 }),
    );
    const stale = await cli('leaderboard', '--team', 'emea', '--data-dir', dir);
    expect(stale.code).toBe(1);
    expectOneLineError(stale, `(${apiUrl} does not answer).`);
    await rm(join(dir, 'local.json'));
  });
});

describe('pillarwatch inspect', () => {
  it('--json writes exactly one JSON document to stdout and exits 0 for a readable export', async () => {
    const { path } = await writeExport(join(dir, 'export.zip'), smallMember({}));
    const result = await cli('inspect', path, '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const document = JSON.parse(result.stdout) as { manifest: { status: string }; days: unknown[] };
    expect(document.manifest.status).toBe('SUCCEEDED');
    expect(document.days.length).toBeGreaterThan(0);
  });
});
