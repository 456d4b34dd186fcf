import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { IngestManifest } from '../domain/manifest';
import { s3Source } from '../export/sources';
import type { ArchiveLimits } from '../export/zip';
import { recordIngest } from '../observability/ingest-metrics';
import { MAX_READINGS_UPLOAD_BYTES } from '../readings/parse';
import { afterExportIngest, type ScoresDeps } from '../scores/member-scores';
import { ingestReadingsUpload } from '../scores/readings-upload';
import type { MemberLock } from '../store/member-lock';
import { recordRefusedUpload } from '../store/record-manifest';
import { ingestExport } from './ingest-export';
import { classifyKey, isZipKey, type UploadedObject, uploadsIn } from './s3-event';
import { readSmallObject } from './s3-object';

/** What an upload's ingest needs; the ingest function builds it once per process from its config. */
export interface UploadDeps {
  scores: ScoresDeps;
  s3: S3Client;
  lock: MemberLock;
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
 * The ingest use case for one uploaded object: a readings CSV under `scores/` or an export under `exports/`;
 * after an export that added days (or a profile), the estimates from the first affected day and the
 * findings; then the metrics and one log line of figures (never text).
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
  const manifest: IngestManifest =
    target.kind === 'export' && !isZipKey(upload.key)
      ? await recordRefusedUpload(deps.scores.activity, {
          memberId,
          objectKey: upload.key,
          code: 'NOT_A_ZIP',
          reason: NOT_A_ZIP_REASON,
          now: deps.scores.now(),
        })
      : target.kind === 'readings'
        ? await ingestReadingsUpload(deps.scores, {
            memberId,
            objectKey: upload.key,
            read: () =>
              readSmallObject(
                deps.s3,
                upload.bucket,
                upload.key,
                MAX_READINGS_UPLOAD_BYTES,
                upload.versionId,
              ),
          })
        : await ingestExport(deps.scores.activity, {
            memberId,
            objectKey: upload.key,
            openSource: () => s3Source(deps.s3, upload.bucket, upload.key, upload.versionId),
            limits: deps.limits,
            lock: deps.lock,
          });
  const scores =
    target.kind === 'export' && manifest.status !== 'FAILED' && manifest.estimatesFrom
      ? await afterExportIngest(deps.scores, memberId, manifest.estimatesFrom)
      : undefined;
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
    newFindings: scores?.evaluation.fresh.length,
  });
};
