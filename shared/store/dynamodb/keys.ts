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
  /**
   * The registry's first partition, from before it was sharded: still read (deployed tables hold members
   * there), never written; a member moves to their shard the next time they are registered.
   */
  registry: () => 'MEMBERS',
  /** `MEMBERS#<00..15>` / `MEMBER#<id>`: `{ memberId }`, the member registry, sharded by a hash of the id. */
  registryShard: (shard: number) => `MEMBERS#${String(shard).padStart(2, '0')}`,
  /** `TEAMS#<00..15>` / `TEAM#<teamId>`: `{ teamId, members }`, the team list with each team's member count. */
  teamIndexShard: (shard: number) => `TEAMS#${String(shard).padStart(2, '0')}`,
  /**
   * `MEMBER#<id>` / `STANDING`: what a leaderboard needs of the member for recent days (`StoredStanding`); each
   * of the member's `TEAM#` items carries a copy, so a team's leaderboard is one Query of its partition.
   */
  standing: () => 'STANDING',
  /**
   * `MEMBER#<id>` / `LATEST_INGEST`: `{ position?, startedAt?, exportedAt? }`, the newest manifest's position
   * and dates (none: the member has no manifest), so a team page reads every member's by key.
   */
  latestIngest: () => 'LATEST_INGEST',
  /** `MEMBER#<id>` / `MEMBERSHIP`: `{ memberId, displayName, teams, version }`, the member's own record. */
  membership: () => 'MEMBERSHIP',
  /**
   * `TEAM#<teamId>` / `MEMBER#<id>`: `{ teamId, memberId, displayName }`, one per team the member is in, so a
   * team's members are one Query and need no read of the member partitions.
   */
  team: (teamId: string) => `TEAM#${teamId}`,
  /**
   * `TEAMSETTINGS#<teamId>`: what a team's manager sets, apart from the team partition (one Query for its
   * members): `COMPETITION#<name>` `{ competition }`, `TIERS` `{ thresholds }` and `KPI` `{ definition }`.
   */
  teamSettings: (teamId: string) => `TEAMSETTINGS#${teamId}`,
  competition: (name: string) => `COMPETITION#${name}`,
  tiers: () => 'TIERS',
  kpi: () => 'KPI',
  /**
   * `MEMBER#<id>` / `GOALS#<teamId>#<week>`: `{ memberId, teamId, week, values }`, a row of a team's uploaded
   * business goals, kept in the member's partition so the member's erasure removes it.
   */
  businessGoals: (teamId: string, week: string) => `GOALS#${teamId}#${week}`,
  /** `POPULATION` / `RECALC#<day>#<pillar>`: `{ event }`, one LinkedIn formula change (`RecalculationEvent`). */
  recalculation: (day: string, pillar: string) => `RECALC#${day}#${pillar}`,
  /**
   * `MEMBER#<id>` / `RECALC_PAIRS`: `{ pairs, pending?, token?, done? }`, the member's contribution to the
   * RECALCULATION aggregate (encoded pairs) and, while a change is being applied, that change.
   */
  recalcPairs: () => 'RECALC_PAIRS',
  /**
   * `RECALC_AGG#<yyyy-mm>` / `<yyyy-mm-dd>#<scope>`: one aggregate cell (counts and histograms of the members'
   * reading-to-reading changes covering that day), a partition per month.
   */
  recalcAggregate: (day: string) => `RECALC_AGG#${day.slice(0, 7)}`,
  recalcCell: (day: string, scope: string) => `${day}#${scope}`,
} as const;

/**
 * Partitions the registry and the team index spread over: enough that neither meets a partition's write limit
 * (1,000 WCU/s) at 100,000 members, few enough that a listing's empty shards cost little (one Query each).
 */
export const INDEX_SHARDS = 16;

/** A stable shard of `id` (FNV-1a, 32 bit): the same id always lands in the same partition. */
export const shardOf = (id: string, shards = INDEX_SHARDS): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
};

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
