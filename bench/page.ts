/**
 * `npm run bench:page`: how fast the web app shows a member's page and a team's page, in Debian's Chromium
 * against the real local stack (`npm start`, its sample member loaded), and how many bytes each page costs.
 *
 * It starts the stack in a fresh data dir, lets the sample member and a 500-member team be built from it,
 * then per round opens `/app/?member=sample` in a fresh browser context (no cache) and measures, inside the
 * page, the time from navigation start until `main#member-page` is in the document; the team page likewise
 * from `/teams/{id}/report`. Aims (#12, #13): the member page under 1 s and 150 KB, the team page of 500
 * members under 2 s and 400 KB. Figures are medians; results go to bench/out/page-results.json.
 * Options: --runs <n> (default 7), --port <n> (default 3917).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const OUT_DIR = resolve('bench/out');
const TEAM = 'bench-team';
const TEAM_SIZE = 500;
const AIMS = { memberMs: 1000, memberBytes: 150 * 1024, teamMs: 2000, teamBytes: 400 * 1024 } as const;

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, port: { type: 'string', default: '3917' } },
});
const runs = Number(values.runs);
const port = Number(values.port);
const api = `http://127.0.0.1:${port}`;

const startStack = async (dataDir: string): Promise<ChildProcess> => {
  const child = spawn('npx', ['tsx', 'bin/local-stack.ts', '--port', String(port), '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  await new Promise<void>((ready, failed) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Press Ctrl-C to stop.')) ready();
    });
    child.on('exit', (code) => failed(new Error(`the local stack exited (${code}) before it was ready`)));
  });
  return child;
};

const put = async (path: string, body: unknown) => {
  const response = await fetch(`${api}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`);
};

/** The sample member and 499 more with its readings copied, all in one team: a team page of 500. */
const seedTeam = async () => {
  const readings = (await (await fetch(`${api}/members/sample/official-scores`)).json()) as {
    readings: { observedAt: string; overall: number; pillars: Record<string, number> }[];
  };
  const members = Array.from({ length: TEAM_SIZE }, (_, i) =>
    i === 0 ? 'sample' : `bench-${String(i).padStart(3, '0')}`,
  );
  await put(
    `/teams/${TEAM}/members`,
    members.map((memberId) => ({ memberId, displayName: memberId })),
  );
  for (let i = 1; i < members.length; i += 25)
    await Promise.all(
      members.slice(i, i + 25).map(async (memberId, k) => {
        const shift = ((i + k) % 9) - 4;
        const body = readings.readings.slice(-6).map((reading) => shifted(reading, shift));
        const response = await fetch(`${api}/members/${memberId}/official-scores`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        // Every member must have their readings, or the page measured is a smaller one.
        if (!response.ok)
          throw new Error(`POST readings of ${memberId}: ${response.status} ${await response.text()}`);
      }),
    );
};

/** A reading moved by `shift` points, spread over its pillars (the API checks that they sum to the overall). */
const shifted = (
  reading: { observedAt: string; overall: number; pillars: Record<string, number> },
  shift: number,
) => {
  const pillars = Object.fromEntries(
    Object.entries(reading.pillars).map(([pillar, value]) => [
      pillar,
      Math.min(25, Math.max(0, value + shift / 4)),
    ]),
  );
  const moved =
    Object.values(pillars).reduce((a, b) => a + b, 0) -
    Object.values(reading.pillars).reduce((a, b) => a + b, 0);
  return { observedAt: reading.observedAt, overall: reading.overall + moved, pillars };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const dataDir = mkdtempSync(join(tmpdir(), 'pillarwatch-bench-page-'));
const stack = await startStack(dataDir);
try {
  await seedTeam();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const member: number[] = [];
  const team: number[] = [];
  let memberBytes = 0;
  let teamBytes = 0;
  for (let round = 0; round < runs; round++) {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    let bytes = 0;
    page.on('response', async (response) => {
      bytes += (await response.body().catch(() => Buffer.alloc(0))).length;
    });
    await page.goto(`${api}/app/?member=sample&lang=de`);
    await page.waitForSelector('main#member-page');
    member.push(await page.evaluate(() => performance.now()));
    await page.waitForLoadState('networkidle');
    memberBytes = bytes;
    const teamPage = await context.newPage();
    const response = await teamPage.goto(`${api}/teams/${TEAM}/report?lang=de`);
    teamBytes = (await response?.body())?.length ?? 0;
    team.push(
      await teamPage.evaluate(
        () =>
          (performance.getEntriesByType as (type: string) => { duration: number }[])('navigation')[0]
            ?.duration ?? NaN,
      ),
    );
    await context.close();
  }
  await browser.close();
  const result = {
    runs,
    memberPageMs: Math.round(median(member)),
    memberPageBytes: memberBytes,
    teamPageMs: Math.round(median(team)),
    teamPageBytes: teamBytes,
    teamMembers: TEAM_SIZE,
    aims: AIMS,
  };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'page-results.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `member page (de): ${result.memberPageMs} ms to main#member-page, ${Math.round(memberBytes / 1024)} KB over the wire\n` +
      `team page of ${TEAM_SIZE} (de): ${result.teamPageMs} ms to load, ${Math.round(teamBytes / 1024)} KB`,
  );
  console.log(JSON.stringify(result));
  const missed =
    result.memberPageMs > AIMS.memberMs ||
    memberBytes > AIMS.memberBytes ||
    result.teamPageMs > AIMS.teamMs ||
    teamBytes > AIMS.teamBytes;
  process.exitCode = missed ? 1 : 0;
} finally {
  if (stack.pid) process.kill(-stack.pid, 'SIGINT');
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dataDir, { recursive: true, force: true });
}
