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
