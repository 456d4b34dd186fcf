import type { Day } from '../domain/kinds';
import type {
  Calibration,
  DailyEstimate,
  Finding,
  OfficialReading,
  PopulationPrior,
} from '../domain/pillars';
import type { RecalculationEvent } from '../domain/population';

export interface MembersPage {
  memberIds: string[];
  cursor?: string;
}

/** What the estimate, reading and finding use cases need from storage. */
export interface ScoresStore {
  /** Stores readings not seen before (same observedAt and values = same reading); returns the new ones. */
  saveReadings(memberId: string, readings: readonly OfficialReading[]): Promise<OfficialReading[]>;
  listReadings(memberId: string): Promise<OfficialReading[]>;
  writeEstimates(memberId: string, estimates: readonly DailyEstimate[]): Promise<number>;
  readEstimates(memberId: string, from: Day, to: Day): Promise<DailyEstimate[]>;
  saveCalibration(calibration: Calibration): Promise<void>;
  loadCalibration(memberId: string): Promise<Calibration | undefined>;
  /** The pooled calibration prior the sweep learned (`POPULATION` / `PRIOR`); undefined before the first. */
  savePrior(prior: PopulationPrior): Promise<void>;
  loadPrior(): Promise<PopulationPrior | undefined>;
  /**
   * Upserts findings (with their lifecycle); returns those that did not exist before. New open ones start
   * unpublished; new resolved ones (history found in a backfill) have nothing to announce.
   */
  saveFindings(memberId: string, findings: readonly Finding[]): Promise<Finding[]>;
  /** Open findings stored but not yet published (raised where no publisher was at hand). */
  listUnpublishedFindings(memberId: string): Promise<Finding[]>;
  markPublished(memberId: string, findings: readonly Finding[]): Promise<void>;
  listFindings(memberId: string): Promise<Finding[]>;
  /** Members known to the table, for the daily sweep. */
  registerMember(memberId: string): Promise<void>;
  /**
   * Up to `limit` registered members after `cursor` (opaque, from the previous page); a cursor comes back
   * while more may follow. Bounded work per page whatever the number of members.
   */
  listMembersPage(limit: number, cursor?: string): Promise<MembersPage>;
  /** Every registered member (all pages). */
  listMembers(): Promise<string[]>;
  /** LinkedIn's formula changes the sweep found (one Query), oldest first. */
  listRecalculations(): Promise<RecalculationEvent[]>;
  /** Upserts events by (day, pillar). */
  saveRecalculations(events: readonly RecalculationEvent[]): Promise<void>;
}
