import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlainReading } from '../../shared/readings/parse';
import { type LocalStack, startLocalStack } from '../support/local-stack';
import { recordedSsiPayload, startSsiStandIn } from '../support/ssi-page';

/**
 * The capture companion (companion/) loaded into Debian's Chromium, visiting a stand-in of
 * linkedin.com/sales/ssi on 127.0.0.1 and sending to the local stack through a proxy that records what
 * arrives. The extension is the shipped one with a single change: its content scripts match the stand-in's
 * address instead of https://www.linkedin.com/sales/ssi*.
 */
const CHROMIUM = '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true';
const skip = !existsSync(CHROMIUM) && !IN_CI;
if (skip)
  console.warn(`companion-browser.test.ts skipped: ${CHROMIUM} is missing (apt-get install chromium).`);

// Until POST /members/{id}/official-scores takes the raw SSI JSON (issue #11, readings shapes), the
// companion's request is checked as it arrives but its storing cannot be.
const rawSsiAccepted = parsePlainReading('probe', recordedSsiPayload(), new Date().toISOString()).ok;
if (!rawSsiAccepted) console.warn('companion-browser.test.ts: the API does not take the raw SSI JSON yet.');

/** The part of the extension API the test reads inside the companion's worker (no @types/chrome here). */
declare const chrome: {
  storage: {
    local: {
      get(keys: string | string[]): Promise<Record<string, unknown>>;
      remove(keys: string[]): Promise<void>;
    };
  };
};

// An e-mail id, the natural key in a sales org: send.js encodes it into one path segment.
const MEMBER = 'companion.jane+emea@example.com';
/** Conditions are polled, not slept on; the bound only ends a run that will never get there. */
const WAIT = { timeout: 30_000, interval: 50 };
const TOKEN = 'test-id-token';

