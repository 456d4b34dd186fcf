import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type GeneratedExport,
  type GeneratorOptions,
  SAMPLE_OPTIONS,
  writeExport,
} from '../../sample/generator';
import type { DayActivity } from '../../shared/domain/kinds';
import type { IngestManifest } from '../../shared/domain/manifest';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { useLocalStack } from '../support/local-stack';
import { localDocumentClient } from '../support/table-dump';
import { buildZip, declareSizes, truncateZip } from '../support/zip-builder';

const stack = useLocalStack();
let dir: string;
let store: DynamoDbActivityStore;

/** A smaller member than the sample, same quirks: quick to generate and ingest. */
const member = (endDate: string): GeneratorOptions => ({
  ...SAMPLE_OPTIONS,
  seed: 7,
  startDate: '2025-01-01',
  endDate,
  timelineEndDate: '2026-04-15',
  scale: {
    ...SAMPLE_OPTIONS.scale,
    connections: 200,
    messages: 600,
    reactions: 300,
    searches: 150,
    invitationsPerMonth: 20,
  },
});

let early: GeneratedExport;
let late: GeneratedExport;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pillarwatch-ingest-'));
  early = await writeExport(join(dir, 'early.zip'), member('2025-11-30'));
  late = await writeExport(join(dir, 'late.zip'), member('2026-04-15'));
  store = new DynamoDbActivityStore(localDocumentClient(stack.dynamoEndpoint), stack.tableName);
});

const uploadAndWait = async (memberId: string, file: string | Uint8Array, key?: string) => {
  const objectKey = await stack.upload(memberId, file, key);
  await stack.waitForIdle();
  return objectKey;
};

const manifests = async (memberId: string) => {
  const response = await stack.api(`/members/${memberId}/ingests`);
  expect(response.status).toBe(200);
  return (response.json as { ingests: IngestManifest[] }).ingests;
};

const storedDays = (memberId: string) => store.readDays(memberId, '2000-01-01', '2100-01-01');

const countsOnly = (days: readonly DayActivity[]) =>
  days.filter((d) => Object.keys(d.counts).length > 0).map((d) => ({ day: d.day, counts: d.counts }));

/** Two exports of one timeline: the later one wins inside its windows, the earlier fills the rest. */
const mergedExpectation = (older: GeneratedExport, newer: GeneratedExport): DayActivity[] => {
  const byDay = new Map(newer.expected.map((d) => [d.day, structuredClone(d)]));
  for (const day of older.expected) {
    const target = byDay.get(day.day) ?? { day: day.day, counts: {}, signals: {} };
    for (const [kind, n] of Object.entries(day.counts)) {
      if (!(kind in target.counts)) Object.assign(target.counts, { [kind]: n });
    }
    for (const [signal, n] of Object.entries(day.signals)) {
      if (!(signal in target.signals)) Object.assign(target.signals, { [signal]: n });
    }
    byDay.set(day.day, target);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
};

describe('ingest end to end: S3 server → SQS-shaped event → ingest handler → DynamoDB Local → API', () => {
  it('stores exactly the per-day counts the generator wrote, and serves them', async () => {
    const key = await uploadAndWait('e2e-one', late.path);
    const [manifest] = await manifests('e2e-one');
    expect(manifest).toMatchObject({ status: 'SUCCEEDED', objectKey: key, rejectedRows: 0 });
    expect(manifest?.writeRequests).toBeLessThanOrEqual(Math.ceil(late.expected.length / 25) + 5);

    const response = await stack.api('/members/e2e-one/activity?from=2024-05-01&to=2026-04-15&limit=1000');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ memberId: 'e2e-one', days: countsOnly(late.expected) });
    // Derived signals too, straight from the table.
    expect(await storedDays('e2e-one')).toEqual(late.expected);
  });

  it('filters by date range', async () => {
    await uploadAndWait('e2e-range', late.path);
    const inRange = countsOnly(late.expected).filter((d) => d.day >= '2025-06-01' && d.day <= '2025-06-30');
    const response = await stack.api('/members/e2e-range/activity?from=2025-06-01&to=2025-06-30');
    expect((response.json as { days: unknown[] }).days).toEqual(inRange);
    expect(inRange.length).toBeGreaterThan(10);
  });

  it('changes nothing on duplicate delivery or a re-upload under another key', async () => {
    await uploadAndWait('e2e-dup', late.path);
    const before = await storedDays('e2e-dup');
    // The same SQS message again (S3 and SQS deliver at least once).
    const { handler } = await import('../../functions/ingest');
    const first = stack.deliveries.find((d) => d.record.body.includes('e2e-dup'));
    expect(first).toBeDefined();
    await handler({ Records: [first?.record as NonNullable<typeof first>['record']] });
    await uploadAndWait('e2e-dup', await readFile(late.path), 'exports/e2e-dup/copy of export.zip');
    expect(await storedDays('e2e-dup')).toEqual(before);
    const [latest, redelivered] = await manifests('e2e-dup');
    for (const manifest of [latest, redelivered]) {
      expect(manifest).toMatchObject({ status: 'SUCCEEDED', writeRequests: 1, daysWritten: 0 });
      expect(manifest?.duplicateOf).toBeDefined();
    }
  });

  it('gives the same state for two overlapping exports in either order', async () => {
    await uploadAndWait('e2e-forward', early.path);
    await uploadAndWait('e2e-forward', late.path);
    await uploadAndWait('e2e-backward', late.path);
    await uploadAndWait('e2e-backward', early.path);
    const forward = await storedDays('e2e-forward');
    expect(await storedDays('e2e-backward')).toEqual(forward);
    expect(forward).toEqual(mergedExpectation(early, late));
    // The early export still contributes invitations the later one no longer lists.
    const earlyInvitationDays = early.expected.filter(
      (d) => d.counts.invitation_sent && d.day < '2025-10-01',
    );
    expect(earlyInvitationDays.length).toBeGreaterThan(0);
    expect(late.expected.some((d) => d.day === earlyInvitationDays[0]?.day && d.counts.invitation_sent)).toBe(
      false,
    );
  });
});

