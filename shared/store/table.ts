/**
 * The single-table layout, shared by the CDK stack, the local stack and the DynamoDB adapter, so the
 * table is defined once.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

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

export const keys = {
  member: (memberId: string) => `MEMBER#${memberId}`,
  day: (day: string) => `DAY#${day}`,
  ingest: (startedAt: string, objectKey: string) => `INGEST#${startedAt}#${objectKey}`,
  profile: () => 'PROFILE',
  coverage: () => 'COVERAGE',
  estimate: (day: string) => `EST#${day}`,
  official: (observedAt: string, readingHash: string) => `OFFICIAL#${observedAt}#${readingHash}`,
  finding: (from: string, type: string, pillar: string) => `FINDING#${from}#${type}#${pillar}`,
  calibration: () => 'CALIBRATION',
  /** The member's STALE findings in one item, so a leaderboard fetches them by key with the estimates. */
  staleSummary: () => 'STALE',
  /** The per-member lease that serialises merges (`lock.ts`). */
  lock: () => 'LOCK',
  /** Registry of members, so the daily sweep can visit every member without a Scan. */
  registry: () => 'MEMBERS',
} as const;

export const SK_PREFIX = {
  day: 'DAY#',
  ingest: 'INGEST#',
  estimate: 'EST#',
  official: 'OFFICIAL#',
  finding: 'FINDING#',
} as const;
