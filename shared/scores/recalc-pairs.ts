import type { MemberHistory } from '../findings/recalculation';
import { aggregateSince, memberContribution } from '../findings/recalculation-aggregate';
import type { FindingThresholds } from '../findings/thresholds';
import type { RecalcAggregateStore } from '../store/recalc-aggregate';
import type { RecalcPairsRecorder } from './member-scores';

/**
 * The member's pairs, recomputed from every reading, into the aggregate; the store applies only the difference,
 * so a reading recorded again, or a sweep re-evaluating the member, never counts twice.
 */
export class AggregatePairsRecorder implements RecalcPairsRecorder {
  constructor(
    readonly store: RecalcAggregateStore,
    private readonly thresholds: FindingThresholds,
    private readonly now: () => Date,
  ) {}

  async record(memberId: string, history: MemberHistory): Promise<void> {
    const since = aggregateSince(this.now().toISOString().slice(0, 10));
    await this.store.replaceContribution(
      memberId,
      memberContribution(memberId, history, this.thresholds, since),
    );
  }
}
