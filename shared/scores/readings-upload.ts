import { IngestFailure } from '../domain/errors';
import type { IngestManifest, IngestStatus, ManifestCode } from '../domain/manifest';
import { emptyManifest } from '../domain/manifest';
import { MAX_SAMPLES_PER_FILE } from '../export/file-context';
import { parseReadingsUpload } from '../readings/parse';
import type { ActivityStore } from '../store/activity-store';
import { recordManifest } from '../store/record-manifest';
import { recordReadings, type ScoresDeps } from './member-scores';

export interface ReadingsUploadRequest {
  memberId: string;
  objectKey: string;
  /** The uploaded bytes (at most MAX_READINGS_UPLOAD_BYTES; larger objects are refused before reading). */
  read: () => Promise<Uint8Array>;
}

/**
 * An upload under `scores/<memberId>/`: any readings shape of docs/readings.md (told by content). Parsed by
 * the same parser as `POST /official-scores` and `pillarwatch score --file`, stored once, findings
 * re-evaluated, and recorded with a manifest like an export so `GET /ingests` and the CLI show what happened.
 * A team file's rows naming another member are rejected: the prefix says whose readings these are.
 */
export const ingestReadingsUpload = async (
  deps: ScoresDeps & { activity: ActivityStore },
  request: ReadingsUploadRequest,
): Promise<IngestManifest> => {
  const started = deps.now();
  const base = emptyManifest(request, started);
  let manifest: IngestManifest;
  // Set when an erasure overtook this upload: nothing is written, not even the manifest (erasure is final).
  let droppedByErasure: string | undefined;
  try {
    const bytes = await request.read();
    const parsed = parseReadingsUpload(request.memberId, request.objectKey, bytes, {
      receivedAt: started.toISOString(),
    });
    const result = await recordReadings(deps, request.memberId, parsed.readings);
    droppedByErasure = result.droppedByErasure;
    const status: IngestStatus =
      parsed.readings.length === 0 ? 'FAILED' : parsed.rejected.length > 0 ? 'PARTIAL' : 'SUCCEEDED';
    manifest = {
      ...base,
      status,
      code: READINGS_CODES[status],
      reason:
        status === 'FAILED'
          ? `no reading could be read: ${parsed.rejected[0]?.reason ?? 'the file holds no readings'}`
          : `${result.stored} new reading(s), ${result.duplicates} already stored${
              parsed.rejected.length > 0 ? `, ${parsed.rejected.length} rejected` : ''
            }; ${result.evaluation?.fresh.length ?? 0} new finding(s)`,
      filesRecognised: [
        {
          path: request.objectKey,
          type: 'Official SSI readings',
          rows: parsed.readings.length + parsed.rejected.length,
          rejected: parsed.rejected.length,
          undated: 0,
          samples: parsed.rejected.slice(0, MAX_SAMPLES_PER_FILE).map((r) => ({
            file: request.objectKey,
            line: r.line ?? r.item ?? 0,
            reason: r.reason,
          })),
        },
      ],
      rejectedRows: parsed.rejected.length,
    };
  } catch (error) {
    if (!(error instanceof IngestFailure) || !error.permanent) throw error;
    manifest = { ...base, status: 'FAILED', reason: error.reason, code: error.manifestCode };
    // The object is gone because the member was erased (a redelivery after the erasure): leave no trace.
    if (error.manifestCode === 'OBJECT_GONE')
      droppedByErasure = await deps.erasures?.erasedAt(request.memberId);
  }
  const finished = deps.now();
  manifest = {
    ...manifest,
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    writeRequests: manifest.writeRequests + 1,
  };
  return droppedByErasure ? { ...manifest, droppedByErasure } : recordManifest(deps.activity, manifest);
};

const READINGS_CODES: Record<IngestStatus, ManifestCode> = {
  SUCCEEDED: 'READINGS_STORED',
  PARTIAL: 'READINGS_PARTIAL',
  FAILED: 'READINGS_UNREADABLE',
};
