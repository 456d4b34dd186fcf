import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { matchesNotificationFilter } from '../../local/s3-events';
import {
  capManifest,
  capText,
  emptyManifest,
  type IngestManifest,
  MAX_MANIFEST_TEXT_CHARS,
} from '../../shared/domain/manifest';
import type { OfficialReading } from '../../shared/domain/pillars';
import { handleUpload, type UploadDeps } from '../../shared/ingest/handle-upload';
import { classifyKey } from '../../shared/ingest/s3-event';
import { parseReadingsUpload } from '../../shared/readings/parse';
import type { ScoresDeps } from '../../shared/scores/member-scores';
import { ingestReadingsUpload } from '../../shared/scores/readings-upload';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { DynamoDbScoresStore } from '../../shared/store/dynamodb/scores-store';
import { recordManifest } from '../../shared/store/record-manifest';
import { MemoryStore } from '../support/memory-store';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(documentClient);
afterEach(() => ddb.reset());

const HEADER = 'date,overall,brand,people,insights,relationships';
const huge = 'x'.repeat(300_000);
const at = new Date('2026-06-02T08:30:00.000Z');

/** Scores deps for a readings upload that stores nothing (every row is rejected): the activity store is real. */
const readingsDeps = (activity: MemoryStore) =>
  ({
    activity,
    scores: { registerMember: async () => {}, saveReadings: async () => [] },
    now: () => at,
  }) as unknown as ScoresDeps & { activity: MemoryStore };

const manifestSize = (manifest: IngestManifest) => Buffer.byteLength(JSON.stringify(manifest));

describe('capText', () => {
  it('keeps short text and cuts long text to the cap, ending in an ellipsis', () => {
    expect(capText('short')).toBe('short');
    expect(capText(huge)).toBe(`${'x'.repeat(MAX_MANIFEST_TEXT_CHARS)}…`);
  });

  it('never splits a surrogate pair', () => {
    expect(capText(`${'a'.repeat(199)}😀😀`)).toBe(`${'a'.repeat(199)}…`);
    expect(capText(`${'a'.repeat(198)}😀😀`)).toBe(`${'a'.repeat(198)}😀…`);
  });

  it('caps every free text of a manifest: reason, paths, samples, errors, notes, ignored files', () => {
    const manifest: IngestManifest = {
      ...emptyManifest({ memberId: 'm', objectKey: 'exports/m/a.zip' }, at),
      reason: huge,
      filesRecognised: [
        {
          path: huge,
          rows: 1,
          rejected: 1,
          undated: 0,
          samples: [{ file: huge, line: 2, reason: huge }],
          error: huge,
          note: huge,
        },
      ],
      filesIgnored: [{ path: huge, reason: huge }],
    };
    expect(manifestSize(capManifest(manifest))).toBeLessThan(2_500);
  });
});

describe('a readings file with a 300,000-character cell', () => {
  it.each([
    ['CSV', 'cell.csv', `${HEADER}\n${huge},40,10,10,10,10\n`],
    [
      'JSON',
      'cell.json',
      JSON.stringify({
        observedAt: huge,
        overall: 40,
        pillars: { brand: 10, people: 10, insights: 10, relationships: 10 },
      }),
    ],
    [
      'a JSON array',
      'array.json',
      JSON.stringify([
        {
          observedAt: huge,
          overall: 40,
          pillars: { brand: 10, people: 10, insights: 10, relationships: 10 },
        },
      ]),
    ],
  ])('in %s ends in a small FAILED manifest, every text capped', async (_form, name, body) => {
    const activity = new MemoryStore();
    const manifest = await ingestReadingsUpload(readingsDeps(activity), {
      memberId: 'm',
      objectKey: `scores/m/${name}`,
      read: async () => Buffer.from(body),
    });
    expect(manifest).toMatchObject({ status: 'FAILED', code: 'READINGS_UNREADABLE' });
    expect(manifest.reason?.length).toBeLessThanOrEqual(MAX_MANIFEST_TEXT_CHARS + 1);
    expect(activity.manifests).toEqual([manifest]);
    expect(manifestSize(manifest)).toBeLessThan(2_000);
  });
});

describe('a manifest the database refuses as too large', () => {
  const tooLarge = Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
    name: 'ValidationException',
  });
  const full: IngestManifest = {
    ...emptyManifest({ memberId: 'm', objectKey: 'exports/m/a.zip' }, at),
    status: 'PARTIAL',
    rejectedRows: 7,
    writeRequests: 3,
  };

  it('is replaced by a minimal FAILED manifest instead of being retried', async () => {
    ddb.on(PutCommand).rejectsOnce(tooLarge).resolves({});
    const store = new DynamoDbActivityStore(documentClient, 'table');
    const returned = await recordManifest(store, full);
    const puts = ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.manifest);
    expect(puts).toHaveLength(2);
    expect(puts[1]).toMatchObject({
      status: 'FAILED',
      code: 'MANIFEST_TOO_LARGE',
      rejectedRows: 7,
      filesRecognised: [],
      reason: expect.stringContaining(
        'the manifest was too large to store (outcome: PARTIAL, EXPORT_PARTIAL)',
      ),
    });
    // The caller goes on with what the ingest did (merged days are still scored).
    expect(returned).toMatchObject({ status: 'PARTIAL', code: 'EXPORT_PARTIAL' });
  });

  it('any other ValidationException stays an error (retried by the queue)', async () => {
    ddb.on(PutCommand).rejects(
      Object.assign(new Error('One or more parameter values were invalid'), {
        name: 'ValidationException',
      }),
    );
    const store = new DynamoDbActivityStore(documentClient, 'table');
    await expect(recordManifest(store, full)).rejects.toThrow(/parameter values/);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
  });
});

