import type { Day } from '../domain/kinds';
import type {
  BusinessGoalRow,
  CompetitionDefinition,
  KpiDefinition,
  TierThresholds,
} from '../domain/team-settings';

export type { CompetitionDefinition };

/** What a team's manager sets: named competitions, tier thresholds, the KPI and the uploaded business goals. */
export interface TeamSettingsStore {
  saveCompetition(teamId: string, competition: CompetitionDefinition): Promise<void>;
  loadCompetition(teamId: string, name: string): Promise<CompetitionDefinition | undefined>;
  listCompetitions(teamId: string): Promise<CompetitionDefinition[]>;
  /** False when there was no such competition. */
  deleteCompetition(teamId: string, name: string): Promise<boolean>;
  saveTiers(teamId: string, thresholds: TierThresholds): Promise<void>;
  loadTiers(teamId: string): Promise<TierThresholds | undefined>;
  saveKpi(teamId: string, definition: KpiDefinition): Promise<void>;
  loadKpi(teamId: string): Promise<KpiDefinition | undefined>;
  /**
   * Upserts rows by (team, week, member); returns how many were written. A row is the member's data: it is
   * stored with the member, so erasing the member erases it.
   */
  saveBusinessGoals(teamId: string, rows: readonly BusinessGoalRow[]): Promise<number>;
  /** The team's rows of `memberIds` for the weeks whose Monday lies in [fromWeek, toWeek]. */
  readBusinessGoals(
    teamId: string,
    memberIds: readonly string[],
    fromWeek: Day,
    toWeek: Day,
  ): Promise<BusinessGoalRow[]>;
}
