import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LeaseTimeout, MemberBusy } from '../domain/errors';
import { isMemberId } from '../domain/member';
import { DynamoDbErasureMarks, DynamoDbMemberItemsEraser } from '../store/dynamodb/member-items';
import { DynamoDbMemberLock } from '../store/dynamodb/member-lock';
import { DynamoDbTeamsStore } from '../store/dynamodb/teams-store';
import type {
  ErasedItems,
  ErasureMarks,
  MemberItemsEraser,
  MemberUploadsEraser,
} from '../store/member-erasure';
import type { MemberLock } from '../store/member-lock';
import { S3MemberUploadsEraser } from '../store/s3/member-uploads';
import type { TeamsStore } from '../store/teams-store';

export interface ErasureReport {
  memberId: string;
  items: ErasedItems;
  objects: number;
  objectVersions: number;
}

export interface ErasureDeps {
  items: MemberItemsEraser;
  uploads: MemberUploadsEraser;
  /** The ingest's per-member lease: held for the whole erasure so no merge can write meanwhile. */
  lock: MemberLock;
  /** Team membership lives partly outside the member's partition (`TEAM#<id>` items). */
  teams: Pick<TeamsStore, 'removeMembership'>;
  /** The tombstone every later writer checks: work triggered before the erasure is dropped. */
  marks: ErasureMarks;
  now?: () => Date;
}

/**
 * How long an erasure waits for a running ingest's merge before refusing. Short, so the answer comes well
 * within API Gateway's 29 s.
 */
export const ERASURE_LOCK_WAIT_MS = 5_000;

/** The erasure's stores for one table and one bucket. */
export const erasureDeps = (
  client: DynamoDBDocumentClient,
  tableName: string,
  s3: S3Client,
  bucketName: string,
): ErasureDeps => ({
  items: new DynamoDbMemberItemsEraser(client, tableName),
  uploads: new S3MemberUploadsEraser(s3, bucketName),
  lock: new DynamoDbMemberLock(client, tableName, { maxWaitMs: ERASURE_LOCK_WAIT_MS }),
  teams: new DynamoDbTeamsStore(client, tableName),
  marks: new DynamoDbErasureMarks(client, tableName),
});

/**
 * Removes everything of a member: the raw uploads (every version) first, so no redelivered message can
 * ingest them again, then every item of the member's partition and their registry entry. Runs under the
 * member's ingest lease. Idempotent: an unknown or already-erased member gives a report of zeros.
 *
 * Last, a tombstone (`ERASED`, the erasure's start time and a TTL) stays in the partition: every writer of
 * the member checks it under the lease and drops work triggered before the erasure, so nothing begun
 * before it (a redelivery, a scoring step, a sweep) writes the member back. The start time is taken before
 * the uploads are deleted: an upload still present afterwards was made after it.
 */
export const eraseMember = async (deps: ErasureDeps, memberId: string): Promise<ErasureReport> => {
  if (!isMemberId(memberId)) throw new RangeError(`not a member id: '${memberId}'`);
  try {
    const { result } = await deps.lock.withLock(memberId, async (lease) => {
      const erasedAt = (deps.now ?? (() => new Date()))().toISOString();
      const uploads = await deps.uploads.eraseUploads(memberId);
      // Team items first: they are found through the membership item, which the partition delete removes.
      const teamItems = await deps.teams.removeMembership(memberId);
      const items = await deps.items.eraseItems(memberId);
      items.other += teamItems;
      lease.assertHeld();
      await deps.marks.markErased(memberId, erasedAt);
      return { memberId, items, ...uploads };
    });
    return result;
  } catch (error) {
    if (error instanceof LeaseTimeout) throw new MemberBusy(memberId);
    throw error;
  }
};
