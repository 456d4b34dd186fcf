import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * The web app's browser tests share this: Debian's Chromium, a context that lets nothing leave the app's
 * origin (but what the test allows), console and page errors collected, screenshots to look at, and an
 * axe-core scan.
 */
export const CHROMIUM = '/usr/bin/chromium';

/** True when the test must skip: no Chromium here, and not in CI (where a missing browser is a failure). */
export const chromiumMissing = (file: string): boolean => {
  const skip = !existsSync(CHROMIUM) && process.env.CI !== 'true';
  if (skip) console.warn(`${file} skipped: ${CHROMIUM} is missing (apt-get install chromium).`);
  return skip;
};

export interface AppBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request the page made, in order. */
  requests: { method: string; url: string }[];
  /** Requests refused because they left the origin. */
  leftTheOrigin: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** A full-page screenshot into the test's folder under test-results/. */
  shot(name: string): Promise<Buffer>;
  /** axe-core's serious and critical violations on `url` once `ready` is visible (a context without CSP). */
  seriousViolations(url: string, ready: string): Promise<{ id: string; impact: string }[]>;
}

export async function openAppBrowser(options: {
  appOrigin: string;
  /** Requests outside the app's origin that may go through (the presigned PUT). */
  alsoAllow?: (request: { method: string; origin: string }) => boolean;
  screenshots: string;
  acceptDownloads?: boolean;
}): Promise<AppBrowser> {
  await mkdir(options.screenshots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  const viewport = { width: 1100, height: 900 };
  const context = await browser.newContext({
    viewport,
    locale: 'en-GB',
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const requests: AppBrowser['requests'] = [];
  const leftTheOrigin: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const request = route.request();
    const origin = new URL(request.url()).origin;
    requests.push({ method: request.method(), url: request.url() });
    if (origin === options.appOrigin || options.alsoAllow?.({ method: request.method(), origin }))
      return route.continue();
    leftTheOrigin.push(`${request.method()} ${request.url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  // caret 'initial': hiding the caret injects a <style>, which the app's CSP (rightly) refuses.
  const shot = (name: string) =>
    page.screenshot({ path: join(options.screenshots, `${name}.png`), fullPage: true, caret: 'initial' });

  const seriousViolations = async (url: string, ready: string) => {
    // A context of its own that bypasses the CSP: axe injects <style> elements, which the app's CSP refuses.
    const axeContext = await browser.newContext({ bypassCSP: true, viewport });
    try {
      const axePage = await axeContext.newPage();
      await axePage.goto(url);
      await axePage.locator(ready).waitFor();
      const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
      await axePage.evaluate(axeSource);
      const violations = await axePage.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> };
          }
        ).axe;
        return (await axe.run()).violations.map(({ id, impact }) => ({ id, impact }));
      });
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    } finally {
      await axeContext.close();
    }
  };

  return { browser, context, page, requests, leftTheOrigin, errors, shot, seriousViolations };
}
