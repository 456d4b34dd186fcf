/**
 * The single table's key layout, shared by the CDK stack, the local stack and the DynamoDB adapters, so the
 * table is defined once (every item kind is listed in docs/architecture.md).
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * The table's time-to-live attribute (epoch seconds): DynamoDB deletes an item some time after it passes.
 * Only housekeeping items carry it (an erasure's tombstone, a lease left by a crashed holder).
 */
export const TTL_ATTRIBUTE = 'ttl';

/** The TTL value for an item that may go `days` after `epochMs`. */
export const ttlAfter = (epochMs: number, days: number): number => Math.ceil(epochMs / 1000) + days * 86_400;

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
  /** The per-member lease that serialises every writer of the member (`member-lock.ts`). */
  lock: () => 'LOCK',
  /**
   * An erasure's tombstone: `{ erasedAt, ttl }`, no personal data. Work triggered before `erasedAt` is
   * dropped; it expires by TTL after `TOMBSTONE_DAYS`.
   */
  erased: () => 'ERASED',
  /** Deployment-wide facts the sweep learns from every member: the pooled prior and recalculation events. */
  population: () => 'POPULATION',
  /** `POPULATION` / `PRIOR`: `{ prior }`, the pooled calibration prior. */
  prior: () => 'PRIOR',
  /** Registry of members, so the daily sweep can visit every member without a Scan. */
  registry: () => 'MEMBERS',
  /** `MEMBER#<id>` / `MEMBERSHIP`: `{ memberId, displayName, teams, version }`, the member's own record. */
  membership: () => 'MEMBERSHIP',
  /**
   * `TEAM#<teamId>` / `MEMBER#<id>`: `{ teamId, memberId, displayName }`, one per team the member is in, so a
   * team's members are one Query and need no read of the member partitions.
   */
  team: (teamId: string) => `TEAM#${teamId}`,
  /**
   * `TEAMSETTINGS#<teamId>`: what a team's manager sets, apart from the team partition (one Query for its
   * members): `COMPETITION#<name>` `{ competition }`, `TIERS` `{ thresholds }`, `KPI` `{ definition }` and
   * `GOALS#<week>#<memberId>` `{ memberId, week, values }` (the uploaded business goals).
   */
  teamSettings: (teamId: string) => `TEAMSETTINGS#${teamId}`,
  competition: (name: string) => `COMPETITION#${name}`,
  tiers: () => 'TIERS',
  kpi: () => 'KPI',
  businessGoals: (week: string, memberId: string) => `GOALS#${week}#${memberId}`,
  /** `POPULATION` / `RECALC#<day>#<pillar>`: `{ event }`, one LinkedIn formula change (`RecalculationEvent`). */
  recalculation: (day: string, pillar: string) => `RECALC#${day}#${pillar}`,
} as const;

export const SK_PREFIX = {
  day: 'DAY#',
  ingest: 'INGEST#',
  estimate: 'EST#',
  official: 'OFFICIAL#',
  finding: 'FINDING#',
  recalculation: 'RECALC#',
  competition: 'COMPETITION#',
  businessGoals: 'GOALS#',
} as const;
