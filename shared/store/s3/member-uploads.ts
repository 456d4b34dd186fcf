import {
  DeleteObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';
import { EXPORTS_PREFIX, SCORES_PREFIX } from '../layout';
import type { ErasedObjects, MemberUploadsEraser } from '../member-erasure';

/** S3's limit for one DeleteObjects call, and the default page size of the listings. */
const DELETE_BATCH = 1000;

/** How S3-compatible servers without versioning (s3rver) answer ListObjectVersions. */
const VERSIONS_UNSUPPORTED = new Set(['NotImplemented', 'MethodNotAllowed']);

export class S3MemberUploadsEraser implements MemberUploadsEraser {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async eraseUploads(memberId: string): Promise<ErasedObjects> {
    const erased: ErasedObjects = { objects: 0, objectVersions: 0 };
    // The trailing slash keeps member `ann` from matching `anna`'s uploads.
    for (const prefix of [`${EXPORTS_PREFIX}${memberId}/`, `${SCORES_PREFIX}${memberId}/`]) {
      const removed = await this.erasePrefix(prefix);
      erased.objects += removed.objects;
      erased.objectVersions += removed.objectVersions;
    }
    return erased;
  }

  private async erasePrefix(prefix: string): Promise<ErasedObjects> {
    const keysSeen = new Set<string>();
    let versions = 0;
    for await (const page of this.listVersions(prefix)) {
      await this.deleteBatch(page);
      for (const object of page) if (object.Key) keysSeen.add(object.Key);
      versions += page.length;
    }
    return { objects: keysSeen.size, objectVersions: versions };
  }

  /** Pages of at most 1000 versions and delete markers; every object as one version when unversioned. */
  private async *listVersions(prefix: string): AsyncGenerator<ObjectIdentifier[]> {
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    do {
      let page: ListObjectVersionsCommandOutput;
      try {
        page = await this.client.send(
          new ListObjectVersionsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            KeyMarker: keyMarker,
            VersionIdMarker: versionIdMarker,
            MaxKeys: DELETE_BATCH,
          }),
        );
      } catch (error) {
        if (keyMarker === undefined && VERSIONS_UNSUPPORTED.has((error as Error).name)) {
          yield* this.listObjects(prefix);
          return;
        }
        throw error;
      }
      const entries = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({
        Key: v.Key,
        VersionId: v.VersionId,
      }));
      if (entries.length > 0) yield entries;
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker !== undefined);
  }

  private async *listObjects(prefix: string): AsyncGenerator<ObjectIdentifier[]> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ContinuationToken: token,
          MaxKeys: DELETE_BATCH,
        }),
      );
      const entries = (page.Contents ?? []).map((object) => ({ Key: object.Key }));
      if (entries.length > 0) yield entries;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  private async deleteBatch(objects: ObjectIdentifier[]): Promise<void> {
    const result = await this.client.send(
      new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: objects, Quiet: true } }),
    );
    const errors = result.Errors ?? [];
    if (errors.length > 0) {
      const first = errors[0];
      throw new Error(
        `S3 refused to delete ${errors.length} of ${objects.length} object version(s), e.g. ` +
          `${first?.Key} (${first?.Code}: ${first?.Message}); the erasure is incomplete and can be run again`,
      );
    }
  }
}
