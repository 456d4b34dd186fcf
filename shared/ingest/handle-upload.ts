import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { IngestManifest } from '../domain/manifest';
import { s3Source } from '../export/sources';
import type { ArchiveLimits } from '../export/zip';
import { recordIngest } from '../observability/ingest-metrics';
import { MAX_READINGS_UPLOAD_BYTES } from '../readings/parse';
import type { ScoresDeps } from '../scores/member-scores';
import { completePendingScoring, type ScoringDone } from '../scores/pending-scoring';
import { ingestReadingsUpload } from '../scores/readings-upload';
import type { ErasureMarks } from '../store/member-erasure';
import type { MemberLock } from '../store/member-lock';
import { recordRefusedUpload } from '../store/record-manifest';
import { ingestExportUpload } from './ingest-export';
import { classifyKey, isZipKey, type UploadedObject, uploadsIn } from './s3-event';
import { readSmallObject } from './s3-object';

/** What an upload's ingest needs; the ingest function builds it once per process from its config. */
export interface UploadDeps {
  scores: ScoresDeps;
  s3: S3Client;
  lock: MemberLock;
  erasures: ErasureMarks;
  limits: ArchiveLimits;
  metrics: Metrics;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/**
 * One SQS message: the uploads its S3 notification announces, each ingested in turn. A body that is not an
 * S3 notification is acknowledged with a warning (retrying cannot help); anything thrown is transient and
 * the caller hands the message back to SQS.
 */
export const handleNotification = async (deps: UploadDeps, body: string): Promise<void> => {
  let uploads: UploadedObject[];
  try {
    uploads = uploadsIn(body);
  } catch {
    deps.logger.warn('ignored a message that is not an S3 event notification');
    return;
  }
  for (const upload of uploads) await handleUpload(deps, upload);
};

const NOT_A_ZIP_REASON =
  'not a .zip file: upload the ZIP archive LinkedIn sends (Settings & Privacy → Data privacy → Get a copy of ' +
  'your data), unchanged, under exports/<memberId>/';

/**
 * The ingest use case for one uploaded object: a readings CSV under `scores/` or an export under `exports/`.
 * An export is merged under the member's lease (dropped when the member was erased after the upload) and
 * its manifest stored with scoring PENDING; then the owed scoring is finished under the lease, whether this
 * delivery or an earlier, crashed one owed it. Then the metrics and one log line of figures (never text).
 */
export const handleUpload = async (deps: UploadDeps, upload: UploadedObject): Promise<void> => {
  const target = classifyKey(upload.key);
  if (!target) {
    deps.logger.warn('ignored an upload outside exports/<memberId>/ and scores/<memberId>/', {
      key: upload.key,
    });
    return;
  }
  const { memberId } = target;
  let manifest: IngestManifest;
  let scores: ScoringDone | undefined;
  if (target.kind === 'export' && !isZipKey(upload.key)) {
    manifest = await recordRefusedUpload(deps.scores.activity, {
      memberId,
      objectKey: upload.key,
      code: 'NOT_A_ZIP',
      reason: NOT_A_ZIP_REASON,
      now: deps.scores.now(),
    });
  } else if (target.kind === 'readings') {
    manifest = await ingestReadingsUpload(deps.scores, {
      memberId,
      objectKey: upload.key,
      read: () =>
        readSmallObject(deps.s3, upload.bucket, upload.key, MAX_READINGS_UPLOAD_BYTES, upload.versionId),
    });
  } else {
    const outcome = await ingestExportUpload(deps.scores.activity, {
      memberId,
      objectKey: upload.key,
      openSource: () => s3Source(deps.s3, upload.bucket, upload.key, upload.versionId),
      limits: deps.limits,
      lock: deps.lock,
      erasures: deps.erasures,
      registry: deps.scores.scores,
    });
    if (outcome.kind === 'dropped') {
      // Acknowledged without a write: the member was erased after this upload.
      deps.logger.info('ingest dropped: the member was erased after this upload', {
        memberId,
        key: upload.key,
        erasedAt: outcome.erasedAt,
      });
      return;
    }
    manifest = outcome.manifest;
    if (manifest.status !== 'FAILED')
      scores = await completePendingScoring({ ...deps.scores, lock: deps.lock }, memberId);
  }
  recordIngest(deps.metrics, manifest);
  deps.logger.info('ingest finished', {
    memberId,
    key: upload.key,
    kind: target.kind,
    status: manifest.status,
    reason: manifest.reason,
    rows: manifest.rowsPerKind,
    rejectedRows: manifest.rejectedRows,
    writeRequests: manifest.writeRequests,
    durationMs: manifest.durationMs,
    estimates: scores?.estimates,
    newFindings: scores?.newFindings,
  });
};
