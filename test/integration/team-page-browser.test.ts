import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExport } from '../../sample/generator';
import { addDays } from '../../shared/domain/days';
import { PILLAR_LABELS } from '../../shared/domain/pillar-labels';
import { buildWebApp } from '../../web/build';
import { type AppBrowser, chromiumMissing, openAppBrowser } from '../support/app-browser';
import { useLocalStack } from '../support/local-stack';
import { smallMember } from '../support/small-member';

/**
 * A manager's walk through the team page, in Debian's Chromium against the local stack: open the team, switch
 * to German, run a month's "best networker" competition, download the leaderboard as CSV, upload business
 * goals. Screenshots land in test-results/team-page/ (git-ignored) to look at.
 */
const skip = chromiumMissing('team-page-browser.test.ts');
const SCREENSHOTS = join(process.cwd(), 'test-results', 'team-page');
const TEAM = 'mgr-walk';
const BIG_TEAM = 'mgr-five-hundred';
const PAGE_BUDGET_BYTES = 400 * 1024;

const today = new Date().toISOString().slice(0, 10);
const FROM = addDays(today, -35);
const TO = addDays(today, -5);
const id = (name: string) => `mgr.${name}@example.com`;
/** People pillar at the start and the end of the month: Ann improves most, Cleo drops. Dan sends an export only. */
const PEOPLE = { ann: [10.5, 16.5], ben: [12, 14.5], cleo: [15.5, 14] } as const;
const NAMES = { ann: 'Ann Ahl', ben: 'Ben Berg', cleo: 'Cleo Cruz', dan: 'Dan Dorn' } as const;

const stack = useLocalStack({ webApp: buildWebApp() });

const reading = (day: string, people: number) => ({
  observedAt: `${day}T09:00:00Z`,
  overall: 12 + people + 11 + 10,
  pillars: { brand: 12, people, insights: 11, relationships: 10 },
});

