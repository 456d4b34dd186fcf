import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestManifest } from '../../shared/domain/manifest';
import { runCliCapturing } from '../support/cli-run';
import { useLocalStack } from '../support/local-stack';
import { englishLongCsv, germanWideCsv, ssiPagePayload, teamCsv } from '../support/readings-fixtures';

const stack = useLocalStack();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pillarwatch-readings-'));
  // The CLI finds this stack as it finds `npm start`'s: through <data-dir>/local.json.
  await stack.writeCliConfig(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `pillarwatch …` in process against this stack. */
const cli = (...argv: string[]) => runCliCapturing([...argv, '--data-dir', dir]);

const file = async (name: string, content: string) => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};

const readingsOf = async (member: string) =>
  (
    (await stack.api(`/members/${member}/official-scores`)).json as {
      readings: { observedAt: string; observedAtAssumed?: boolean; source: string; industry?: unknown }[];
    }
  ).readings;

interface FileReport {
  shapes: string[];
  stored: { member: string; line?: number }[];
  duplicates: { member: string; line?: number }[];
  rejected: { line?: number; member?: string; reason: string; expected?: string[] }[];
}

describe('POST /members/{id}/official-scores with the raw SSI page JSON', () => {
  it('stores it at the receipt time before any export, keeping the groups, and names the shapes for an unknown body', async () => {
    const post = () =>
      stack.api('/members/raw-page/official-scores', {
        method: 'POST',
        body: JSON.stringify(ssiPagePayload()),
      });
    const first = await post();
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      stored: true,
      shape: 'ssi-page-json',
      reading: {
        source: 'api-json',
        observedAtAssumed: true,
        overall: 53.03,
        industry: { rank: 9, overall: 31 },
      },
    });
    const [stored] = await readingsOf('raw-page');
    expect(stored?.observedAt).toBe((first.json as { reading: { receivedAt: string } }).reading.receivedAt);

    const unknown = await stack.api('/members/raw-page/official-scores', {
      method: 'POST',
      body: JSON.stringify({ score: 53 }),
    });
    expect(unknown.status).toBe(400);
    expect((unknown.json as { detail: string }).detail).toMatch(
      /expected one of: the SSI page JSON.*long CSV/,
    );
  });

  it('takes an array, answering per item', async () => {
    const typed = {
      observedAt: '2026-05-04',
      overall: 40,
      pillars: { brand: 10, people: 10, insights: 10, relationships: 10 },
    };
    const response = await stack.api('/members/raw-array/official-scores', {
      method: 'POST',
      body: JSON.stringify([typed, { ...typed, overall: 90 }, typed]),
    });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({
      counts: { stored: 1, duplicates: 1, rejected: 1 },
      results: [
        { item: 0, status: 'stored' },
        { item: 1, status: 'rejected', reason: expect.stringMatching(/overall is 90/) },
        { item: 2, status: 'duplicate' },
      ],
    });
  });
});

