import { IngestFailure } from '../domain/errors';
import type { IngestManifest } from '../domain/manifest';
import { type AppliedExport, planMerge, spanOf } from '../domain/merge';
import { type ExportReading, readExport } from '../export/read-export';
import type { RandomAccessSource } from '../export/sources';
import { type ArchiveLimits, openArchive } from '../export/zip';
import type { ActivityStore } from '../store/activity-store';

export interface IngestRequest {
  memberId: string;
  objectKey: string;
  /** Opened inside the ingest so that a missing or changed object ends in a FAILED manifest. */
  openSource: () => Promise<RandomAccessSource>;
  limits?: Partial<ArchiveLimits>;
  now?: () => Date;
}

/**
 * The ingest use case: read the export, merge it into the member's stored days, record a manifest.
 * Permanent problems (bad input) end in a FAILED manifest and resolve normally; anything else (throttling,
 * network) rejects so the queue retries it. The raw upload is never touched.
 */
export const ingestExport = async (store: ActivityStore, request: IngestRequest): Promise<IngestManifest> => {
  const now = request.now ?? (() => new Date());
  const started = now();
  const base = emptyManifest(request, started);
  let manifest: IngestManifest;
  try {
    manifest = await ingest(store, request, base, started);
  } catch (error) {
    if (!(error instanceof IngestFailure) || !error.permanent) throw error;
    manifest = { ...base, status: 'FAILED', reason: error.reason };
  }
  const finished = now();
  manifest = {
    ...manifest,
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    // The manifest's own write counts too.
    writeRequests: manifest.writeRequests + 1,
  };
  await store.saveManifest(manifest);
  return manifest;
};

const ingest = async (
  store: ActivityStore,
  request: IngestRequest,
  base: IngestManifest,
  started: Date,
): Promise<IngestManifest> => {
  const archive = await openArchive(await request.openSource(), request.limits);
  try {
    const coverage = await store.loadCoverage(request.memberId);
    // Same content again (redelivery, or the same file under another key): nothing to rewrite.
    const known = coverage.exports.find((e) => e.fingerprint === archive.fingerprint);
    if (known) {
      return {
        ...base,
        status: 'SUCCEEDED',
        fingerprint: archive.fingerprint,
        exportedAt: known.exportedAt,
        duplicateOf: archive.fingerprint,
        reason: 'identical to an export already ingested for this member; nothing changed',
      };
    }
    const reading = await readExport(archive, { now: started });
    const manifest = manifestOf(base, reading);
    if (reading.status === 'FAILED') return manifest;

    const applied: AppliedExport = {
      fingerprint: reading.fingerprint,
      exportedAt: reading.exportedAt,
      windows: reading.windows,
    };
    const span = spanOf(applied.windows);
    const stored = span ? await store.readDays(request.memberId, span.from, span.to) : [];
    const plan = planMerge(stored, coverage, applied, reading.days);
    let writeRequests = await store.writeDays(request.memberId, plan.puts, plan.deletes);
    if (reading.profile) {
      const current = await store.loadProfile(request.memberId);
      if (!current || current.exportedAt <= reading.profile.exportedAt) {
        await store.saveProfile(request.memberId, reading.profile);
        writeRequests += 1;
      }
    }
    // Coverage last: if anything above fails, the redelivery re-applies the whole export and converges.
    await store.saveCoverage(request.memberId, plan.coverage);
    writeRequests += 1;
    return { ...manifest, daysWritten: plan.puts.length + plan.deletes.length, writeRequests };
  } finally {
    await archive.close();
  }
};

export const emptyManifest = (
  request: Pick<IngestRequest, 'memberId' | 'objectKey'>,
  started: Date,
): IngestManifest => ({
  memberId: request.memberId,
  objectKey: request.objectKey,
  status: 'FAILED',
  startedAt: started.toISOString(),
  finishedAt: started.toISOString(),
  durationMs: 0,
  filesRecognised: [],
  filesIgnored: [],
  rowsPerKind: {},
  undatedRows: 0,
  rejectedRows: 0,
  coverage: {},
  daysWritten: 0,
  writeRequests: 0,
});

/** The manifest fields an export reading determines (shared by the ingest and `pillarwatch inspect`). */
export const manifestOf = (base: IngestManifest, reading: ExportReading): IngestManifest => ({
  ...base,
  status: reading.status,
  reason: reading.reason,
  fingerprint: reading.fingerprint,
  exportedAt: reading.exportedAt,
  filesRecognised: reading.files,
  filesIgnored: reading.ignored,
  rowsPerKind: reading.rowsPerKind,
  undatedRows: reading.undatedRows,
  rejectedRows: reading.rejectedRows,
  coverage: Object.fromEntries(
    Object.entries(reading.windows).map(([kind, ranges]) => [
      kind,
      { from: ranges[0]?.from as string, to: ranges.at(-1)?.to as string },
    ]),
  ),
});
