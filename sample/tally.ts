import type { DayActivity, EventKind, SignalName } from '../shared/domain/kinds';
import { isoDay } from './calendar';

/** The generator's own record of what it wrote: counts per (day, kind) and signals, never per row. */
export class Tally {
  private readonly days = new Map<number, DayActivity>();
  readonly undated: Partial<Record<string, number>> = {};

  private entry(day: number): DayActivity {
    let activity = this.days.get(day);
    if (!activity) {
      activity = { day: isoDay(day), counts: {}, signals: {} };
      this.days.set(day, activity);
    }
    return activity;
  }

  count(day: number, kind: EventKind, n = 1): void {
    if (n === 0) return;
    const counts = this.entry(day).counts;
    counts[kind] = (counts[kind] ?? 0) + n;
  }

  signal(day: number, signal: SignalName, n = 1): void {
    if (n === 0) return;
    const signals = this.entry(day).signals;
    signals[signal] = (signals[signal] ?? 0) + n;
  }

  countUndated(kind: EventKind, n = 1): void {
    this.undated[kind] = (this.undated[kind] ?? 0) + n;
  }

  toDays(): DayActivity[] {
    return [...this.days.entries()].sort(([a], [b]) => a - b).map(([, activity]) => activity);
  }
}
