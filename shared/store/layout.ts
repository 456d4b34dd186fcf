/**
 * Names and the bucket's layout, shared by the CDK stack, the local stack, the ingest and the erasure, so
 * they are defined once. The table's key layout is in `dynamodb/keys.ts`; environment variables are read by
 * `shared/config`, never here.
 */

/** Default names used by the local stack; in AWS the stack passes generated names through the environment. */
export const LOCAL_TABLE_NAME = 'pillarwatch';
export const LOCAL_BUCKET_NAME = 'pillarwatch-uploads';

/** Upload prefixes inside the bucket; the member id is the next path segment. */
export const EXPORTS_PREFIX = 'exports/';
export const SCORES_PREFIX = 'scores/';

/**
 * Which uploads start an ingest: the S3 notification filters of the CDK stack and of the local S3 event
 * router, defined once. Prefixes only: S3 suffix filters are case-sensitive, so `.zip` would miss the
 * `Export.ZIP` Windows writes. The ingest decides by the key (`classifyKey`) and records a FAILED manifest
 * for anything it cannot read, so no upload is ignored silently.
 */
export const UPLOAD_TRIGGERS: readonly { prefix: string }[] = [
  { prefix: EXPORTS_PREFIX },
  { prefix: SCORES_PREFIX },
];
