import type { Day } from './kinds';
import type { FindingScope } from './pillars';

/**
 * A formula change LinkedIn made for everyone: from `day` on, official values of `pillar` (or the overall) are
 * about `1 + shift` times what the old formula gave. A fact about the population, stored once
 * (`pk = POPULATION`, `sk = RECALC#<day>#<pillar>`), and attributed to every member whose readings bracket the day.
 */
export interface RecalculationEvent {
  /** The first day the new formula shows. */
  day: Day;
  pillar: FindingScope;
  /** Relative change, after / before − 1 (−0.07: values 7 % lower); the median over the members who showed it. */
  shift: number;
  /** Members whose readings showed the day (two readings at most `recalcMaxGapDays` apart around it). */
  members: number;
  /** Of those, the members whose change went the event's way. */
  membersStepping?: number;
  /** When it could first be known: the latest arrival among the readings that showed it (data, not clock). */
  detectedAt: string;
}
