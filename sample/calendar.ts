/**
 * Day arithmetic and the date renderings LinkedIn uses (docs/export-format.md, "Dates and zones"). Written from
 * the format descriptions, independent of the project's date parsers, so the two can check each other.
 */

const DAY_MS = 86_400_000;
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const pad2 = (n: number): string => String(n).padStart(2, '0');
const name = (names: readonly string[], index: number): string => names[index] ?? '???';

/** Days since 1970-01-01 for a `YYYY-MM-DD` string. */
export const dayNumber = (isoDay: string): number => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${isoDay}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== isoDay) throw new RangeError(`no such day: ${isoDay}`);
  return ms / DAY_MS;
};

export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayStartMs = (day: number): number => day * DAY_MS;
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (day: number): number => (day + 4) % 7;

/** `2026-04-06 16:33:17` (Shares, Comments, Reactions, Votes, Member_Follows, Saved_Items: UTC). */
export const isoDateTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** `2026-04-06 16:33:17 UTC` (messages.csv). */
export const messageDate = (ms: number): string => `${isoDateTime(ms)} UTC`;

/** `2026/04/06 16:33:17 UTC` (SearchQueries, Endorsements). */
export const slashUtc = (ms: number): string => `${isoDateTime(ms).replaceAll('-', '/')} UTC`;

/** `07 Jun 2026` (Connections `Connected On`, a calendar date). */
export const connectedOn = (day: number): string => {
  const d = new Date(day * DAY_MS);
  return `${pad2(d.getUTCDate())} ${name(SHORT_MONTHS, d.getUTCMonth())} ${d.getUTCFullYear()}`;
};

/** Java `Date.toString()` in UTC: `Mon Apr 06 16:33:17 UTC 2026` (Company Follows). */
export const javaDate = (ms: number): string => {
  const d = new Date(ms);
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${name(WEEKDAYS, d.getUTCDay())} ${name(SHORT_MONTHS, d.getUTCMonth())} ${pad2(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
};

/** `March 9, 2026 at 2:58 PM` in GMT (Rich_Media prose). */
export const richMediaTime = (ms: number): string => {
  const d = new Date(ms);
  const hour12 = d.getUTCHours() % 12 || 12;
  const half = d.getUTCHours() < 12 ? 'AM' : 'PM';
  return `${name(LONG_MONTHS, d.getUTCMonth())} ${d.getUTCDate()}, ${d.getUTCFullYear()} at ${hour12}:${pad2(d.getUTCMinutes())} ${half}`;
};

/** `2025-11-21 17_31_01.0` (timestamped article file names, UTC). */
export const articleStamp = (ms: number): string => `${isoDateTime(ms).replaceAll(':', '_')}.0`;

/** `Jan 2024` (Positions, Certifications). */
export const monthYear = (year: number, month: number): string => `${name(SHORT_MONTHS, month - 1)} ${year}`;

// US Pacific wall time is what LinkedIn prints for Invitations, Job Applications and Recommendations
// (docs/export-format.md, "Dates and zones"). Intl knows the DST rules, so no zone arithmetic is written here.
const pacificParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  year: '2-digit',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

const pacific = (ms: number) => {
  const parts: Record<string, string> = {};
  for (const part of pacificParts.formatToParts(new Date(ms))) parts[part.type] = part.value;
  return {
    month: Number(parts.month),
    day: Number(parts.day),
    year: parts.year ?? '??',
    hour: Number(parts.hour),
    minute: parts.minute ?? '??',
    half: (parts.dayPeriod ?? '').toUpperCase(),
  };
};

/** `11/3/25, 7:30 PM`, US Pacific, no zero padding (Invitations `Sent At`, Job Applications). */
export const pacificShort = (ms: number): string => {
  const p = pacific(ms);
  return `${p.month}/${p.day}/${p.year}, ${p.hour}:${p.minute} ${p.half}`;
};

/** `04/15/24, 09:25 PM`, US Pacific, zero-padded (Recommendations `Creation Date`). */
export const pacificPadded = (ms: number): string => {
  const p = pacific(ms);
  return `${pad2(p.month)}/${pad2(p.day)}/${p.year}, ${pad2(p.hour)}:${p.minute} ${p.half}`;
};
