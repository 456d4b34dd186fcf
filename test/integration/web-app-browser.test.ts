import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExport } from '../../sample/generator';
import { PILLAR_LABELS } from '../../shared/domain/pillar-labels';
import { buildWebApp } from '../../web/build';
import { type AppBrowser, chromiumMissing, openAppBrowser } from '../support/app-browser';
import { useLocalStack } from '../support/local-stack';
import { smallMember } from '../support/small-member';
import { recordedSsiPayload } from '../support/ssi-page';
import { buildZip } from '../support/zip-builder';

/**
 * The web app as a member uses it, in Debian's Chromium against the local stack (`npm start` serves the same
 * app the same way): open the page, switch language, paste a reading, upload an export. Each step leaves a
 * screenshot in test-results/web-app/ (git-ignored) to look at.
 */
const skip = chromiumMissing('web-app-browser.test.ts');

const SCREENSHOTS = join(process.cwd(), 'test-results', 'web-app');
const MEMBER = 'web.jane@example.com';
const PAGE_BUDGET_BYTES = 150 * 1024;

const stack = useLocalStack({ webApp: buildWebApp() });

describe.skipIf(skip)('the web app in Chromium, against the local stack', () => {
  let app: AppBrowser;
  let page: Page;
  let dir: string;
  let requests: AppBrowser['requests'];
  let appOrigin: string;
  let bucketOrigin: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pillarwatch-web-'));
    // The member already has a read export, so the page has a chart to show.
    const { path } = await writeExport(join(dir, 'first.zip'), smallMember({}));
    await stack.upload(MEMBER, path);
    await stack.waitForIdle();

    appOrigin = new URL(stack.apiUrl).origin;
    bucketOrigin = new URL(stack.s3Endpoint).origin;
    // Nothing may leave the origin; the one exception is the presigned PUT into the stack's own bucket.
    app = await openAppBrowser({
      appOrigin,
      alsoAllow: ({ method, origin }) => origin === bucketOrigin && method === 'PUT',
      screenshots: SCREENSHOTS,
    });
    ({ page, requests } = app);
  });

  afterAll(async () => {
    await app?.browser.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const shot = (name: string) => app.shot(name);

  it('opens the member page under a strict CSP, says it is local, weighs under 150 KB', async () => {
    let bytes = 0;
    const counting = (response: { body(): Promise<Buffer> }) =>
      response.body().then(
        (body) => {
          bytes += body.length;
        },
        () => {},
      );
    const pending: Promise<void>[] = [];
    page.on('response', (response) => void pending.push(counting(response)));
    const response = await page.goto(`${stack.apiUrl}/app/?member=${encodeURIComponent(MEMBER)}`);
    await page.locator('#report-slot main svg.chart').waitFor();
    await Promise.all(pending);

    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ${bucketOrigin}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');

    // What a person looks for: the banner saying there is no sign-in, their id, a chart with lines in it.
    await expect.poll(() => page.locator('#local-banner').isVisible()).toBe(true);
    expect(await page.locator('#local-banner').innerText()).toMatch(/no sign-in/i);
    expect(await page.locator('#report-slot main').innerText()).toContain(MEMBER);
    expect(await page.locator('#report-slot svg.chart path.series').count()).toBeGreaterThan(0);
    expect(await page.locator('#latest-ingest').innerText()).toMatch(/^Read: first\.zip, [\d,]+ rows/);
    await shot('1-member-page-en');

    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThan(PAGE_BUDGET_BYTES);
  });

  it('switches to German and Polish, remembers the choice and asks the API for the page in it', async () => {
    await page.locator('#language').selectOption('de');
    await page.locator('html[lang="de"]').waitFor({ state: 'attached' });
    await page.locator('#report-slot main').waitFor();
    expect(await page.locator('h1.app-title').innerText()).toBe('Ihre SSI-Seite');
    expect(await page.locator('#reading-title').innerText()).toBe('Offiziellen SSI-Wert hinzufügen');
    expect(requests.some(({ url }) => url.includes('/api/members/') && url.includes('lang=de'))).toBe(true);
    await shot('2-member-page-de');

    await page.locator('#language').selectOption('pl');
    await page.locator('html[lang="pl"]').waitFor({ state: 'attached' });
    expect(await page.locator('h1.app-title').innerText()).toBe('Twoja strona SSI');
    await page.reload();
    // Remembered across a reload.
    await page.locator('#report-slot main').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    expect(await page.locator('#language').inputValue()).toBe('pl');
  });

  it('stores a pasted SSI page reading and shows it with Polish pillar names and a decimal comma', async () => {
    await page.locator('#reading-input').fill(JSON.stringify(recordedSsiPayload()));
    await page.locator('#reading-submit').click();
    const result = page.locator('#reading-result');
    await result.locator('p').waitFor();
    const shown = await result.innerText();
    expect(await result.locator('p').getAttribute('class')).toBe('ok');
    expect(shown).toMatch(/^Zapisano: Twój odczyt z /);
    expect(shown).toContain('19,71');
    for (const label of Object.values(PILLAR_LABELS.pl)) expect(shown).toContain(label);
    expect(shown).toContain(`${PILLAR_LABELS.pl.brand}: 13,12`);
    await page
      .locator('#reading-panel')
      .screenshot({ path: join(SCREENSHOTS, '3-reading-stored-pl.png'), caret: 'initial' });
  });

  it('uploads an export with progress through a presigned URL and shows its result', async () => {
    await page.locator('#language').selectOption('en');
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    const zip = await buildZip([
      { name: 'Reactions.csv', content: 'Date,Type,Link\n2026-02-03 10:00:00,LIKE,https://x\n' },
    ]);
    await page
      .locator('#upload-file')
      .setInputFiles({ name: 'Basic export.zip', mimeType: 'application/zip', buffer: zip });
    const result = page.locator('#upload-result');
    await result.locator('p.ok, p.error, p.warn').waitFor();
    expect(await result.innerText()).toMatch(/^Read: .*Basic export\.zip, 1 rows from 1 files\./);
    expect(await page.locator('#latest-ingest').innerText()).toContain('Basic export.zip');
    expect(await page.locator('#upload-progress').isHidden()).toBe(true);
    expect(requests.filter(({ url }) => url.startsWith(bucketOrigin)).map(({ method }) => method)).toEqual([
      'PUT',
    ]);
    await page
      .locator('#upload-panel')
      .screenshot({ path: join(SCREENSHOTS, '4-upload-result-en.png'), caret: 'initial' });
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const url = `${stack.apiUrl}/app/?member=${encodeURIComponent(MEMBER)}`;
    expect(await app.seriousViolations(url, '#report-slot main svg.chart')).toEqual([]);
  });

  it('sent nothing anywhere but its own origin (and the one presigned PUT) and logged no error', () => {
    expect(app.leftTheOrigin).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