describe('an export re-zipped without entry times', () => {
  const reactions = (dates: string[]) => `Date,Type,Link\n${dates.map((d) => `${d},LIKE,x`).join('\n')}\n`;

  it('does not overwrite the days of a newer export, in either order', async () => {
    const newer = await buildZip([
      {
        name: 'Reactions.csv',
        content: reactions(['2025-02-01 10:00:00', '2025-03-01 09:00:00', '2025-03-01 10:00:00']),
        mtime: new Date('2025-03-05T12:00:00Z'),
      },
    ]);
    // The DOS epoch, as tools without times write it; the upload (now) is much later than either export.
    const older = await buildZip([
      {
        name: 'Reactions.csv',
        content: reactions(['2025-01-20 10:00:00', '2025-02-01 10:00:00', '2025-02-01 11:00:00']),
        mtime: new Date(1980, 0, 1),
      },
    ]);
    for (const [memberId, first, second] of [
      ['rezip-forward', newer, older],
      ['rezip-backward', older, newer],
    ] as const) {
      await uploadAndWait(memberId, first);
      await uploadAndWait(memberId, second);
      expect(countsOnly(await storedDays(memberId))).toEqual([
        { day: '2025-01-20', counts: { reaction: 1 } },
        { day: '2025-02-01', counts: { reaction: 1 } },
        { day: '2025-03-01', counts: { reaction: 2 } },
      ]);
    }
    const [latest] = await manifests('rezip-forward');
    expect(latest).toMatchObject({ producedAtSource: 'activity', exportedAt: '2025-02-01T11:00:00.000Z' });
  });
});

describe('bad uploads end in a clear manifest and the raw object stays', () => {
  const expectFailed = async (memberId: string, body: Uint8Array, reason: RegExp) => {
    const key = await uploadAndWait(memberId, body);
    const [manifest] = await manifests(memberId);
    expect(manifest).toMatchObject({ status: 'FAILED', objectKey: key });
    expect(manifest?.reason).toMatch(reason);
    const head = await stack.s3.send(new HeadObjectCommand({ Bucket: stack.bucketName, Key: key }));
    expect(head.ContentLength).toBe(body.length);
    // Acknowledged, not retried: a permanent failure.
    const mine = stack.deliveries.filter((d) => d.record.body.includes(memberId));
    expect(mine.map((d) => d.outcome)).toEqual(['ok']);
  };

  it('a file that is not a ZIP', () =>
    expectFailed('bad-notzip', Buffer.from('%PDF-1.7 not a zip'), /not a ZIP archive/));

  it('a truncated ZIP', async () => {
    const zip = await readFile(late.path);
    await expectFailed(
      'bad-truncated',
      truncateZip(zip, Math.floor(zip.length / 2)),
      /truncated|incomplete|corrupt/,
    );
  });

  it('a small ZIP bomb (an entry that lies about its size)', async () => {
    const bomb = await buildZip([{ name: 'messages.csv', content: Buffer.alloc(3_000_000, 0x41) }]);
    await expectFailed(
      'bad-bomb',
      declareSizes(bomb, 'messages.csv', { uncompressedSize: 1000 }),
      /ZIP bomb|more data/,
    );
  });

  it('a CSV with the wrong header is reported, the rest is stored (PARTIAL)', async () => {
    const zip = await buildZip([
      { name: 'Shares.csv', content: 'Foo,Bar\n1,2\n' },
      { name: 'Reactions.csv', content: 'Date,Type,Link\n2026-02-08 10:00:00,LIKE,x\n' },
    ]);
    await uploadAndWait('bad-header', zip);
    const [manifest] = await manifests('bad-header');
    expect(manifest?.status).toBe('PARTIAL');
    expect(manifest?.filesRecognised.find((f) => f.path === 'Shares.csv')?.error).toMatch(/header lacks/);
    expect((await stack.api('/members/bad-header/activity')).json).toEqual({
      memberId: 'bad-header',
      days: [{ day: '2026-02-08', counts: { reaction: 1 } }],
    });
  });
});

