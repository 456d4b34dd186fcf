import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExport } from '../../sample/generator';
import { smallMember } from '../support/small-member';

/**
 * The `pillarwatch` bin as a user runs it: a separate process, started from a directory outside the package,
 * running the prebuilt bundle (bin/cli-bundle.mjs) — built on first run, rebuilt when a source changes,
 * replaced by tsx when no bundle can be built. Each test has its own cache directory (PILLARWATCH_CACHE_DIR)
 * so nothing here touches the developer's bundle.
 */
const REPO = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

let dir: string;
let elsewhere: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pillarwatch-bin-'));
  elsewhere = join(dir, 'somewhere-else');
  await mkdir(elsewhere);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function pillarwatch(bin: string, args: string[], env: Record<string, string>) {
  const { PILLARWATCH_CLI: _ignored, ...inherited } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: elsewhere,
      env: { ...inherited, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The build directory current.json points at (the bundle a run used). */
const currentBuild = async (cache: string) =>
  (JSON.parse(await readFile(join(cache, 'current.json'), 'utf8')) as { build: string }).build;

describe('the pillarwatch bin', () => {
  it('builds the bundle on first run, reuses it, and prints what the TypeScript sources print', async () => {
    const cache = join(dir, 'cache');
    const bin = join(REPO, 'bin/pillarwatch.mjs');
    const first = await pillarwatch(bin, ['--help'], { PILLARWATCH_CACHE_DIR: cache });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const build = await currentBuild(cache);

    const again = await pillarwatch(bin, ['--help'], { PILLARWATCH_CACHE_DIR: cache });
    expect(again).toEqual(first);
    expect(await currentBuild(cache)).toBe(build);

    const throughTsx = await pillarwatch(bin, ['--help'], { PILLARWATCH_CLI: 'tsx' });
    expect(throughTsx).toEqual(first);
  });

  it('inspect --json from the bundle writes exactly one JSON document; a usage error exits 2 in one line', async () => {
    // The bundle the first test built.
    const cache = join(dir, 'cache');
    const bin = join(REPO, 'bin/pillarwatch.mjs');
    const { path } = await writeExport(join(dir, 'export.zip'), smallMember({}));
    const result = await pillarwatch(bin, ['inspect', path, '--json'], { PILLARWATCH_CACHE_DIR: cache });
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as { manifest: { status: string }; days: unknown[] };
    expect(document.manifest.status).toBe('SUCCEEDED');
    expect(document.days.length).toBeGreaterThan(0);

    const wrong = await pillarwatch(bin, ['inspect'], { PILLARWATCH_CACHE_DIR: cache });
    expect(wrong).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pillarwatch: inspect: missing <export.zip>. See `pillarwatch inspect --help`.\n',
    });
  });

  it('never runs a stale bundle: a changed source is rebuilt before the next run', async () => {
    // A copy of the package (sources copied with their times, node_modules linked) whose sources the test may
    // edit. Files saved within a second of a build count as changed during it, hence the preserved times.
    const copy = join(dir, 'package');
    await mkdir(copy);
    for (const folder of ['bin', 'shared', 'local', 'functions'])
      await cp(join(REPO, folder), join(copy, folder), { recursive: true, preserveTimestamps: true });
    await cp(join(REPO, 'package.json'), join(copy, 'package.json'));
    await symlink(join(REPO, 'node_modules'), join(copy, 'node_modules'));
    const cache = join(dir, 'cache-stale');
    const bin = join(copy, 'bin/pillarwatch.mjs');

    const before = await pillarwatch(bin, ['--help'], { PILLARWATCH_CACHE_DIR: cache });
    expect(before.stdout).toContain('read an export offline and show what would be ingested');
    const build = await currentBuild(cache);
    // Unchanged sources: the bundle is reused (so the rebuild below is the edit's doing).
    expect(await pillarwatch(bin, ['--help'], { PILLARWATCH_CACHE_DIR: cache })).toEqual(before);
    expect(await currentBuild(cache)).toBe(build);

    const inspectSource = join(copy, 'bin/commands/inspect.ts');
    const source = await readFile(inspectSource, 'utf8');
    await writeFile(inspectSource, source.replace('read an export offline', 'look inside an export offline'));
    const after = await pillarwatch(bin, ['--help'], { PILLARWATCH_CACHE_DIR: cache });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('look inside an export offline and show what would be ingested');
    expect(await currentBuild(cache)).not.toBe(build);
  });

  it('runs through tsx when no bundle can be built (cache directory not writable)', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, '');
    const bin = join(REPO, 'bin/pillarwatch.mjs');
    const result = await pillarwatch(bin, ['--help'], { PILLARWATCH_CACHE_DIR: join(blocker, 'cache') });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: pillarwatch <command> \[options\]/);
  });
});
