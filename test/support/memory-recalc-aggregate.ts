import type { Day } from '../../shared/domain/kinds';
import {
  type AggregateCell,
  addCell,
  cellKey,
  contributionDelta,
  type PairContribution,
} from '../../shared/findings/recalculation-aggregate';
import type { RecalcAggregateStore } from '../../shared/store/recalc-aggregate';

/** The RECALCULATION aggregate in memory (each replacement is atomic here, so there is no journal). */
export class MemoryRecalcAggregate implements RecalcAggregateStore {
  readonly cells = new Map<string, AggregateCell>();
  private readonly pairs = new Map<string, PairContribution[]>();

  async replaceContribution(memberId: string, pairs: readonly PairContribution[]): Promise<number> {
    const delta = contributionDelta(this.pairs.get(memberId) ?? [], pairs);
    for (const cell of delta) {
      const key = cellKey(cell.day, cell.scope);
      this.cells.set(key, addCell(this.cells.get(key), cell));
    }
    this.pairs.set(memberId, structuredClone([...pairs]));
    return delta.length;
  }

  async readCells(from: Day, to: Day): Promise<AggregateCell[]> {
    return [...this.cells.values()]
      .filter((cell) => cell.day >= from && cell.day <= to)
      .sort((a, b) => (cellKey(a.day, a.scope) < cellKey(b.day, b.scope) ? -1 : 1))
      .map((cell) => structuredClone(cell));
  }
}