interface Arrival {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** Forwards to the local stack's API and remembers every request with the answer it got. */
async function startRecordingProxy(target: string) {
  const arrivals: Arrival[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method ?? 'GET',
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
      ...(body ? { body } : {}),
    });
    const text = await answer.text();
    arrivals.push({
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
      body,
      status: answer.status,
    });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
    response.end(text);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe.skipIf(skip)(
  `the capture companion in Chromium${skip ? ` (skipped: ${CHROMIUM} missing)` : ''}`,
  () => {
    let dir: string;
    let downloads: string;
    let stack: LocalStack;
    let standIn: Awaited<ReturnType<typeof startSsiStandIn>>;
    let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
    let context: BrowserContext;
    let worker: Worker;
    let extensionId: string;

    beforeAll(async () => {
      expect(existsSync(CHROMIUM), `${CHROMIUM} must exist in CI (.ci/run installs it)`).toBe(true);
      dir = await mkdtemp(join(tmpdir(), 'pillarwatch-companion-'));
      downloads = join(dir, 'downloads');
      const extension = join(dir, 'extension');
      await cp(resolve(import.meta.dirname, '../../companion'), extension, { recursive: true });
      const manifestPath = join(extension, 'manifest.json');
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
        content_scripts: { matches: string[] }[];
      };
      for (const script of manifest.content_scripts) script.matches = ['http://127.0.0.1/sales/ssi*'];
      await writeFile(manifestPath, JSON.stringify(manifest));

      [stack, standIn] = await Promise.all([startLocalStack(), startSsiStandIn()]);
      proxy = await startRecordingProxy(stack.apiUrl);
      context = await chromium.launchPersistentContext(join(dir, 'profile'), {
        executablePath: CHROMIUM,
        headless: true,
        downloadsPath: downloads,
        acceptDownloads: true,
        ignoreDefaultArgs: ['--disable-extensions'],
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          `--disable-extensions-except=${extension}`,
          `--load-extension=${extension}`,
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      extensionId = new URL(worker.url()).host;
    });

    afterAll(async () => {
      await context?.close();
      await proxy?.close();
      await standIn?.close();
      await stack?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const configure = async (apiUrl: string) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await page.locator('body[data-ready=true]').waitFor({ timeout: WAIT.timeout });
      await page.locator('input[name=apiUrl]').fill(apiUrl);
      await page.locator('input[name=memberId]').fill(MEMBER);
      await page.locator('input[name=token]').fill(TOKEN);
      await page.locator('button[type=submit]').click();
      await expect.poll(() => page.locator('#status').innerText(), WAIT).toBe('Saved.');
      await page.close();
    };

    /** The capture the worker handled last (set once it was sent, saved or left for tomorrow). */
    const latestCapture = () =>
      worker.evaluate(async () => {
        const { latest } = await chrome.storage.local.get('latest');
        return (latest as { capturedAt: string } | undefined)?.capturedAt;
      });

    const visitSsiPage = async (query = '') => {
      const before = await latestCapture();
      const page = await context.newPage();
      await page.goto(`${standIn.url}${query}`);
      await expect.poll(() => page.locator('#score').innerText(), WAIT).toBe('20');
      await expect.poll(latestCapture, WAIT).not.toBe(before);
      await page.close();
    };

    it('sends the SSI JSON the page loaded, and only that, to the member’s pillarwatch; fetch and XHR loads alike', async () => {
      await configure(proxy.url);
      await visitSsiPage();
      const posts = proxy.arrivals.filter((arrival) => arrival.method === 'POST');
      expect(posts).toHaveLength(1);
      const [post] = posts;
      expect(post?.path).toBe(`/members/${encodeURIComponent(MEMBER)}/official-scores`);
      const { activeSeat: _notSent, ...scores } = recordedSsiPayload();
      expect(JSON.parse(post?.body ?? '')).toEqual(scores);
      expect(post?.headers.authorization).toBe(TOKEN);
      expect(post?.headers.cookie).toBeUndefined();
      expect(post?.body).not.toContain('Not for the companion');

      // The same day again, this time loaded with XMLHttpRequest: captured too (visitSsiPage waits for it).
      await visitSsiPage('?via=xhr');
    });

    it.skipIf(!rawSsiAccepted)(
      'the local stack stores the reading with every decimal, once that day',
      async () => {
        const posts = proxy.arrivals.filter((arrival) => arrival.method === 'POST');
        expect(posts.map((post) => post.status)).toEqual([201]);
        const { json } = await stack.api(`/members/${encodeURIComponent(MEMBER)}/official-scores`);
        const { readings } = json as { readings: { overall: number; pillars: Record<string, number> }[] };
        expect(readings).toHaveLength(1);
        expect(readings[0]).toMatchObject({
          overall: 19.705751,
          pillars: { brand: 13.118002, people: 3.68, insights: 0.29999998, relationships: 2.6077502 },
        });
      },
    );

    it('the toolbar button sends today’s capture again at once, past the once-a-day rule', async () => {
      const before = proxy.arrivals.filter((arrival) => arrival.method === 'POST').length;
      // The handler chrome.action.onClicked runs (background.js): no API presses the button itself.
      await worker.evaluate(() =>
        (globalThis as unknown as { pillarwatchToolbarClick: () => Promise<void> }).pillarwatchToolbarClick(),
      );
      const posts = () => proxy.arrivals.filter((arrival) => arrival.method === 'POST');
      await expect.poll(() => posts().length, WAIT).toBe(before + 1);
      const { activeSeat: _notSent, ...scores } = recordedSsiPayload();
      expect(JSON.parse(posts()[before]?.body ?? '')).toEqual(scores);
      const lastResult = await worker.evaluate(
        async () => (await chrome.storage.local.get('lastResult')).lastResult,
      );
      expect(lastResult).toMatchObject({ ok: true });
    });

    it('saves the reading as a file when pillarwatch cannot be reached', async () => {
      const closed = await startRecordingProxy(stack.apiUrl);
      await closed.close();
      await configure(closed.url);
      // A new day for the companion: nothing sent yet today.
      await worker.evaluate(() => chrome.storage.local.remove(['lastSentDay', 'lastDownloadDay']));
      const before = new Set(existsSync(downloads) ? await readdir(downloads) : []);
      const saved = async () => (await readdir(downloads)).filter((name) => !before.has(name));
      await visitSsiPage();
      await expect.poll(async () => (existsSync(downloads) ? (await saved()).length : 0), WAIT).toBe(1);
      const [file] = await saved();
      const content = JSON.parse(await readFile(join(downloads, file ?? ''), 'utf8')) as Record<
        string,
        unknown
      >;
      const { activeSeat: _notSaved, ...scores } = recordedSsiPayload();
      expect(content).toEqual({ observedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), ...scores });
      const lastResult = await worker.evaluate(
        async () => (await chrome.storage.local.get('lastResult')).lastResult,
      );
      expect(lastResult).toMatchObject({ ok: false, detail: expect.stringContaining('did not answer') });
    });
  },
);
