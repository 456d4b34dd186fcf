import { IngestFailure } from '../domain/errors';
import { type Day, EARLIEST_DAY } from '../domain/kinds';
import { emptyManifest, type IngestManifest, manifestPosition } from '../domain/manifest';
import { type AppliedExport, type Coverage, type MergePlan, planMerge, spanOf } from '../domain/merge';
import { type ExportReading, readExport } from '../export/read-export';
import type { RandomAccessSource } from '../export/sources';
import { type ArchiveLimits, openArchive } from '../export/zip';
import { firstObservationChange, observedWindows } from '../model/observed';
import type { ActivityStore } from '../store/activity-store';
import type { ErasureMarks } from '../store/member-erasure';
import { type Lease, type MemberLock, UNCONTESTED_LEASE } from '../store/member-lock';
import { recordManifest } from '../store/record-manifest';
import type { ScoresStore } from '../store/scores-store';

export interface IngestRequest {
  memberId: string;
  objectKey: string;
  /** Opened inside the ingest so that a missing or changed object ends in a FAILED manifest. */
  openSource: () => Promise<RandomAccessSource>;
  limits?: Partial<ArchiveLimits>;
  /**
   * Serialises the merge with other ingests of the same member. Required wherever two ingests of one member
   * can run at once (the Lambda handler); without it, callers must run them one after another.
   */
  lock?: MemberLock;
  /**
   * The erasures' tombstones: an ingest whose upload predates the member's erasure (or is gone with it)
   * writes nothing. Checked under the lock.
   */
  erasures?: ErasureMarks;
  /** The members' registry (the sweep's and the start-up's list), written under the lock before the merge. */
  registry?: Pick<ScoresStore, 'registerMember'>;
  now?: () => Date;
}

/** What became of an upload: a manifest stored, or nothing written because the member was erased after it. */
export type ExportIngestOutcome =
  | { kind: 'recorded'; manifest: IngestManifest }
  | { kind: 'dropped'; erasedAt: string };

/**
 * The ingest use case: read the export, merge it into the member's stored days, record a manifest.
 * Permanent problems (bad input) end in a FAILED manifest and resolve normally; anything else (throttling,
 * network) rejects so the queue retries it. The raw upload is never touched.
 */
export const ingestExport = async (store: ActivityStore, request: IngestRequest): Promise<IngestManifest> => {
  const outcome = await ingestExportUpload(store, request);
  // Only a request with `erasures` can be dropped; callers without them always get a manifest.
  if (outcome.kind === 'dropped') throw new Error(`member erased at ${outcome.erasedAt}; nothing written`);
  return outcome.manifest;
};

/**
 * The ingest of one upload as the ingest function runs it: the export is read outside the lock; then, under
 * the member's lock, the tombstone is checked and the merge, the pending-scoring marker and the manifest are
 * written. The scoring itself follows (`completePendingScoring`).
 */
export const ingestExportUpload = async (
  store: ActivityStore,
  request: IngestRequest,
): Promise<ExportIngestOutcome> => {
  const now = request.now ?? (() => new Date());
  const started = now();
  const base = emptyManifest(request, started);
  let read: ReadOutcome;
  try {
    read = await readUpload(store, request, base, started);
  } catch (error) {
    if (!(error instanceof IngestFailure) || !error.permanent) throw error;
    read = { manifest: { ...base, status: 'FAILED', reason: error.reason, code: error.manifestCode } };
  }
  const record = async (lease: Lease): Promise<ExportIngestOutcome> => {
    const erasedAt = await request.erasures?.erasedAt(request.memberId);
    if (erasedAt && overtakenByErasure(read.uploadedAt, erasedAt)) return { kind: 'dropped', erasedAt };
    let manifest = read.reading
      ? await apply(store, request, read.reading, read.manifest, lease)
      : read.manifest;
    if (manifest.status !== 'FAILED' && !read.reading)
      manifest = await joinPendingScoring(store, manifest, lease);
    const finished = now();
    manifest = {
      ...manifest,
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      // The manifest's own write counts too.
      writeRequests: manifest.writeRequests + 1,
    };
    lease.assertHeld();
    return { kind: 'recorded', manifest: await recordManifest(store, manifest) };
  };
  if (!request.lock) return record(UNCONTESTED_LEASE);
  const { result, writeRequests } = await request.lock.withLock(request.memberId, record);
  return result.kind === 'recorded'
    ? {
        kind: 'recorded',
        manifest: { ...result.manifest, writeRequests: result.manifest.writeRequests + writeRequests },
      }
    : result;
};