describe('pillarwatch score --file', () => {
  it('loads a team file into many members, reports line and reason, and a re-run stores nothing new', async () => {
    const path = await file('team.csv', teamCsv(['team-ana', 'team-ben']));
    const first = await cli('score', '--file', path, '--json');
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const report = JSON.parse(first.stdout) as FileReport;
    expect(report.shapes).toEqual(['team-csv']);
    expect(report.stored.map((r) => [r.member, r.line])).toEqual([
      ['team-ana', 2],
      ['team-ana', 3],
      ['team-ben', 4],
    ]);
    expect(report.rejected).toEqual([
      { line: 5, member: 'team-ben', reason: "pillar 'people' is -1; pillars are 0–25" },
      { line: 6, member: '', reason: 'no member: name one with --member or give the file a member column' },
    ]);
    expect(await readingsOf('team-ana')).toHaveLength(2);
    expect((await readingsOf('team-ben'))[0]).toMatchObject({ source: 'csv', industry: { rank: 20 } });

    const again = await cli('score', '--file', path, '--json');
    expect(again.code).toBe(0);
    const rerun = JSON.parse(again.stdout) as FileReport;
    expect(rerun.stored).toEqual([]);
    expect(rerun.duplicates).toHaveLength(3);
    expect(await readingsOf('team-ana')).toHaveLength(2);
  });

  it('reads a German sheet and a scraper CSV for one member, in words a person reads', async () => {
    const german = await cli('score', '--member', 'file-jo', '--file', await file('de.csv', germanWideCsv()));
    expect(german.code).toBe(0);
    expect(german.stdout).toMatch(
      /^de\.csv as wide-csv: 2 stored, 0 already stored \(duplicate\), 0 rejected\.\n/,
    );
    const long = await cli(
      'score',
      '--member',
      'file-jo',
      '--file',
      await file('scrape.csv', englishLongCsv()),
    );
    expect(long.code).toBe(0);
    expect(await readingsOf('file-jo')).toContainEqual(
      expect.objectContaining({
        observedAt: '2026-05-04T00:00:00.000Z',
        industry: expect.objectContaining({ rank: 9 }),
      }),
    );
  });

  it('dates a saved page JSON by its modification time, so a re-run is a duplicate', async () => {
    const path = await file('ssi.json', JSON.stringify(ssiPagePayload()));
    const saved = new Date('2026-05-20T08:00:00Z');
    await utimes(path, saved, saved);
    expect((await cli('score', '--member', 'file-page', '--file', path)).code).toBe(0);
    const again = await cli('score', '--member', 'file-page', '--file', path, '--json');
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as FileReport).duplicates).toHaveLength(1);
    expect(await readingsOf('file-page')).toEqual([
      expect.objectContaining({
        observedAt: saved.toISOString(),
        observedAtAssumed: true,
        source: 'api-json',
      }),
    ]);
  });

  it('exits 1 when nothing usable was found, naming what was expected', async () => {
    const result = await cli(
      'score',
      '--member',
      'file-none',
      '--file',
      await file('notes.txt', 'hello;world\n1;2\n'),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/rejected file: the CSV header must name date,overall/);
    expect(result.stdout).toMatch(/expected: a long CSV/);
  });

  it('reads --brand 14,2 and refuses a negative pillar for what it is', async () => {
    const flags = ['--overall', '40,7', '--insights', '10', '--people', '10', '--relationships', '6,5'];
    const ok = await cli(
      'score',
      '--member',
      'flag-jo',
      '--brand',
      '14,2',
      ...flags,
      '--observed-at',
      '2026-05-04',
    );
    expect(ok.code).toBe(0);
    expect((await readingsOf('flag-jo'))[0]).toMatchObject({ pillars: { brand: 14.2, relationships: 6.5 } });
    const negative = await cli('score', '--member', 'flag-jo', '--brand', '-3', ...flags);
    expect(negative.code).toBe(1);
    expect(negative.stderr).toMatch(/pillar 'brand' is -3; pillars are 0–25/);
  });
});

describe('a team file uploaded to one member’s scores/ prefix', () => {
  it('stores that member’s rows and records the others as rejected in the manifest', async () => {
    await stack.upload('up-ana', Buffer.from(teamCsv(['up-ana', 'up-ben'])), 'scores/up-ana/team.csv');
    await stack.waitForIdle();
    const [manifest] = ((await stack.api('/members/up-ana/ingests')).json as { ingests: IngestManifest[] })
      .ingests;
    expect(manifest).toMatchObject({
      status: 'PARTIAL',
      reason: expect.stringMatching(/^2 new reading\(s\), 0 already stored, 3 rejected/),
    });
    expect(manifest?.filesRecognised[0]?.samples).toContainEqual(
      expect.objectContaining({ line: 4, reason: "the row is for member 'up-ben', not 'up-ana'" }),
    );
  });
});
