import type { Day } from '../domain/kinds';
import type { AggregateCell, PairContribution } from '../findings/recalculation-aggregate';

/**
 * The cross-member RECALCULATION aggregate (`shared/findings/recalculation-aggregate.ts`): per (day, scope)
 * counts of the members' reading-to-reading changes, and each member's own pairs, so that a member's
 * contribution is replaced, never added twice.
 */
export interface RecalcAggregateStore {
  /**
   * Makes `pairs` the member's contribution and applies the difference to the day cells, exactly once: a call
   * that died half-way is finished by the next call for the member before its own change. Runs under the
   * member's lease. Returns the number of day cells changed.
   */
  replaceContribution(memberId: string, pairs: readonly PairContribution[]): Promise<number>;
  /** The day cells from `from` to `to` (inclusive), day order. */
  readCells(from: Day, to: Day): Promise<AggregateCell[]>;
}