interface ReadOutcome {
  /** The manifest so far: FAILED, a duplicate, or what the reading found. */
  manifest: IngestManifest;
  /** Present when there is something to merge. */
  reading?: ExportReading;
  /** The upload's time (S3 LastModified), when the object could be opened. */
  uploadedAt?: Date;
}

/** Opens and reads the upload (no writes, no lock): a duplicate is recognised before reading the entries. */
const readUpload = async (
  store: ActivityStore,
  request: IngestRequest,
  base: IngestManifest,
  started: Date,
): Promise<ReadOutcome> => {
  const source = await request.openSource();
  // No export is produced after its upload: the object's time when the source has it, else the ingest's start.
  const uploadedAt = source.lastModified ?? started;
  try {
    const archive = await openArchive(source, request.limits);
    try {
      // Same content again (redelivery, or the same file under another key): nothing to rewrite. Checked
      // again under the lock: COVERAGE is written last under it, so a fingerprint found there is fully applied.
      const known = findApplied(await store.loadCoverage(request.memberId), archive.fingerprint);
      if (known) return { manifest: duplicateManifest(base, known), uploadedAt };
      const reading = await readExport(archive, { uploadedAt });
      const manifest = manifestOf(base, reading);
      return reading.status === 'FAILED' ? { manifest, uploadedAt } : { manifest, reading, uploadedAt };
    } finally {
      await archive.close();
    }
  } catch (error) {
    if (error instanceof IngestFailure && error.permanent)
      return { manifest: { ...base, status: 'FAILED', reason: error.reason }, uploadedAt };
    throw error;
  }
};

/**
 * A duplicate (or any manifest written while scoring is owed) waits for the scoring too: its position joins
 * the marker so the scoring run marks it DONE.
 */
const joinPendingScoring = async (
  store: ActivityStore,
  manifest: IngestManifest,
  lease: Lease,
): Promise<IngestManifest> => {
  const coverage = await store.loadCoverage(manifest.memberId);
  if (!coverage.pendingScoring) return manifest;
  lease.assertHeld();
  await store.saveCoverage(manifest.memberId, {
    ...coverage,
    pendingScoring: {
      ...coverage.pendingScoring,
      manifests: [...coverage.pendingScoring.manifests, manifestPosition(manifest)],
    },
  });
  return { ...manifest, scoring: { status: 'PENDING' }, writeRequests: manifest.writeRequests + 1 };
};

