/**
 * The CLI's prebuilt bundle: built with esbuild (as the Lambda bundles are) on first run or by
 * `npm run build:cli`, and never used stale.
 *
 * Plain JavaScript on purpose: `bin/pillarwatch.mjs` imports it before anything can transpile TypeScript, and
 * the freshness check must cost a few milliseconds, so it only touches node: built-ins.
 *
 * Where: `node_modules/.cache/pillarwatch-cli/<key>/` next to the package (wiped by `npm ci`, so a fresh
 * install always builds afresh), or `$XDG_CACHE_HOME/pillarwatch/cli/<key>/` (default `~/.cache`) when that
 * is not writable. `<key>` is a hash of the package's real path, so clones and worktrees sharing one
 * node_modules keep separate bundles. PILLARWATCH_CACHE_DIR overrides both.
 *
 * Fresh: `current.json` lists every source file esbuild read (node_modules excepted) with its size and
 * mtime; the bundle is used only while all of them, the installed dependencies
 * (`node_modules/.package-lock.json`, rewritten by every npm install) and this file are unchanged, and the
 * Node major version matches. Otherwise it is rebuilt (about 2 s) into a new directory and `current.json` is
 * replaced atomically, so concurrent runs never see half a bundle.
 *
 * Usage: `node bin/cli-bundle.mjs` (or `npm run build:cli`) builds unless a fresh bundle exists, and prints its path.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(import.meta.url);
export const PACKAGE_ROOT = realpathSync(resolve(dirname(HERE), '..'));
const ENTRY = 'bin/cli.ts';
const ENTRY_FILE = 'cli.mjs';
const POINTER = 'current.json';
/** Builds other than the current one are removed once they are this old (a running CLI may still load chunks). */
const OLD_BUILD_MS = 24 * 60 * 60 * 1000;
const FORMAT = 1;

/**
 * CommonJS dependencies bundled into ESM output (yauzl) still `require('fs')`; a real `require` makes those
 * work (the same banner the Lambda bundles get, infra/bundling.ts).
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __pwCreateRequire } from 'node:module';const require = __pwCreateRequire(import.meta.url);";

/** Candidate cache directories for this package, most preferred first; PILLARWATCH_CACHE_DIR names the only one. */
export function cacheDirs(env = process.env) {
  if (env.PILLARWATCH_CACHE_DIR) return [resolve(env.PILLARWATCH_CACHE_DIR)];
  const key = createHash('sha256').update(PACKAGE_ROOT).digest('hex').slice(0, 16);
  const userCache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return [
    join(PACKAGE_ROOT, 'node_modules', '.cache', 'pillarwatch-cli', key),
    join(userCache, 'pillarwatch', 'cli', key),
  ];
}

/** What, besides the sources esbuild reads, a bundle depends on: listed with their stats in current.json. */
function dependencyFiles() {
  return [HERE, join(PACKAGE_ROOT, 'node_modules', '.package-lock.json')];
}

/** `size:mtime` of a file, or undefined when it is gone. */
function stamp(path) {
  try {
    const stats = statSync(path, { bigint: true });
    return `${stats.size}:${stats.mtimeNs}`;
  } catch {
    return undefined;
  }
}

const nodeMajor = () => process.versions.node.split('.')[0];

function readPointer(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, POINTER), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The entry file of a fresh bundle in `dir`, or undefined when there is none or it is stale. */
export function freshBundle(dir) {
  const pointer = readPointer(dir);
  if (pointer?.format !== FORMAT || pointer.node !== nodeMajor() || typeof pointer.build !== 'string')
    return undefined;
  for (const [path, recorded] of Object.entries(pointer.inputs ?? {})) {
    if ((stamp(resolve(PACKAGE_ROOT, path)) ?? null) !== recorded) return undefined;
  }
  const entry = join(dir, pointer.build, ENTRY_FILE);
  return stamp(entry) === undefined ? undefined : entry;
}

/** The source files of the CLI as esbuild reads them (relative to the package), node_modules excepted. */
function sourceInputs(metafile) {
  return Object.keys(metafile.inputs)
    .filter((input) => !input.includes('node_modules/'))
    .map((input) => resolve(PACKAGE_ROOT, input));
}

/**
 * Builds the bundle into a new directory under `dir` and points current.json at it. A source saved while
 * esbuild runs is recorded as changed, so the next run rebuilds instead of taking the bundle as fresh.
 */
export async function buildBundle(dir) {
  const { build } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  const buildName = `build-${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(dir, buildName);
  // A second of slack for file systems whose clocks or mtime granularity differ from ours.
  const startedNs = BigInt(Date.now() - 1000) * 1_000_000n;
  const { metafile } = await build({
    entryPoints: [join(PACKAGE_ROOT, ENTRY)],
    outdir,
    bundle: true,
    // Lazily imported commands (inspect, upload) become chunks of their own: `--help` loads neither.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: `node${nodeMajor()}`,
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    minify: true,
    absWorkingDir: PACKAGE_ROOT,
    logLevel: 'silent',
    metafile: true,
  });
  const inputs = {};
  for (const path of [...sourceInputs(metafile), ...dependencyFiles()]) {
    const recorded = stamp(path);
    // A missing file (no .package-lock.json under pnpm or yarn) is recorded as missing: null.
    if (recorded === undefined) inputs[relativeToRoot(path)] = null;
    else inputs[relativeToRoot(path)] = mtimeNs(recorded) < startedNs ? recorded : 'changed during the build';
  }
  const pointer = {
    format: FORMAT,
    node: nodeMajor(),
    build: buildName,
    builtAt: new Date().toISOString(),
    inputs,
  };
  const temporary = join(dir, `${POINTER}.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(pointer, null, 1)}\n`);
  renameSync(temporary, join(dir, POINTER));
  removeOldBuilds(dir, buildName);
  return join(outdir, ENTRY_FILE);
}

const mtimeNs = (recorded) => BigInt(recorded.split(':')[1]);

function relativeToRoot(path) {
  return path.startsWith(`${PACKAGE_ROOT}/`) ? path.slice(PACKAGE_ROOT.length + 1) : path;
}

function removeOldBuilds(dir, keep) {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('build-') || name === keep) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > OLD_BUILD_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

/**
 * The entry file of a fresh bundle, building one when needed; undefined when no bundle can be had (esbuild
 * missing, no writable cache directory), in which case the caller runs the sources through tsx.
 */
export async function ensureBundle(env = process.env) {
  const dirs = cacheDirs(env);
  for (const dir of dirs) {
    const entry = freshBundle(dir);
    if (entry) return entry;
  }
  for (const dir of dirs) {
    try {
      return await buildBundle(dir);
    } catch (error) {
      if (env.PILLARWATCH_DEBUG) process.stderr.write(`pillarwatch: no bundle in ${dir}: ${error.message}\n`);
    }
  }
  return undefined;
}

if (process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url) {
  const entry = await ensureBundle();
  if (!entry) {
    process.stderr.write(
      'pillarwatch: could not build the CLI bundle (set PILLARWATCH_DEBUG=1 to see why)\n',
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`${entry}\n`);
  }
}
