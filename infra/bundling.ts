import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** esbuild runs from the repository root (as NodejsFunction does with `projectRoot`); aliases are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * CommonJS dependencies bundled into ESM output (yauzl and friends) still `require('fs')`, `require('zlib')`
 * etc.; esbuild leaves those calls for Node built-ins in place, and they throw "Dynamic require … is not
 * supported" in an ES module unless a real `require` exists, which `createRequire` provides.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __pwCreateRequire } from 'node:module';const require = __pwCreateRequire(import.meta.url);";

/**
 * How every function is bundled: the one definition behind CDK's `NodejsFunction` bundling
 * (`constructs/project-function.ts`) and `bench/cold-start.ts`, so the benchmark measures what Lambda runs.
 * Plain data without aws-cdk-lib, so scripts can import it cheaply.
 */
export const FUNCTION_BUNDLE = {
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  // The map only needs line mappings; embedding the sources would double the asset size.
  sourcesContent: false,
  // Syntax level of the oldest runtime we would deploy to; the Node.js 24 runtime runs it unchanged.
  target: 'node22',
  // Bundle everything, including the AWS SDK v3 clients (pinned by our lockfile, tree-shaken).
  externalModules: [] as string[],
  /** Lambda supplies credentials in the environment; the rest of the SDK's chain is dead weight (see the file). */
  alias: { '@aws-sdk/credential-provider-node': './shared/aws/lambda-credentials.ts' },
} as const;

/** Bundle budgets (minified JS, source map excluded) from the "Production hardening" issue. */
export const BUNDLE_BUDGETS = {
  ingestBytes: 1024 * 1024,
  /**
   * Every other function. 400 KiB until the pages, teams and sweep fan-out (#11–#14) added zod schemas, the
   * three message catalogues (~50 KB) and more SDK clients: what the budget protects is cold start, and
   * `initMs` stays the hard limit. Measured by `npm run bench:cold` on 2026-11-27 on a busy machine: report 485 KB,
   * 155 ms median init; api 432 KB, 170 ms; erase 414 KB, 114 ms; sweep-worker 403 KB, 155 ms (docs/observability.md).
   */
  otherFunctionBytes: 500 * 1024,
  /** Median module init (import of the bundle), measured by `bench/cold-start.ts`. */
  initMs: 300,
} as const;

/** The budget of the function bundled from `functions/<name>.ts`. */
export const bundleBudgetBytes = (name: string): number =>
  name === 'ingest' ? BUNDLE_BUDGETS.ingestBytes : BUNDLE_BUDGETS.otherFunctionBytes;

/** File name NodejsFunction gives an ESM bundle (and the handler's module: `index.handler`). */
export const BUNDLE_FILE_NAME = 'index.mjs';

/**
 * The esbuild options NodejsFunction derives from `FUNCTION_BUNDLE` when it runs the local esbuild
 * (`esbuild --bundle <entry> --platform=node --format=esm --minify --sourcemap …`), for the esbuild API.
 */
export function functionBuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile: `${outdir}/${BUNDLE_FILE_NAME}`,
    bundle: true,
    platform: 'node',
    format: FUNCTION_BUNDLE.format,
    target: FUNCTION_BUNDLE.target,
    mainFields: [...FUNCTION_BUNDLE.mainFields],
    banner: { js: FUNCTION_BUNDLE.banner },
    minify: FUNCTION_BUNDLE.minify,
    sourcemap: FUNCTION_BUNDLE.sourceMap,
    sourcesContent: FUNCTION_BUNDLE.sourcesContent,
    external: [...FUNCTION_BUNDLE.externalModules],
    alias: { ...FUNCTION_BUNDLE.alias },
    absWorkingDir: REPO_ROOT,
    logLevel: 'warning',
  };
}
