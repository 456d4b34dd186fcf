/**
 * `npm run bench:cold`: bundle size and module init time of every Lambda function.
 *
 * Bundles each `functions/*.ts` with the options CDK uses (`infra/bundling.ts`, the same definition the
 * stack's `NodejsFunction`s get), then imports each bundle in fresh `node` processes with a Lambda-like
 * environment (tracing on, source maps on, as the stack configures) and reports the median, p90 and max time
 * the import takes: the module-scope work a cold start pays before the first event (the runtime's own
 * bootstrap is not included).
 * Options: --runs <n> (fresh processes per function, default 15), --analyze (esbuild's per-module breakdown).
 * Exits non-zero when a function misses its budget. Results: bench/out/cold-start-results.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyzeMetafile, build, type Metafile } from 'esbuild';
import { BUNDLE_BUDGETS, BUNDLE_FILE_NAME, bundleBudgetBytes, functionBuildOptions } from '../infra/bundling';
import { ENV } from '../shared/config/env';
import { FUNCTIONS, type FunctionName } from '../shared/config/functions';

const OUT_DIR = resolve('bench/out/bundles');
const FUNCTIONS_DIR = resolve('functions');

interface FunctionResult {
  name: string;
  bundleBytes: number;
  bundleBudgetBytes: number;
  /** Largest contributors to the bundle, by package (or source folder), in bytes. */
  topInputs: { input: string; bytes: number }[];
  initMs: { median: number; p90: number; max: number; runs: number };
  withinBudget: boolean;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** `node_modules/@aws-sdk/client-s3/dist-es/…` → `@aws-sdk/client-s3`; `shared/export/zip.ts` → `shared/export`. */
function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? input.split('/').slice(0, 2).join('/');
}

function topInputs(metafile: Metafile, outfile: string, count: number): FunctionResult['topInputs'] {
  const output = Object.entries(metafile.outputs).find(([path]) => resolve(path) === outfile)?.[1];
  if (!output) throw new Error(`esbuild's metafile does not list ${outfile}`);
  const bytesByPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input);
    bytesByPackage.set(name, (bytesByPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...bytesByPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([input, bytes]) => ({ input, bytes }));
}

/**
 * What Lambda's environment holds at init, as far as module-scope code reads it: Powertools enables the
 * tracer only under `AWS_EXECUTION_ENV`; the stack sets NODE_OPTIONS (source maps) and the service name.
 * No credentials: nothing may call AWS at init.
 */
function lambdaLikeEnv(name: string): NodeJS.ProcessEnv {
  const serviceName = FUNCTIONS[name as FunctionName]?.serviceName;
  return {
    PATH: process.env.PATH,
    NODE_OPTIONS: '--enable-source-maps',
    AWS_REGION: 'eu-west-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: `pillarwatch-${name}`,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    [ENV.serviceName]: serviceName ?? `pillarwatch-${name}`,
    [ENV.tableName]: 'pillarwatch-bench',
    [ENV.bucketName]: 'pillarwatch-bench',
    [ENV.userPoolId]: 'eu-west-1_bench',
    [ENV.userPoolClientIds]: 'bench-client',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** Imports the bundle in a fresh process and returns how long the import took (ms), measured inside it. */
function measureInit(bundle: string, env: NodeJS.ProcessEnv): number {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(bundle).href)});
if (typeof m.handler !== 'function') throw new Error('no handler export');
process.stdout.write(String(performance.now() - t));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`importing ${bundle} failed:\n${run.stderr}`);
  return Number(run.stdout.trim());
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function benchFunction(entry: string, runs: number, analyze: boolean): Promise<FunctionResult> {
  const name = basename(entry, '.ts');
  const outdir = join(OUT_DIR, name);
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, BUNDLE_FILE_NAME);
  const { metafile } = await build({ ...functionBuildOptions(entry, outdir), metafile: true });
  writeFileSync(join(outdir, 'meta.json'), JSON.stringify(metafile));
  if (analyze) console.log(`\n${name}:${await analyzeMetafile(metafile, { verbose: false })}`);

  // One untimed import first, so the file system cache is warm as it would be on Lambda's local disk.
  const env = lambdaLikeEnv(name);
  measureInit(outfile, env);
  const samples = Array.from({ length: runs }, () => measureInit(outfile, env)).sort((a, b) => a - b);
  const bundleBytes = statSync(outfile).size;
  const budgetBytes = bundleBudgetBytes(name);
  const initMs = {
    median: percentile(samples, 50),
    p90: percentile(samples, 90),
    max: samples.at(-1) ?? Number.NaN,
    runs,
  };
  return {
    name,
    bundleBytes,
    bundleBudgetBytes: budgetBytes,
    topInputs: topInputs(metafile, outfile, 8),
    initMs,
    withinBudget: bundleBytes <= budgetBytes && initMs.median <= BUNDLE_BUDGETS.initMs,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '15' }, analyze: { type: 'boolean', default: false } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number`);

  const entries = readdirSync(FUNCTIONS_DIR)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(FUNCTIONS_DIR, file));
  const results: FunctionResult[] = [];
  for (const entry of entries) results.push(await benchFunction(entry, runs, values.analyze));

  console.log(
    `\nnode ${process.version}, ${runs} fresh processes per function (module init = import time)\n`,
  );
  console.log('function   bundle (budget)        init median / p90 / max (budget)');
  for (const r of results) {
    const bundle = `${kb(r.bundleBytes)} (${kb(r.bundleBudgetBytes)})`.padEnd(22);
    const init = `${r.initMs.median.toFixed(0)} / ${r.initMs.p90.toFixed(0)} / ${r.initMs.max.toFixed(0)} ms`;
    console.log(
      `${r.name.padEnd(10)} ${bundle} ${init} (${BUNDLE_BUDGETS.initMs} ms)${r.withinBudget ? '' : '  OVER'}`,
    );
    console.log(`           largest: ${r.topInputs.map((i) => `${i.input} ${kb(i.bytes)}`).join(', ')}`);
  }
  writeFileSync(
    resolve('bench/out/cold-start-results.json'),
    `${JSON.stringify({ node: process.version, measuredAt: new Date().toISOString(), results }, null, 2)}\n`,
  );
  if (results.some((r) => !r.withinBudget)) process.exitCode = 1;
}

await main();
