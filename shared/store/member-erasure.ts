/** The ports of a member's erasure: what the use case (`shared/members/erase-member.ts`) needs removed. */

/** Items removed from the member's partition and the registry, by what they held. */
export interface ErasedItems {
  days: number;
  estimates: number;
  readings: number;
  findings: number;
  manifests: number;
  /** Coverage, profile, calibration, the registry entry and anything else of the member. */
  other: number;
}

export interface ErasedObjects {
  /** Distinct object keys removed. */
  objects: number;
  /** Versions and delete markers removed (an unversioned object is one version). */
  objectVersions: number;
}

/** The table side of an erasure. */
export interface MemberItemsEraser {
  /**
   * Deletes every item of the member's partition except the `LOCK` lease (the erasure holds it and its
   * release deletes it), then the member's registry entry.
   */
  eraseItems(memberId: string): Promise<ErasedItems>;
}

/** The bucket side of an erasure. */
export interface MemberUploadsEraser {
  /** Deletes every version and delete marker under `exports/<id>/` and `scores/<id>/`. */
  eraseUploads(memberId: string): Promise<ErasedObjects>;
}

/**
 * An erasure's tombstone, kept for `TOMBSTONE_DAYS`: every writer of a member's data reads it under the
 * member's lease and drops work triggered before the erasure (a redelivery, a scoring step, a sweep).
 */
export interface ErasureMarks {
  /** When the member was last erased (ISO), while the tombstone lasts. */
  erasedAt(memberId: string): Promise<string | undefined>;
  markErased(memberId: string, erasedAt: string): Promise<void>;
}

/** How long a tombstone outlives its erasure: longer than any redelivery (SQS retries, the DLQ redrive). */
export const TOMBSTONE_DAYS = 2;
