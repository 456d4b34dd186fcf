import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import type { DailyEstimate, Finding, OfficialReading } from '../../shared/domain/pillars';
import { renderReport } from '../../shared/report/render';
import { pillarsOn, reportManifest, sum, syntheticEstimates } from '../support/report-input';

// Debian's chromium (apt-get install chromium); CI installs it in .ci/run, so there a missing browser fails.
const CHROMIUM = '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true';
const skip = !existsSync(CHROMIUM) && !IN_CI;
if (skip) console.warn(`report-browser.test.ts skipped: ${CHROMIUM} is missing (apt-get install chromium).`);

const FIRST_DAY = '2023-05-01';
const DAYS = 1100;

const estimates: DailyEstimate[] = syntheticEstimates(FIRST_DAY, DAYS);

// Readings on most of the last 240 days; the overall score is frozen on days 900–935.
const readings: OfficialReading[] = Array.from({ length: 240 }, (_, offset) => DAYS - 240 + offset)
  .filter((index) => index % 7 !== 3)
  .map((index) => {
    const pillars = pillarsOn(index >= 900 && index <= 935 ? 900 : index, 0.5);
    const observedAt = `${addDays(FIRST_DAY, index)}T08:30:00.000Z`;
    return {
      memberId: 'jane',
      observedAt,
      receivedAt: observedAt,
      source: 'api-json',
      overall: sum(pillars),
      pillars,
      readingHash: `h${index}`,
    };
  });

const finding = (type: Finding['type'], pillar: Finding['pillar'], from: number, to: number): Finding => ({
  memberId: 'jane',
  type,
  pillar,
  from: addDays(FIRST_DAY, from),
  to: addDays(FIRST_DAY, to),
  detectedAt: `${addDays(FIRST_DAY, to)}T09:00:00.000Z`,
  evidence: {},
});

const findings = [
  finding('STALE', 'overall', 900, 935),
  finding('STALE', 'insights', 1000, 1030),
  finding('DIVERGENT', 'people', 1040, 1060),
  finding('RECALCULATION', 'overall', 1070, 1071),
];

describe.skipIf(skip)(`the report page in Chromium${skip ? ` (skipped: ${CHROMIUM} missing)` : ''}`, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} must exist in CI (.ci/run installs it)`).toBe(true);
    dir = await mkdtemp(join(tmpdir(), 'pillarwatch-report-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('draws lines, points and shaded spans inside each plot, fetches nothing and prints black on white', async () => {
    const file = join(dir, 'report.html');
    await writeFile(
      file,
      renderReport({
        memberId: 'jane <b>doe</b>',
        generatedAt: '2026-05-04T10:00:00.000Z',
        estimates,
        calibrated: estimates.map(({ day, pillars, total }) => ({ day, pillars, total: total + 1.5 })),
        readings,
        findings,
        latestManifest: reportManifest(),
      }),
    );
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);

    // Kept outside the temporary folder on purpose: open it to see what the member sees.
    const screenshot = join(tmpdir(), 'pillarwatch-report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.info(`report screenshot: ${screenshot}`);

    const panels = await page.$$eval('svg.chart .panel', (groups) =>
      groups.map((group) => {
        // Typed structurally: the project compiles without the DOM library.
        const box = (element: {
          getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
        }) => {
          const { left, top, right, bottom } = element.getBoundingClientRect();
          return { left, top, right, bottom };
        };
        const plot = group.querySelector('rect.plot');
        return {
          name: group.getAttribute('class'),
          plot: plot ? box(plot) : undefined,
          lines: [...group.querySelectorAll('path.series, path.calibrated')].map(box),
          points: [...group.querySelectorAll('circle.reading')].map(box),
          spans: [...group.querySelectorAll('rect.stale-span')].map(box),
          recalculations: group.querySelectorAll('line.recalculation').length,
          divergent: group.querySelectorAll('circle.reading.divergent').length,
        };
      }),
    );
    expect(panels.map((panel) => panel.name)).toEqual([
      'panel panel-overall',
      'panel panel-brand',
      'panel panel-people',
      'panel panel-insights',
      'panel panel-relationships',
    ]);
    for (const panel of panels) {
      const plot = panel.plot;
      if (!plot) throw new Error(`${panel.name} has no plot area`);
      expect(plot.right - plot.left).toBeGreaterThan(300);
      // A reading's circle may stick out by its radius where the value is 0 or 25; lines and spans may not.
      const within = (slack: number) => (box: typeof plot) =>
        box.left >= plot.left - slack &&
        box.right <= plot.right + slack &&
        box.top >= plot.top - slack &&
        box.bottom <= plot.bottom + slack;
      expect(panel.lines).toHaveLength(2);
      expect(panel.lines.every(within(1))).toBe(true);
      // The three years fill the width.
      expect(Math.min(...panel.lines.map((line) => line.left))).toBeLessThan(plot.left + 2);
      expect(Math.max(...panel.lines.map((line) => line.right))).toBeGreaterThan(plot.right - 2);
      // One dot per 3 px (a dot is 4 px wide): 240 reading days span about 93 px of a 428 px pillar plot.
      expect(panel.points.length).toBeGreaterThan(25);
      expect(panel.points.every(within(5))).toBe(true);
      expect(panel.spans.every(within(0.5))).toBe(true);
    }
    const byName = new Map(panels.map((panel) => [panel.name, panel]));
    expect(byName.get('panel panel-overall')?.spans).toHaveLength(1);
    expect(byName.get('panel panel-insights')?.spans).toHaveLength(1);
    expect(byName.get('panel panel-brand')?.spans).toHaveLength(0);
    // 21 divergent days span about 8 px: a ring every 3 px.
    expect(byName.get('panel panel-people')?.divergent).toBeGreaterThanOrEqual(2);
    expect(byName.get('panel panel-overall')?.recalculations).toBe(1);

    // The hostile member id shows as text, not as markup.
    expect(await page.locator('header .meta').innerText()).toContain('jane <b>doe</b>');
    expect(await page.locator('.findings li').count()).toBe(findings.length);

    await page.emulateMedia({ media: 'print' });
    const colours = await page.locator('body').evaluate((body) => {
      const style = body.ownerDocument.defaultView?.getComputedStyle(body);
      return { background: style?.backgroundColor, text: style?.color };
    });
    expect(colours).toEqual({ background: 'rgb(255, 255, 255)', text: 'rgb(17, 17, 17)' });

    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
