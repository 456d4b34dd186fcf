import { addDays, dayNumber } from './days';
import type { Day } from './kinds';

/** Weeks are ISO weeks (Monday to Sunday, UTC), named by their Monday. Pure. */
export const weekStart = (day: Day): Day => {
  // 1970-01-01 (day 0) was a Thursday: (n + 3) mod 7 is 0 on Mondays.
  const offset = (((dayNumber(day) + 3) % 7) + 7) % 7;
  return addDays(day, -offset);
};

export const weekEnd = (week: Day): Day => addDays(week, 6);

/** The Monday of every week that overlaps [from, to], oldest first. */
export const weeksOverlapping = (from: Day, to: Day): Day[] => {
  const weeks: Day[] = [];
  for (let week = weekStart(from); week <= to; week = addDays(week, 7)) weeks.push(week);
  return weeks;
};

/** `2026-W14` (ISO 8601 week) → its Monday; undefined when it is no such week. */
export const isoWeekMonday = (text: string): Day | undefined => {
  const match = /^(\d{4})-?W(\d{2})$/i.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  // Week 1 is the week with 4 January in it.
  const firstMonday = weekStart(`${match[1]}-01-04`);
  const monday = addDays(firstMonday, (week - 1) * 7);
  // An ISO week belongs to the year its Thursday is in: "W53" of a 52-week year is no week.
  if (week < 1 || addDays(monday, 3).slice(0, 4) !== String(year)) return undefined;
  return monday;
};