describe('upload keys', () => {
  const record = (key: string) => ({
    eventName: 'ObjectCreated:Put',
    s3: { bucket: { name: 'b' }, object: { key } },
  });

  it('an export with an upper-case extension and readings in any case start an ingest, locally too', () => {
    for (const key of [
      'exports/m/Export.ZIP',
      'exports/m/a.zip',
      'scores/m/h.CSV',
      'scores/m/s.Json',
      'exports/m/notes.txt',
    ])
      expect(matchesNotificationFilter(record(key)), key).toBe(true);
    expect(matchesNotificationFilter(record('elsewhere/m/a.zip'))).toBe(false);
    expect(classifyKey('exports/m/Export.ZIP')).toEqual({ kind: 'export', memberId: 'm' });
  });

  it('anything else under exports/<id>/ gets a FAILED manifest saying it is not a .zip', async () => {
    const activity = new MemoryStore();
    const logger = { info: vi.fn(), warn: vi.fn() };
    const deps = {
      scores: { activity, now: () => at },
      metrics: { addMetric: vi.fn() },
      logger,
    } as unknown as UploadDeps;
    await handleUpload(deps, { bucket: 'b', key: 'exports/m/Export.rar' });
    expect(activity.manifests).toEqual([
      expect.objectContaining({
        memberId: 'm',
        objectKey: 'exports/m/Export.rar',
        status: 'FAILED',
        code: 'NOT_A_ZIP',
        reason: expect.stringMatching(/^not a \.zip file: upload the ZIP archive LinkedIn sends/),
      }),
    ]);
  });
});

describe('UTF-16 readings files (Excel "Unicode text")', () => {
  const csv = `${HEADER}\n2026-04-02,40,10,10,10,10\n`;
  const bigEndian = (text: string) => Buffer.from(text, 'utf16le').swap16();
  it.each([
    ['LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')])],
    ['BE', Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian(csv)])],
  ])('UTF-16 %s with a byte-order mark reads like UTF-8', (_order, bytes) => {
    const parsed = parseReadingsUpload('m', 'history.csv', bytes, { receivedAt: at.toISOString() });
    expect(parsed.rejected).toEqual([]);
    expect(parsed.readings).toEqual(
      parseReadingsUpload('m', 'history.csv', Buffer.from(csv), { receivedAt: at.toISOString() }).readings,
    );
    expect(parsed.readings).toHaveLength(1);
  });
});

describe('DynamoDbScoresStore.saveReadings', () => {
  const readings = (n: number): OfficialReading[] =>
    parseReadingsUpload(
      'm',
      'h.csv',
      `${HEADER}\n${Array.from({ length: n }, (_, i) => `${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},40,10,10,10,10`).join('\n')}\n`,
      { receivedAt: at.toISOString() },
    ).readings;

  it('reads the stored keys once, then batch-writes only the new readings, 25 a request', async () => {
    const all = readings(60);
    const known = all[3] as OfficialReading;
    ddb.on(QueryCommand).resolves({ Items: [{ sk: `OFFICIAL#${known.observedAt}#${known.readingHash}` }] });
    ddb.on(BatchWriteCommand).resolves({});
    const store = new DynamoDbScoresStore(documentClient, 'table', { backoffMs: () => 0 });
    const fresh = await store.saveReadings('m', [...all, all[0] as OfficialReading]);
    expect(fresh).toHaveLength(59);
    expect(fresh).not.toContain(known);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(
      ddb.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems?.table?.length),
    ).toEqual([25, 25, 9]);
  });

  it('retries the items DynamoDB left unprocessed', async () => {
    const [first, second] = readings(2) as [OfficialReading, OfficialReading];
    const leftOver = [
      {
        PutRequest: {
          Item: {
            pk: 'MEMBER#m',
            sk: `OFFICIAL#${second.observedAt}#${second.readingHash}`,
            reading: second,
          },
        },
      },
    ];
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { table: leftOver } })
      .resolves({});
    const store = new DynamoDbScoresStore(documentClient, 'table', { backoffMs: () => 0 });
    expect(await store.saveReadings('m', [first, second])).toEqual([first, second]);
    expect(ddb.commandCalls(BatchWriteCommand)[1]?.args[0].input.RequestItems?.table).toEqual(leftOver);
  });
});