/** Read, plan and write: the part that must not interleave with another ingest of the same member. */
const apply = async (
  store: ActivityStore,
  request: IngestRequest,
  reading: ExportReading,
  manifest: IngestManifest,
  lease: Lease,
): Promise<IngestManifest> => {
  const { memberId } = request;
  // Read again under the lock: a concurrent delivery of the same export may have finished meanwhile.
  const coverage = await store.loadCoverage(memberId);
  const known = findApplied(coverage, reading.fingerprint);
  if (known) return joinPendingScoring(store, duplicateManifest(manifest, known), lease);
  const applied: AppliedExport = {
    fingerprint: reading.fingerprint,
    exportedAt: reading.exportedAt,
    producedAtSource: reading.producedAtSource,
    windows: reading.windows,
  };
  const span = spanOf(applied.windows);
  const stored = span ? await store.readDays(memberId, span.from, span.to) : [];
  const plan = planMerge(stored, coverage, applied, reading.days);
  lease.assertHeld();
  let writeRequests = 0;
  if (request.registry) {
    await request.registry.registerMember(memberId);
    writeRequests += 1;
  }
  writeRequests += await store.writeDays(memberId, plan.puts, plan.deletes);
  let profileChanged = false;
  if (reading.profile) {
    const current = await store.loadProfile(memberId);
    // A guessed (upload) production time never replaces a stored profile, as in the merge of days.
    const newer =
      !current || (reading.producedAtSource !== 'upload' && current.exportedAt <= reading.profile.exportedAt);
    if (newer) {
      lease.assertHeld();
      await store.saveProfile(memberId, reading.profile);
      writeRequests += 1;
      profileChanged = true;
    }
  }
  const from = estimatesFrom(plan, coverage, profileChanged);
  const owed = coverage.pendingScoring;
  // Scoring owed is recorded in the same write as the merge's result: a crash after it leaves the marker.
  const pendingScoring =
    from || owed
      ? {
          from: [from, owed?.from].filter((day): day is Day => day !== undefined).sort()[0] as Day,
          manifests: [...(owed?.manifests ?? []), manifestPosition(manifest)],
        }
      : undefined;
  // Coverage last: if anything above fails, the redelivery re-applies the whole export and converges.
  lease.assertHeld();
  await store.saveCoverage(memberId, { ...plan.coverage, ...(pendingScoring ? { pendingScoring } : {}) });
  writeRequests += 1;
  return {
    ...manifest,
    daysWritten: plan.puts.length + plan.deletes.length,
    writeRequests: manifest.writeRequests + writeRequests,
    estimatesFrom: from,
    ...(pendingScoring ? { scoring: { status: 'PENDING' as const } } : {}),
  };
};

/**
 * The first day whose estimate this merge can change: a changed day, a day whose observation changed
 * (confidence), or every day when the profile snapshot changed (model v1 applies it to all days).
 */
const estimatesFrom = (plan: MergePlan, before: Coverage, profileChanged: boolean): Day | undefined => {
  if (profileChanged) return EARLIEST_DAY;
  const candidates = [
    ...plan.puts.map((d) => d.day),
    ...plan.deletes,
    firstObservationChange(observedWindows(before), observedWindows(plan.coverage)),
  ].filter((day): day is Day => day !== undefined);
  return candidates.sort()[0];
};

const findApplied = (coverage: Coverage, fingerprint: string): AppliedExport | undefined =>
  coverage.exports.find((e) => e.fingerprint === fingerprint);

/** The same manifest whether the duplicate is seen before reading the export or under the lock. */
const duplicateManifest = (manifest: IngestManifest, known: AppliedExport): IngestManifest => ({
  ...emptyManifest(manifest, new Date(manifest.startedAt)),
  status: 'SUCCEEDED',
  fingerprint: known.fingerprint,
  exportedAt: known.exportedAt,
  producedAtSource: known.producedAtSource,
  duplicateOf: known.fingerprint,
  reason: 'identical to an export already ingested for this member; nothing changed',
});

/** The manifest fields an export reading determines (shared by the ingest and `pillarwatch inspect`). */
export const manifestOf = (base: IngestManifest, reading: ExportReading): IngestManifest => ({
  ...base,
  status: reading.status,
  reason: reading.reason,
  fingerprint: reading.fingerprint,
  exportedAt: reading.exportedAt,
  producedAtSource: reading.producedAtSource,
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

/**
 * An object erased with its member is gone (no upload time); one still there was written after the erasure
 * listed the member's uploads. S3 keeps LastModified to the second, so an upload in the erasure's own second
 * counts as after it (comparing with the erasure's milliseconds dropped a fresh upload made right after it).
 */
export const overtakenByErasure = (uploadedAt: Date | undefined, erasedAt: string): boolean =>
  !uploadedAt || uploadedAt.getTime() < Math.floor(Date.parse(erasedAt) / 1000) * 1000;
