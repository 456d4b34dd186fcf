import type { Day } from './kinds';

/** What a team's manager sets (stored by `shared/store/team-settings-store.ts`, used by `shared/teams/`). */

/** The lowest overall SSI of each tier above beginner. */
export interface TierThresholds {
  advanced: number;
  star: number;
}

export type KpiPart = 'ssi' | 'strategic' | 'business';

export interface KpiDefinition {
  weights: Record<KpiPart, number>;
  /** Activity kind or signal → weekly target (> 0). */
  strategic: Record<string, number>;
  /** Business goal column → weekly target (> 0). */
  business: Record<string, number>;
}

/** One uploaded row: a member's business figures of one week (named by its Monday). */
export interface BusinessGoalRow {
  memberId: string;
  week: Day;
  values: Record<string, number>;
}

/** A competition a manager set up: a name, a period and what is compared. */
export interface CompetitionDefinition {
  name: string;
  from: Day;
  to: Day;
  metric: 'total' | 'brand' | 'people' | 'insights' | 'relationships';
  /** Wall time of the last change. */
  updatedAt: string;
}
