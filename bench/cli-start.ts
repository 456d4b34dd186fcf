/**
 * `npm run bench:cli`: how long the `pillarwatch` command takes to start, against a bare `node -e 0`.
 *
 * Each round runs, in a fresh process each and from a directory outside the repository (the CLI must work
 * from anywhere): `node -e 0`, `pillarwatch --help`, `pillarwatch inspect <small export> --json`, and both
 * commands again through tsx (`PILLARWATCH_CLI=tsx`, how the bin ran before the bundle). Cases are
 * interleaved round by round so a load spike hits all of them alike; the figures are medians of wall time
 * around the spawn, so process creation counts for every case equally.
 * Aims (issue #11): `--help` ≤ 3× and `inspect` ≤ 6× `node -e 0`. Exits non-zero when the bundle misses one.
 * Options: --runs <n> (rounds, default 15). Results: bench/out/cli-start-results.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeExport } from '../sample/generator';
import { smallMember } from '../test/support/small-member';

const OUT_DIR = resolve('bench/out');
const BIN = resolve('bin/pillarwatch.mjs');
const AIMS = { help: 3, inspect: 6 } as const;

interface Case {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Throws when the run did not do its job (a fast failure must not pass as a fast start). */
  check: (stdout: string) => void;
}

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);

mkdirSync(OUT_DIR, { recursive: true });
const exportPath = join(OUT_DIR, 'cli-start-export.zip');
const generated = await writeExport(exportPath, smallMember({}));

const expectHelp = (stdout: string) => {
  if (!stdout.startsWith('Usage: pillarwatch')) throw new Error(`--help printed ${stdout.slice(0, 80)}`);
};
const expectInspect = (stdout: string) => {
  const document = JSON.parse(stdout) as { manifest: { status: string } };
  if (document.manifest.status !== 'SUCCEEDED') throw new Error(`inspect: ${document.manifest.status}`);
};
const tsx = { ...process.env, PILLARWATCH_CLI: 'tsx' };
const cases: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'], check: () => {} },
  { name: 'pillarwatch --help', args: [BIN, '--help'], check: expectHelp },
  { name: 'pillarwatch inspect --json', args: [BIN, 'inspect', exportPath, '--json'], check: expectInspect },
  { name: 'pillarwatch --help (tsx)', args: [BIN, '--help'], env: tsx, check: expectHelp },
  {
    name: 'pillarwatch inspect --json (tsx)',
    args: [BIN, 'inspect', exportPath, '--json'],
    env: tsx,
    check: expectInspect,
  },
];

function runOnce(entry: Case): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, entry.args, {
    cwd: tmpdir(),
    env: entry.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${entry.name} exited ${result.status}: ${result.stderr}`);
  entry.check(result.stdout);
  return elapsed;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

// Warm-up: builds the bundle if a source changed since the last run, and fills the OS file cache.
for (const entry of cases) runOnce(entry);

const samples = new Map(cases.map((entry) => [entry.name, [] as number[]]));
for (let round = 0; round < runs; round++) {
  for (const entry of cases) samples.get(entry.name)?.push(runOnce(entry));
  process.stderr.write(`\rround ${round + 1}/${runs}`);
}
process.stderr.write('\n');

const results = cases.map(({ name }) => {
  const sorted = [...(samples.get(name) ?? [])].sort((a, b) => a - b);
  return { name, medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), runs: sorted.length };
});
const baseline = results[0]?.medianMs ?? Number.NaN;
const ratio = (name: string) =>
  (results.find((result) => result.name === name)?.medianMs ?? Number.NaN) / baseline;

console.log(
  `export: ${generated.path} (${(statSync(generated.path).size / 1024).toFixed(0)} KB zipped), ${runs} rounds\n`,
);
console.log('| run | median | p90 | × node -e 0 |');
console.log('|---|---|---|---|');
for (const result of results) {
  console.log(
    `| \`${result.name}\` | ${result.medianMs.toFixed(0)} ms | ${result.p90Ms.toFixed(0)} ms | ${(result.medianMs / baseline).toFixed(1)}× |`,
  );
}
const verdict = {
  help: { ratio: ratio('pillarwatch --help'), aim: AIMS.help },
  inspect: { ratio: ratio('pillarwatch inspect --json'), aim: AIMS.inspect },
};
writeFileSync(
  join(OUT_DIR, 'cli-start-results.json'),
  `${JSON.stringify({ node: process.version, runs, results, verdict }, null, 2)}\n`,
);
const missed = Object.entries(verdict).filter(([, { ratio, aim }]) => !(ratio <= aim));
for (const [name, { ratio, aim }] of missed)
  console.error(`${name}: ${ratio.toFixed(1)}× node -e 0, aim ≤ ${aim}×`);
process.exitCode = missed.length > 0 ? 1 : 0;