describe.skipIf(skip)("a manager's team page in Chromium, against the local stack", () => {
  let app: AppBrowser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pillarwatch-team-'));
    const list = Object.entries(NAMES).map(([name, displayName]) => ({ memberId: id(name), displayName }));
    const put = await stack.api(`/teams/${TEAM}/members`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(list),
    });
    expect(put.status).toBe(200);
    for (const [name, [start, end]] of Object.entries(PEOPLE)) {
      const posted = await stack.api(`/members/${encodeURIComponent(id(name))}/official-scores`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([reading(FROM, start), reading(TO, end)]),
      });
      expect(posted.status, name).toBeLessThan(300);
    }
    const { path } = await writeExport(join(dir, 'dan.zip'), smallMember({}));
    await stack.upload(id('dan'), path);
    await stack.waitForIdle();

    app = await openAppBrowser({
      appOrigin: new URL(stack.apiUrl).origin,
      screenshots: SCREENSHOTS,
      acceptDownloads: true,
    });
    page = app.page;
  });

  afterAll(async () => {
    await app?.browser.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens the team page: every member with their official reading and its age, tiers, who is quiet', async () => {
    await page.goto(`${stack.apiUrl}/app/?view=team&team=${TEAM}`);
    const teamPage = page.locator('#team-slot main#team-page');
    await teamPage.waitFor();
    expect(await page.locator('#team-picker').inputValue()).toBe(TEAM);
    expect(await page.locator('h1.app-title').innerText()).toBe('Team page');
    expect(await teamPage.locator('h1').innerText()).toBe(`Team ${TEAM}`);
    const rows = teamPage.locator('table').first().locator('tbody tr');
    expect(await rows.count()).toBe(4);
    // Ranked by the official overall: Ann's 16.5 + 33 = 49.5 first, with the reading's age.
    expect(await rows.first().innerText()).toMatch(/^1\s+Ann Ahl\s+49\.5 \(5 d\)/);
    expect(await teamPage.innerText()).toContain('Dan Dorn');
    expect(await teamPage.locator('svg[role="img"] polyline').count()).toBeGreaterThan(0);
    // The member page is hidden, the team's panels are shown.
    expect(await page.locator('#member-view').isHidden()).toBe(true);
    expect(await page.locator('#competition-panel').isVisible()).toBe(true);
    await app.shot('1-team-page-en');
  });

  it('offers every member in the member picker, by id with name and team, once the field is used', async () => {
    await page.locator('#view-member').click();
    await page.locator('#member-id').focus();
    const option = page.locator(`#member-list option[value="${id('ann')}"]`);
    await option.waitFor({ state: 'attached' });
    expect(await option.getAttribute('label')).toBe(`Ann Ahl · ${TEAM}`);
    await page.locator('#member-id').fill(id('ann'));
    await page.locator('#member-form button[type="submit"]').click();
    await expect.poll(() => page.locator('#report-slot main').innerText()).toContain(id('ann'));
    await page.locator('#view-team').click();
    await page.locator('#team-slot main#team-page').waitFor();
  });

  it('switches to German: the app and the team page, fetched with lang=de', async () => {
    await page.locator('#language').selectOption('de');
    await page.locator('html[lang="de"]').waitFor({ state: 'attached' });
    await expect.poll(() => page.locator('#team-slot main h2').first().innerText()).toMatch(/^Rangliste am /);
    expect(await page.locator('h1.app-title').innerText()).toBe('Teamseite');
    expect(await page.locator('#competition-title').innerText()).toBe('Wettbewerb einrichten');
    expect(
      app.requests.some(({ url }) => url.includes(`/api/teams/${TEAM}/report`) && url.includes('lang=de')),
    ).toBe(true);
  });

  it('runs a month of "best networker" on the people pillar: most improved first, from official readings', async () => {
    await page.locator('#competition-name').fill('best-networker');
    await page.locator('#competition-from').fill(FROM);
    await page.locator('#competition-to').fill(TO);
    await page.locator('#competition-metric').selectOption('people');
    await page.locator('#competition-form button[type="submit"]').click();
    const result = page.locator('#competition-result');
    await result.locator('table').waitFor();
    expect(await result.locator('p').innerText()).toContain(`best-networker: ${PILLAR_LABELS.de.people}`);
    const standings = await result.locator('tbody tr').allInnerTexts();
    expect(standings).toHaveLength(4);
    expect(standings[0]).toMatch(/^1\s+Ann Ahl\s+10,5\s+16,5\s+\+6\s+offiziell$/);
    expect(standings[1]).toMatch(/^2\s+Ben Berg\s+12\s+14,5\s+\+2,5\s+offiziell$/);
    expect(standings[2]).toMatch(/^3\s+Cleo Cruz\s+15,5\s+14\s+−1,5\s+offiziell$/);
    expect(standings[3]).toContain('Dan Dorn');
    // The team page shows the competition too.
    await expect.poll(() => page.locator('#team-slot main').innerText()).toContain('best-networker');
    await page
      .locator('#competition-panel')
      .screenshot({ path: join(SCREENSHOTS, '2-competition-de.png'), caret: 'initial' });
  });

  it('downloads the leaderboard as CSV for a spreadsheet: BOM, German separator, a row per member', async () => {
    const download = page.waitForEvent('download');
    await page.locator('button.download[data-table="leaderboard"]').click();
    const file = await (await download).path();
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toContain(';');
    expect(lines[0]).not.toContain(',');
    expect(lines).toHaveLength(5);
    for (const name of Object.keys(NAMES))
      expect(lines.filter((line) => line.includes(id(name)))).toHaveLength(1);
    expect(lines.find((line) => line.includes(id('ann')))).toContain(';49,5;');
    expect(await page.locator('#download-result').innerText()).toMatch(/^Heruntergeladen: .*\.csv$/);
  });

  it('uploads business goals and lists the rejected lines with their reasons', async () => {
    const csv = `member,week,calls,meetings\n${id('ann')},${TO},12,3\n${id('ben')},someday,4,1\n`;
    await page
      .locator('#goals-file')
      .setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const result = page.locator('#goals-result');
    await result.locator('li').waitFor();
    const shown = await result.innerText();
    expect(shown).toMatch(/^Gespeicherte Zeilen: 1; Spalten: calls, meetings\./);
    expect(await result.locator('li').allInnerTexts()).toEqual([expect.stringMatching(/^Zeile 3: week: /)]);
    // The team page reloads after the upload; the screenshot waits for it.
    await expect.poll(() => page.locator('#status').innerText()).toBe('');
    await app.shot('3-team-page-de');
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const url = `${stack.apiUrl}/app/?view=team&team=${TEAM}`;
    expect(await app.seriousViolations(url, '#team-slot main#team-page')).toEqual([]);
  });

  it('serves the team page of 500 members to the app under 400 KB', async () => {
    const members = Array.from({ length: 500 }, (_, i) => ({
      memberId: `mgr.big${String(i).padStart(3, '0')}@example.com`,
      displayName: `Member ${i}`,
    }));
    const put = await stack.api(`/teams/${BIG_TEAM}/members`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(members),
    });
    expect(put.status).toBe(200);
    const fetched = await page.evaluate(async (team) => {
      const response = await fetch(`/api/teams/${team}/report?lang=de`);
      return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
    }, BIG_TEAM);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes).toBeGreaterThan(20_000);
    expect(fetched.bytes).toBeLessThan(PAGE_BUDGET_BYTES);
    console.info(`team page in the app, 500 members without data: ${fetched.bytes} bytes`);
  });

  it('sent nothing anywhere but its own origin and logged no error', () => {
    expect(app.leftTheOrigin).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
