import { addDays } from '../domain/days';
import { type Day, EVENT_KINDS, type EventKind, isRollingHistoryKind } from '../domain/kinds';
import type { Coverage, DayRange } from '../domain/merge';

/** Per kind, the days some applied export could see (sorted, non-overlapping). A kind absent here is unknown. */
export type ObservedWindows = Partial<Record<EventKind, readonly DayRange[]>>;

/** Earlier than any LinkedIn day: "since the beginning". */
const BEGINNING: Day = '0000-01-01';

/**
 * The union of the stored coverage windows, per kind. A window starts at the first row its file holds; for files
 * that keep the member's whole history the days before that row are known zeros, so the export's earliest range
 * is extended back to the beginning. Invitations (recent months only) keep their windows as they are.
 */
export const observedWindows = (coverage: Coverage): ObservedWindows => {
  const byKind = new Map<EventKind, DayRange[]>();
  for (const applied of coverage.exports) {
    for (const [kind, ranges] of Object.entries(applied.windows) as [EventKind, DayRange[]][]) {
      const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : 1));
      const [first, ...rest] = sorted;
      if (!first) continue;
      const widened = isRollingHistoryKind(kind) ? sorted : [{ from: BEGINNING, to: first.to }, ...rest];
      byKind.set(kind, [...(byKind.get(kind) ?? []), ...widened]);
    }
  }
  const observed: ObservedWindows = {};
  for (const [kind, ranges] of byKind) observed[kind] = union(ranges);
  return observed;
};

const union = (ranges: DayRange[]): DayRange[] => {
  const merged: DayRange[] = [];
  for (const range of [...ranges].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    const last = merged.at(-1);
    if (last && range.from <= last.to) {
      if (range.to > last.to) last.to = range.to;
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
};

const covers = (ranges: readonly DayRange[] | undefined, day: Day): boolean =>
  ranges?.some((range) => range.from <= day && day <= range.to) ?? false;

const nextDay = (day: Day): Day => addDays(day, 1);

/**
 * The first day some kind's observation differs between two windows (e.g. before and after an ingest), or
 * undefined. Confidence depends on observation, so estimates must be recomputed from this day too.
 */
export const firstObservationChange = (before: ObservedWindows, after: ObservedWindows): Day | undefined => {
  let first: Day | undefined;
  for (const kind of EVENT_KINDS) {
    // Observation is constant between range edges, so comparing on the edges finds the first difference.
    const edges = [...(before[kind] ?? []), ...(after[kind] ?? [])]
      .flatMap((r) => [r.from, nextDay(r.to)])
      .sort();
    const changed = edges.find((day) => covers(before[kind], day) !== covers(after[kind], day));
    if (changed !== undefined && (first === undefined || changed < first)) first = changed;
  }
  return first;
};
