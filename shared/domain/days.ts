import type { Day } from './kinds';

/** Day arithmetic on UTC calendar days (`YYYY-MM-DD`), in one place. */
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01. */
export const dayNumber = (day: Day): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

export const dayOf = (dayNumberValue: number): Day =>
  new Date(dayNumberValue * DAY_MS).toISOString().slice(0, 10);

export const addDays = (day: Day, days: number): Day => dayOf(dayNumber(day) + days);

export const daysBetween = (from: Day, to: Day): number => dayNumber(to) - dayNumber(from);

let lastDay = Number.NaN;
let lastDayText = '';

/** The UTC calendar day of an instant. Rows of a file cluster by day, so the last answer is cached. */
export const utcDay = (ms: number): Day => {
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    lastDayText = dayOf(day);
    lastDay = day;
  }
  return lastDayText;
};
