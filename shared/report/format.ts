import { dayNumber } from '../domain/days';
import type { Day } from '../domain/kinds';
import type { FindingScope, Pillar } from '../domain/pillars';

// Fixed English names: the page must read the same whatever locale data the runtime carries.
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** LinkedIn's own wording of the four pillars, as the SSI page shows them. */
export const PILLAR_LABELS: Record<Pillar, string> = {
  brand: 'Establish your professional brand',
  people: 'Find the right people',
  insights: 'Engage with insights',
  relationships: 'Build relationships',
};

export const scopeLabel = (scope: FindingScope): string =>
  scope === 'overall' ? 'Overall SSI' : PILLAR_LABELS[scope];

/** "8 Mar 2026"; without the year when `withYear` is false. */
export const formatDay = (day: Day, withYear = true): string => {
  const [year, month, date] = day.split('-');
  const label = `${Number(date)} ${MONTHS[Number(month) - 1] ?? month}`;
  return withYear ? `${label} ${year}` : label;
};

/** "1 Feb to 8 Mar 2026", the first year only when it differs. */
export const formatSpan = (from: Day, to: Day): string =>
  from === to
    ? `on ${formatDay(to)}`
    : `from ${formatDay(from, from.slice(0, 4) !== to.slice(0, 4))} to ${formatDay(to)}`;

/** Days between two calendar days (8 Mar − 1 Feb = 35). */
export const daysBetween = (from: Day, to: Day): number => Math.round(dayNumber(to) - dayNumber(from));

/** "3 May 2026, 14:02 UTC" from an ISO instant. */
export const formatInstant = (iso: string): string =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)
    ? `${formatDay(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`
    : iso;

/** A score as it reads best: at most `digits` decimals, trailing zeros dropped. */
export const formatScore = (value: number, digits = 2): string => String(Number(value.toFixed(digits)));

/** 12,345 */
export const formatCount = (value: number): string =>
  String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${formatCount(count)} ${count === 1 ? one : many}`;
