import type { Day, DayActivity } from '../domain/kinds';
import type { IngestManifest, ScoringStage } from '../domain/manifest';
import type { Coverage } from '../domain/merge';
import type { ProfileSnapshot } from '../domain/profile';

/** What the ingest and the API need from storage. The DynamoDB adapter implements it; tests may fake it. */
export interface ActivityStore {
  memberExists(memberId: string): Promise<boolean>;
  /** Days in [from, to], ascending; at most `limit` when given. */
  readDays(memberId: string, from: Day, to: Day, limit?: number): Promise<DayActivity[]>;
  /** Writes changed days and deletes emptied ones in batches; returns the number of write requests sent. */
  writeDays(memberId: string, puts: readonly DayActivity[], deletes: readonly Day[]): Promise<number>;
  loadCoverage(memberId: string): Promise<Coverage>;
  saveCoverage(memberId: string, coverage: Coverage): Promise<void>;
  loadProfile(memberId: string): Promise<ProfileSnapshot | undefined>;
  saveProfile(memberId: string, profile: ProfileSnapshot): Promise<void>;
  saveManifest(manifest: IngestManifest): Promise<void>;
  /**
   * Sets the `scoring` stage of a stored manifest (`position` = `startedAt#objectKey`); false, and nothing
   * written, when the manifest is gone (the member was erased meanwhile).
   */
  updateManifestScoring(memberId: string, position: string, scoring: ScoringStage): Promise<boolean>;
  /** Newest first; `before` is the position (`startedAt#objectKey`) of the last manifest of a previous page. */
  listManifests(memberId: string, limit: number, before?: string): Promise<IngestManifest[]>;
}

/**
 * The newest manifest of each member, by key (the team page's "last export"): kept by the DynamoDB adapter's
 * `saveManifest`, and started for members from before it by their next evaluation (`trackLatestIngest`).
 */
export interface LatestIngests {
  /**
   * The day of each member's newest manifest (its export day, else the day it started; null: none) for the
   * members it tracks; the others are left out: read them with `listManifests`.
   */
  latestIngestDays(memberIds: readonly string[]): Promise<Map<string, Day | null>>;
}

/** A manifest's day as the team page names a member's last export: its export day, else the day it started. */
export const latestIngestDay = (
  manifest: Partial<Pick<IngestManifest, 'startedAt' | 'exportedAt'>> | undefined,
) => manifest?.exportedAt?.slice(0, 10) ?? manifest?.startedAt?.slice(0, 10) ?? null;
