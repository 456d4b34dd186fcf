import type { Day, DayActivity, EventKind } from '../domain/kinds';

/** The API's day shape: counts only, zero kinds omitted (days without activity are omitted by the caller). */
export interface ApiDay {
  day: Day;
  counts: Partial<Record<EventKind, number>>;
}

export const toApiDays = (days: readonly DayActivity[]): ApiDay[] =>
  days.filter((d) => Object.keys(d.counts).length > 0).map((d) => ({ day: d.day, counts: { ...d.counts } }));
