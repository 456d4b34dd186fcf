import { describe, expect, it } from 'vitest';
import { IngestFailure } from '../../shared/domain/errors';
import { bufferSource } from '../../shared/export/sources';
import { ingestExport, overtakenByErasure } from '../../shared/ingest/ingest-export';
import { MemoryStore } from '../support/memory-store';
import { buildZip } from '../support/zip-builder';

const MTIME = new Date('2026-03-05T12:00:00Z');
const exportZip = (reactions: string[]) =>
  buildZip([
    {
      name: 'Reactions.csv',
      content: `Date,Type,Link\n${reactions.map((d) => `${d},LIKE,x`).join('\n')}\n`,
      mtime: MTIME,
    },
  ]);

const ingest = (store: MemoryStore, bytes: Buffer, objectKey = 'exports/ana/a.zip') =>
  ingestExport(store, { memberId: 'ana', objectKey, openSource: async () => bufferSource(bytes) });

describe('ingestExport', () => {
  it('stores per-day counts, coverage and a SUCCEEDED manifest', async () => {
    const store = new MemoryStore();
    const manifest = await ingest(
      store,
      await exportZip(['2026-02-01 10:00:00', '2026-02-01 11:00:00', '2026-02-03 09:00:00']),
    );
    expect(manifest).toMatchObject({ status: 'SUCCEEDED', rowsPerKind: { reaction: 3 }, daysWritten: 2 });
    expect(manifest.coverage).toEqual({ reaction: { from: '2026-02-01', to: '2026-03-05' } });
    expect(await store.readDays('ana', '2026-01-01', '2026-12-31')).toEqual([
      { day: '2026-02-01', counts: { reaction: 2 }, signals: {} },
      { day: '2026-02-03', counts: { reaction: 1 }, signals: {} },
    ]);
    // one batch of days + coverage + manifest
    expect(manifest.writeRequests).toBe(3);
    expect(store.writes).toBe(3);
  });

  it('recognises an identical re-upload under another key and writes only its manifest', async () => {
    const store = new MemoryStore();
    const bytes = await exportZip(['2026-02-01 10:00:00']);
    await ingest(store, bytes);
    // Its scoring done meanwhile (otherwise the duplicate joins the manifests waiting for it).
    const coverage = store.coverage.get('ana');
    if (coverage) delete coverage.pendingScoring;
    const writesBefore = store.writes;
    const again = await ingest(store, bytes, 'exports/ana/copy of a.zip');
    expect(again).toMatchObject({ status: 'SUCCEEDED', writeRequests: 1, daysWritten: 0 });
    expect(again.duplicateOf).toBeDefined();
    expect(store.writes - writesBefore).toBe(1);
  });

  it('records a FAILED manifest with a plain reason for bytes that are not a ZIP', async () => {
    const store = new MemoryStore();
    const manifest = await ingest(store, Buffer.from('this is a PDF, honestly'));
    expect(manifest.status).toBe('FAILED');
    expect(manifest.reason).toMatch(/not a ZIP archive/);
    expect(store.manifests).toHaveLength(1);
    expect(store.days.size).toBe(0);
  });

  it('records a FAILED manifest when the object is gone (permanent)', async () => {
    const store = new MemoryStore();
    const manifest = await ingestExport(store, {
      memberId: 'ana',
      objectKey: 'exports/ana/gone.zip',
      openSource: async () => {
        throw new IngestFailure('the uploaded object no longer exists (deleted before the ingest ran)');
      },
    });
    expect(manifest).toMatchObject({ status: 'FAILED', reason: expect.stringMatching(/no longer exists/) });
  });

  it('rethrows transient errors without a manifest so the queue retries', async () => {
    const store = new MemoryStore();
    await expect(
      ingestExport(store, {
        memberId: 'ana',
        objectKey: 'exports/ana/a.zip',
        openSource: async () => {
          throw Object.assign(new Error('SlowDown'), { name: 'SlowDown' });
        },
      }),
    ).rejects.toThrow('SlowDown');
    expect(store.manifests).toHaveLength(0);
  });
});

describe('overtakenByErasure', () => {
  it('drops what the erasure overtook, at the second precision S3 keeps LastModified in', () => {
    const erasedAt = '2026-03-01T10:00:05.400Z';
    // Gone with the member (no upload time), or written in an earlier second: dropped.
    expect(overtakenByErasure(undefined, erasedAt)).toBe(true);
    expect(overtakenByErasure(new Date('2026-03-01T10:00:04.000Z'), erasedAt)).toBe(true);
    // Re-uploaded right after the erasure, within its second (LastModified reads .000): a fresh start.
    expect(overtakenByErasure(new Date('2026-03-01T10:00:05.000Z'), erasedAt)).toBe(false);
    expect(overtakenByErasure(new Date('2026-03-01T10:00:06.000Z'), erasedAt)).toBe(false);
  });
});
