import { IngestFailure } from '../domain/errors';
import { type Day, EARLIEST_DAY } from '../domain/kinds';
import { emptyManifest, type IngestManifest } from '../domain/manifest';
import { type AppliedExport, type Coverage, type MergePlan, planMerge, spanOf } from '../domain/merge';
import { type ExportReading, readExport } from '../export/read-export';
import type { RandomAccessSource } from '../export/sources';
import { type ArchiveLimits, openArchive } from '../export/zip';
import { firstObservationChange, observedWindows } from '../model/observed';
import type { ActivityStore } from '../store/activity-store';
import type { MemberLock } from '../store/member-lock';
import { recordManifest } from '../store/record-manifest';

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
    manifest = { ...base, status: 'FAILED', reason: error.reason, code: error.manifestCode };
  }
  const finished = now();
  manifest = {
    ...manifest,
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    // The manifest's own write counts too.
    writeRequests: manifest.writeRequests + 1,
  };
  return recordManifest(store, manifest);
};

const ingest = async (
  store: ActivityStore,
  request: IngestRequest,
  base: IngestManifest,
  started: Date,
): Promise<IngestManifest> => {
  const source = await request.openSource();
  // No export is produced after its upload: the object's time when the source has it, else the ingest's start.
  const uploadedAt = source.lastModified ?? started;
  const archive = await openArchive(source, request.limits);
  try {
    // Same content again (redelivery, or the same file under another key): nothing to rewrite. Checked
    // before locking: COVERAGE is written last under the lock, so a fingerprint found there is fully applied.
    const known = findApplied(await store.loadCoverage(request.memberId), archive.fingerprint);
    if (known) return duplicateManifest(base, known);
    const reading = await readExport(archive, { uploadedAt });
    const manifest = manifestOf(base, reading);
    if (reading.status === 'FAILED') return manifest;
    if (!request.lock) return await apply(store, request.memberId, reading, manifest);
    const { result, writeRequests } = await request.lock.withLock(request.memberId, () =>
      apply(store, request.memberId, reading, manifest),
    );
    return { ...result, writeRequests: result.writeRequests + writeRequests };
  } finally {
    await archive.close();
  }
};

/** Read, plan and write: the part that must not interleave with another ingest of the same member. */
const apply = async (
  store: ActivityStore,
  memberId: string,
  reading: ExportReading,
  manifest: IngestManifest,
): Promise<IngestManifest> => {
  // Read again under the lock: a concurrent delivery of the same export may have finished meanwhile.
  const coverage = await store.loadCoverage(memberId);
  const known = findApplied(coverage, reading.fingerprint);
  if (known) return duplicateManifest(manifest, known);
  const applied: AppliedExport = {
    fingerprint: reading.fingerprint,
    exportedAt: reading.exportedAt,
    producedAtSource: reading.producedAtSource,
    windows: reading.windows,
  };
  const span = spanOf(applied.windows);
  const stored = span ? await store.readDays(memberId, span.from, span.to) : [];
  const plan = planMerge(stored, coverage, applied, reading.days);
  let writeRequests = await store.writeDays(memberId, plan.puts, plan.deletes);
  let profileChanged = false;
  if (reading.profile) {
    const current = await store.loadProfile(memberId);
    // A guessed (upload) production time never replaces a stored profile, as in the merge of days.
    const newer =
      !current || (reading.producedAtSource !== 'upload' && current.exportedAt <= reading.profile.exportedAt);
    if (newer) {
      await store.saveProfile(memberId, reading.profile);
      writeRequests += 1;
      profileChanged = true;
    }
  }
  // Coverage last: if anything above fails, the redelivery re-applies the whole export and converges.
  await store.saveCoverage(memberId, plan.coverage);
  writeRequests += 1;
  return {
    ...manifest,
    daysWritten: plan.puts.length + plan.deletes.length,
    writeRequests,
    estimatesFrom: estimatesFrom(plan, coverage, profileChanged),
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
