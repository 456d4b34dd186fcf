#!/usr/bin/env node
// The package's `pillarwatch` command. It runs the prebuilt bundle of bin/cli.ts (bin/cli-bundle.mjs builds it
// on first run and again whenever a source changed, so it is never stale) and falls back to transpiling the
// TypeScript through tsx when no bundle can be had. PILLARWATCH_CLI=tsx skips the bundle.
import module from 'node:module';

const entry = process.env.PILLARWATCH_CLI === 'tsx' ? undefined : await bundleEntry();
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}

async function bundleEntry() {
  const { ensureBundle } = await import('./cli-bundle.mjs');
  const path = await ensureBundle();
  if (!path) return undefined;
  // Node ≥ 22.1 keeps the compiled bundle on disk between runs; Node 20 has no such cache.
  module.enableCompileCache?.();
  const { pathToFileURL } = await import('node:url');
  return pathToFileURL(path).href;
}
