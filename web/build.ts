import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { renderReport } from '../shared/report/render';
import { TEAM_PAGE_CSS } from '../shared/report/team-render';

const WEB_DIR = dirname(fileURLToPath(import.meta.url));
/** Where `cdk synth` builds the app before BucketDeployment uploads it (git-ignored). */
export const WEB_DIST_DIR = join(WEB_DIR, 'dist');

/** The files the app is made of, by name as the host serves them. */
export type WebAppFiles = Record<'index.html' | 'app.js' | 'app.css', string>;

/**
 * The member page's stylesheet, as the report renders it: the app shows the report's `<main>` under a strict
 * CSP (no inline `<style>`), so the same rules ship in the app's CSS file. Taken from a rendered empty report
 * so the app always carries exactly what the renderer uses.
 */
export const reportStylesheet = (): string => {
  const html = renderReport({
    memberId: '-',
    generatedAt: '1970-01-01T00:00:00.000Z',
    estimates: [],
    readings: [],
    findings: [],
  });
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
  if (style === undefined) throw new Error('the report renders no <style>: the app needs its stylesheet');
  return style.trim();
};

/**
 * Builds the app: one JS file bundled and minified by esbuild (no framework; the message catalogue comes
 * along, it is pure TS), one CSS file (the member page's stylesheet, the team page's, then the app's own) and
 * the HTML shell.
 * Synchronous, with the local esbuild (no Docker), so `cdk synth` and `npm start` both call it.
 */
export const buildWebApp = (): WebAppFiles => {
  const result = buildSync({
    entryPoints: [join(WEB_DIR, 'src/main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.text;
  if (js === undefined) throw new Error('esbuild produced no output for web/src/main.ts');
  return {
    'index.html': readFileSync(join(WEB_DIR, 'index.html'), 'utf8'),
    'app.js': js,
    'app.css': `${reportStylesheet()}\n${TEAM_PAGE_CSS.trim()}\n${readFileSync(join(WEB_DIR, 'app.css'), 'utf8')}`,
  };
};

/** Writes the built app to `outDir` (default `web/dist`) and returns the folder. */
export const writeWebApp = (outDir: string = WEB_DIST_DIR): string => {
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of Object.entries(buildWebApp())) writeFileSync(join(outDir, name), content);
  return outDir;
};
