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
 * router, defined once.
 */
export const UPLOAD_TRIGGERS: readonly { prefix: string; suffix: string }[] = [
  { prefix: EXPORTS_PREFIX, suffix: '.zip' },
  { prefix: SCORES_PREFIX, suffix: '.json' },
  { prefix: SCORES_PREFIX, suffix: '.csv' },
];
