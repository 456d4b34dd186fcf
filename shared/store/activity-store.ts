import type { Day, DayActivity } from '../domain/kinds';
import type { IngestManifest } from '../domain/manifest';
import type { Coverage } from '../domain/merge';
import type { ProfileSnapshot } from '../domain/profile';

/** What the ingest and the API need from storage. The DynamoDB adapter implements it; tests may fake it. */
export interface ActivityStore {
  memberExists(memberId: string): Promise<boolean>;
  readDays(memberId: string, from: Day, to: Day): Promise<DayActivity[]>;
  /** Writes changed days and deletes emptied ones in batches; returns the number of write requests sent. */
  writeDays(memberId: string, puts: readonly DayActivity[], deletes: readonly Day[]): Promise<number>;
  loadCoverage(memberId: string): Promise<Coverage>;
  saveCoverage(memberId: string, coverage: Coverage): Promise<void>;
  loadProfile(memberId: string): Promise<ProfileSnapshot | undefined>;
  saveProfile(memberId: string, profile: ProfileSnapshot): Promise<void>;
  saveManifest(manifest: IngestManifest): Promise<void>;
  /** Newest first. */
  listManifests(memberId: string, limit: number): Promise<IngestManifest[]>;
}
