import { ItemTooLarge } from '../domain/errors';
import {
  capManifest,
  emptyManifest,
  type IngestManifest,
  type ManifestCode,
  minimalManifest,
} from '../domain/manifest';
import type { ActivityStore } from './activity-store';

/**
 * The one way an ingest stores its manifest (next to the port: it is about what storage can hold): named with a `code`, every free text capped (`capManifest`),
 * and, should the database still refuse it as too large, replaced by a minimal FAILED manifest rather than
 * retried (the same item is refused on every delivery). Returns the manifest the caller goes on with: the
 * capped one, also when only the minimal one could be stored, so that work already done (merged days) is
 * still scored.
 */
export const recordManifest = async (
  store: Pick<ActivityStore, 'saveManifest'>,
  manifest: IngestManifest,
): Promise<IngestManifest> => {
  const capped = capManifest({ ...manifest, code: manifest.code ?? exportCode(manifest) });
  try {
    await store.saveManifest(capped);
  } catch (error) {
    if (!(error instanceof ItemTooLarge)) throw error;
    await store.saveManifest(minimalManifest(capped));
  }
  return capped;
};

/** An upload refused by its key alone (e.g. not a .zip under `exports/`): a FAILED manifest, nothing read. */
export const recordRefusedUpload = (
  store: Pick<ActivityStore, 'saveManifest'>,
  request: { memberId: string; objectKey: string; code: ManifestCode; reason: string; now: Date },
): Promise<IngestManifest> =>
  recordManifest(store, {
    ...emptyManifest(request, request.now),
    code: request.code,
    reason: request.reason,
    writeRequests: 1,
  });

/** Exports name only their special outcomes; the others follow from the status. */
const exportCode = (manifest: IngestManifest): ManifestCode =>
  manifest.duplicateOf
    ? 'EXPORT_DUPLICATE'
    : manifest.status === 'SUCCEEDED'
      ? 'EXPORT_INGESTED'
      : manifest.status === 'PARTIAL'
        ? 'EXPORT_PARTIAL'
        : 'EXPORT_UNREADABLE';
