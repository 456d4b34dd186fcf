import {
  type Day,
  type DayActivity,
  EVENT_KINDS,
  type EventKind,
  SIGNAL_NAMES,
  type SignalName,
} from './kinds';

const KIND_INDEX = new Map<EventKind, number>(EVENT_KINDS.map((kind, i) => [kind, i]));
const SIGNAL_INDEX = new Map<SignalName, number>(
  SIGNAL_NAMES.map((name, i) => [name, EVENT_KINDS.length + i]),
);
const SLOTS = EVENT_KINDS.length + SIGNAL_NAMES.length;

/**
 * Per-day counters for one export. Rows are counted as they stream past, so memory grows with the number
 * of active days, never with the number of rows.
 */
export class ActivityAggregator {
  // One flat counter array per day (kinds then signals): cheaper than nested maps on the hot path.
  private readonly days = new Map<Day, Float64Array>();
  private readonly undatedByKind = new Map<EventKind, number>();

  count(kind: EventKind, day: Day, n = 1): void {
    this.add(day, KIND_INDEX.get(kind) as number, n);
  }

  signal(name: SignalName, day: Day, n = 1): void {
    this.add(day, SIGNAL_INDEX.get(name) as number, n);
  }

  private add(day: Day, slot: number, n: number): void {
    const slots = this.slots(day);
    slots[slot] = (slots[slot] ?? 0) + n;
  }

  undated(kind: EventKind): void {
    this.undatedByKind.set(kind, (this.undatedByKind.get(kind) ?? 0) + 1);
  }

  get undatedCounts(): Partial<Record<EventKind, number>> {
    return Object.fromEntries(this.undatedByKind);
  }

  /** Days on which `kind` occurred, ascending. */
  daysWith(kind: EventKind): Day[] {
    const index = KIND_INDEX.get(kind) as number;
    return [...this.days]
      .filter(([, slots]) => (slots[index] ?? 0) > 0)
      .map(([day]) => day)
      .sort();
  }

  totals(): Partial<Record<EventKind, number>> {
    const totals: Partial<Record<EventKind, number>> = {};
    for (const slots of this.days.values()) {
      EVENT_KINDS.forEach((kind, i) => {
        const n = slots[i] ?? 0;
        if (n > 0) totals[kind] = (totals[kind] ?? 0) + n;
      });
    }
    return totals;
  }

  toDays(): DayActivity[] {
    return [...this.days.keys()].sort().map((day) => toDayActivity(day, this.days.get(day) as Float64Array));
  }

  private slots(day: Day): Float64Array {
    let slots = this.days.get(day);
    if (!slots) {
      slots = new Float64Array(SLOTS);
      this.days.set(day, slots);
    }
    return slots;
  }
}

const toDayActivity = (day: Day, slots: Float64Array): DayActivity => {
  const activity: DayActivity = { day, counts: {}, signals: {} };
  EVENT_KINDS.forEach((kind, i) => {
    if ((slots[i] ?? 0) > 0) activity.counts[kind] = slots[i];
  });
  SIGNAL_NAMES.forEach((name, i) => {
    const n = slots[EVENT_KINDS.length + i] ?? 0;
    if (n > 0) activity.signals[name] = n;
  });
  return activity;
};