describe('API paging and errors', () => {
  it('pages long ranges with an opaque cursor, without gaps or overlaps', async () => {
    await uploadAndWait('api-pages', late.path);
    const all = countsOnly(late.expected).filter((d) => d.day >= '2025-03-01' && d.day <= '2025-08-31');
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `from=2025-03-01&to=2025-08-31&limit=40${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await stack.api(`/members/api-pages/activity?${query}`);
      expect(response.status).toBe(200);
      const body = response.json as { days: unknown[]; nextCursor?: string };
      expect(body.days.length).toBeLessThanOrEqual(40);
      seen.push(...body.days);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 40) + (all.length % 40 === 0 ? 1 : 0));
  });

  it('refuses a cursor it did not issue and a range beyond the maximum', async () => {
    await uploadAndWait(
      'api-limits',
      await buildZip([{ name: 'Votes.csv', content: 'Date,Link,OptionText\n2026-02-18 10:00:00,x,Yes\n' }]),
    );
    const badCursor = await stack.api('/members/api-limits/activity?cursor=not-a-cursor');
    expect(badCursor.status).toBe(400);
    expect((badCursor.json as { detail: string }).detail).toMatch(/cursor/);
    const tooLong = await stack.api('/members/api-limits/activity?from=2020-01-01&to=2026-01-01');
    expect(tooLong.status).toBe(400);
    expect((tooLong.json as { detail: string }).detail).toMatch(/at most 1098 days/);
  });

  it('answers a forged or foreign cursor with 400 naming `cursor`, on every paged route (#8)', async () => {
    const zip = await buildZip([
      { name: 'Votes.csv', content: 'Date,Link,OptionText\n2026-02-18 10:00:00,x,Yes\n' },
    ]);
    await uploadAndWait('api-cursor', zip);
    const forge = (after: string) => Buffer.from(JSON.stringify({ after })).toString('base64url');
    // Another member's ingest position: well formed, but not a key of this member.
    const foreignIngest = forge('2026-02-18T10:00:00.000Z#exports/api-limits/export.zip');
    const routes = ['activity', 'estimates', 'findings', 'ingests', 'official-scores', 'report'];
    for (const route of routes) {
      for (const cursor of [forge('garbage'), forge('2026-13-45'), 'not-a-cursor', foreignIngest]) {
        const response = await stack.api(`/members/api-cursor/${route}?cursor=${cursor}`);
        expect(response.status, `${route} ${cursor}`).toBe(400);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(response.json).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
        expect((response.json as { detail: string }).detail).toMatch(/^cursor: /);
      }
    }
    // A day outside the requested range is not a cursor this request could have been given.
    const outside = await stack.api(
      `/members/api-cursor/activity?from=2026-02-01&to=2026-02-28&cursor=${forge('2025-06-01')}`,
    );
    expect(outside.status).toBe(400);
    // A cursor the API issued still pages: two uploads, one manifest per page.
    await uploadAndWait('api-cursor', zip, 'exports/api-cursor/again.zip');
    const first = (await stack.api('/members/api-cursor/ingests?limit=1')).json as { nextCursor?: string };
    expect(first.nextCursor).toBeDefined();
    const second = await stack.api(`/members/api-cursor/ingests?limit=1&cursor=${first.nextCursor}`);
    expect(second.status).toBe(200);
    expect((second.json as { ingests: IngestManifest[] }).ingests).toHaveLength(1);
  });

  it('serves its OpenAPI document', async () => {
    const response = await stack.api('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      openapi: '3.1.0',
      paths: { '/members/{memberId}/activity': { get: {} } },
    });
  });

  it('404 for an unknown member, as problem+json', async () => {
    const response = await stack.api('/members/nobody-here/activity');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.json).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('400 for bad dates, with the reason', async () => {
    await uploadAndWait(
      'api-dates',
      await buildZip([{ name: 'Votes.csv', content: 'Date,Link,OptionText\n2026-02-18 10:00:00,x,Yes\n' }]),
    );
    for (const query of ['from=2026-02-30', 'from=yesterday', 'from=2026-03-01&to=2026-02-01']) {
      const response = await stack.api(`/members/api-dates/activity?${query}`);
      expect(response.status).toBe(400);
      expect((response.json as { detail: string }).detail).toMatch(/from/);
    }
  });
});
