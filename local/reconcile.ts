import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { classifyKey } from '../shared/ingest/s3-event';
import type { ActivityStore } from '../shared/store/activity-store';
import { keys, TABLE_KEYS } from '../shared/store/dynamodb/keys';
import { EXPORTS_PREFIX, SCORES_PREFIX } from '../shared/store/layout';
import type { S3Notification } from './s3-events';

/** An object in the bucket under exports/ or scores/. */
export interface StoredUpload {
  key: string;
  lastModified: Date;
  size: number;
}

export interface ReconcileDeps {
  bucket: string;
  /** Every object under exports/ and scores/ (`listUploads`). */
  uploads(): Promise<StoredUpload[]>;
  /** The members the sweep registry knows (members without a finished ingest may be missing). */
  registeredMembers(): Promise<string[]>;
  manifests: Pick<ActivityStore, 'listManifests'>;
  /** Deletes the member's lease; true when there was one. */
  clearLease(memberId: string): Promise<boolean>;
  /** Finishes a half-applied export's remaining stages; true when there was one (`completePendingScoring`). */
  completePendingStages(memberId: string): Promise<boolean>;
  /** Hands a notification to the local queue, as S3 → SQS would have. */
  enqueue(notification: S3Notification): void;
}

export interface ReconcileReport {
  /** Members whose lease a dead process left behind. */
  leasesCleared: string[];
  /** Members whose half-applied export was completed. */
  completed: string[];
  /** Uploads without a manifest of their own, queued again (oldest first). */
  requeued: string[];
}

const MANIFEST_PAGE = 100;

/**
 * What a local start does before it takes new uploads, since the previous process may have died mid-ingest
 * (SQS and Lambda's timeouts do this in AWS): every lease in the table belongs to a dead process and is
 * cleared; a half-applied export is completed; every upload in the bucket without a manifest written after
 * the object is queued again. Only called while no other process uses the local table and bucket.
 */
export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  const uploads = (await deps.uploads()).flatMap((upload) => {
    const target = classifyKey(upload.key);
    return target ? [{ ...upload, memberId: target.memberId }] : [];
  });
  const members = [
    ...new Set([...(await deps.registeredMembers()), ...uploads.map((u) => u.memberId)]),
  ].sort();
  const report: ReconcileReport = { leasesCleared: [], completed: [], requeued: [] };
  for (const memberId of members) {
    if (await deps.clearLease(memberId)) report.leasesCleared.push(memberId);
  }
  for (const memberId of members) {
    if (await deps.completePendingStages(memberId)) report.completed.push(memberId);
  }
  const ingestedAt = await lastIngestStarts(deps.manifests, [...new Set(uploads.map((u) => u.memberId))]);
  const unprocessed = uploads
    .filter((upload) => !isProcessed(upload, ingestedAt.get(upload.key)))
    .sort((a, b) => a.lastModified.getTime() - b.lastModified.getTime());
  for (const upload of unprocessed) {
    deps.enqueue(createdNotification(deps.bucket, upload));
    report.requeued.push(upload.key);
  }
  return report;
}

/**
 * An upload is processed when a manifest for its key started at or after the object was written: a
 * manifest started before belongs to an earlier object at the same key. S3 may round `LastModified` down to
 * the second, so the comparison is at second precision.
 */
const isProcessed = (upload: StoredUpload, lastStart: string | undefined): boolean =>
  lastStart !== undefined && Date.parse(lastStart) >= Math.floor(upload.lastModified.getTime() / 1000) * 1000;

/** The newest manifest start per object key, over every manifest of the given members. */
async function lastIngestStarts(
  manifests: Pick<ActivityStore, 'listManifests'>,
  members: string[],
): Promise<Map<string, string>> {
  const starts = new Map<string, string>();
  for (const memberId of members) {
    let before: string | undefined;
    for (;;) {
      const page = await manifests.listManifests(memberId, MANIFEST_PAGE, before);
      for (const manifest of page) {
        const known = starts.get(manifest.objectKey);
        if (known === undefined || manifest.startedAt > known)
          starts.set(manifest.objectKey, manifest.startedAt);
      }
      const last = page.at(-1);
      if (page.length < MANIFEST_PAGE || !last) break;
      before = `${last.startedAt}#${last.objectKey}`;
    }
  }
  return starts;
}

/** The ObjectCreated notification S3 sends for an upload; the local queue filters and encodes it like S3's. */
const createdNotification = (bucket: string, upload: StoredUpload): S3Notification => ({
  Records: [
    {
      eventName: 'ObjectCreated:Put',
      eventTime: upload.lastModified.toISOString(),
      s3: { bucket: { name: bucket }, object: { key: upload.key, size: upload.size } },
    },
  ],
});

/** Every object under exports/ and scores/ in the bucket. */
export async function listUploads(s3: S3Client, bucket: string): Promise<StoredUpload[]> {
  const uploads: StoredUpload[] = [];
  for (const prefix of [EXPORTS_PREFIX, SCORES_PREFIX]) {
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key && object.LastModified)
          uploads.push({ key: object.Key, lastModified: object.LastModified, size: object.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
  return uploads;
}

/** Deletes the member's lease item unconditionally: the process that held it is dead. */
export const leaseClearer =
  (client: DynamoDBDocumentClient, tableName: string) =>
  async (memberId: string): Promise<boolean> => {
    const { Attributes } = await client.send(
      new DeleteCommand({
        TableName: tableName,
        Key: { [TABLE_KEYS.partitionKey]: keys.member(memberId), [TABLE_KEYS.sortKey]: keys.lock() },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return Attributes !== undefined;
  };

/** One console line per thing done, nothing when all was in order. */
export function describeReconcile(report: ReconcileReport): string[] {
  const lines: string[] = [];
  if (report.leasesCleared.length > 0)
    lines.push(
      `Cleared ${report.leasesCleared.length} lease(s) a stopped run left: ${report.leasesCleared.join(', ')}`,
    );
  if (report.completed.length > 0)
    lines.push(`Completed the half-applied export of ${report.completed.join(', ')}`);
  if (report.requeued.length > 0)
    lines.push(
      `Queued ${report.requeued.length} upload(s) again that a stopped run had not finished:`,
      ...report.requeued.map((key) => `  ${key}`),
    );
  return lines;
}
