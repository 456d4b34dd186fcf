/**
 * Parsers for every timestamp form in a LinkedIn export (docs/export-format.md, "Dates and zones").
 *
 * No date library: each form is fixed, so fixed-position digit reads (or one anchored regex for the rare forms) are
 * both stricter and faster, and the one zone conversion needed (US Pacific wall time → UTC) is covered by the
 * platform's Intl with its full ICU time-zone data. Every parser returns epoch milliseconds, or undefined when the
 * text does not match or names no real date or time (month 13, Feb 30, 24:00 …). Callers trim.
 */

/** LinkedIn's launch (2003-05-05T00:00Z): earlier instants are implausible. */
export const LINKEDIN_EPOCH_MS = Date.UTC(2003, 4, 5);

import { DAY_MS } from '../domain/days';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). Used instead of Date.UTC,
 * which silently maps years 0–99 to 1900–1999.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Epoch ms of a UTC wall time, or undefined when any part is out of range. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  return daysFromCivil(y, mo, d) * DAY_MS + h * HOUR_MS + mi * MINUTE_MS + s * 1000;
}

/** The decimal value of `count` ASCII digits at `at`, or -1 when any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Reads `YYYY<sep>MM<sep>DD<timeSep>HH:MM:SS` at the start of `text` (fixed positions; the caller checks the
 * length). `timeSep` is a space, or the ISO `T`.
 */
function readDateTime(text: string, sep: number, timeSep = 0x20): number | undefined {
  if (
    text.charCodeAt(4) !== sep ||
    text.charCodeAt(7) !== sep ||
    text.charCodeAt(10) !== timeSep ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a
  ) {
    return undefined;
  }
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const s = digits(text, 17, 2);
  if ((y | mo | d | h | mi | s) < 0) return undefined;
  return utcMs(y, mo, d, h, mi, s);
}

/** `2024-01-05 13:45:12` (UTC, no zone): Shares, Comments, Reactions, Votes, InstantReposts, Member_Follows, Saved_Items. */
export function parseIsoUtc(text: string): number | undefined {
  return text.length === 19 ? readDateTime(text, 0x2d) : undefined;
}

/**
 * `2019-11-06T02:08:20`: the 2020 messages.csv DATE (ISO without a zone). Taken as UTC, like every other
 * zone-less `YYYY-MM-DD` stamp in the export and the later explicit-UTC messages DATE.
 */
export function parseIsoLocalT(text: string): number | undefined {
  return text.length === 19 ? readDateTime(text, 0x2d, 0x54) : undefined;
}

/** `2026-04-01 12:00:00 UTC`: messages DATE. */
export function parseUtcSuffixed(text: string): number | undefined {
  return text.length === 23 && text.endsWith(' UTC') ? readDateTime(text, 0x2d) : undefined;
}

/** `2024/01/05 13:45:12 UTC`: SearchQueries Time, Endorsement Date. */
export function parseSlashUtc(text: string): number | undefined {
  return text.length === 23 && text.endsWith(' UTC') ? readDateTime(text, 0x2f) : undefined;
}

/** Re-exported: the parsers' callers bucket instants into days with it. */
export { utcDay } from '../domain/days';

// --- US Pacific wall time --------------------------------------------------------------------------------------

const pacific = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Offset of Los Angeles from UTC at an instant, in ms (−7 h in summer, −8 h in winter). */
function pacificOffsetAt(utc: number): number {
  const part = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of pacific.formatToParts(utc)) {
    if (type in part) part[type as keyof typeof part] = Number(value);
  }
  const wall =
    daysFromCivil(part.year, part.month, part.day) * DAY_MS +
    part.hour * HOUR_MS +
    part.minute * MINUTE_MS +
    part.second * 1000;
  return wall - (utc - (((utc % 1000) + 1000) % 1000)); // the parts have whole seconds
}

/** Offset per wall-clock hour: Los Angeles changes offset only on the hour, and files repeat hours. */
const offsetByWallHour = new Map<number, number>();
const MAX_CACHED_HOURS = 100_000;

/**
 * The UTC instant of a Los Angeles wall time. In the repeated autumn hour the earlier (PDT) instant wins; a time
 * in the skipped spring hour is read with the standard offset (2:30 → 3:30 PDT), as java.time and Temporal do.
 */
function pacificWallToUtc(wall: number): number {
  const hour = Math.floor(wall / HOUR_MS);
  let offset = offsetByWallHour.get(hour);
  if (offset === undefined) {
    const first = pacificOffsetAt(wall); // the wall time read as UTC is within a day of the answer
    const second = pacificOffsetAt(wall - first);
    if (first === second) {
      offset = first;
    } else {
      // Near a switch: take each offset that reproduces the wall time; prefer the earlier instant.
      const fits = [first, second].filter((o) => pacificOffsetAt(wall - o) === o);
      offset = fits.length > 0 ? Math.max(...fits) : Math.min(first, second);
    }
    if (offsetByWallHour.size >= MAX_CACHED_HOURS) offsetByWallHour.clear();
    offsetByWallHour.set(hour, offset);
  }
  return wall - offset;
}

const US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}), (\d{1,2}):(\d{2})[ \u202f\u00a0]?([AaPp][Mm])$/;

/** Reads `M/D/YY, h:mm AM` as a Pacific wall time; `hour24` also accepts a 24-hour clock with its AM/PM marker. */
function parseUsDateTime(text: string, hour24: boolean): number | undefined {
  const match = US_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, mo, d, y, h, mi, marker] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const pm = marker.toUpperCase() === 'PM';
  let hour = Number(h);
  if (hour >= 1 && hour <= 12) {
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (!(hour24 && ((hour === 0 && !pm) || (hour >= 13 && hour <= 23 && pm)))) {
    return undefined;
  }
  const wall = utcMs(year, Number(mo), Number(d), hour, Number(mi), 0);
  return wall === undefined ? undefined : pacificWallToUtc(wall);
}

/**
 * `4/15/24, 9:25 PM` or `04/15/24, 09:25 PM`, US Pacific wall time (America/Los_Angeles, DST-correct) → UTC:
 * Invitations Sent At, Job Applications, Recommendations Creation Date. A 2-digit year is 20YY. The narrow
 * no-break space newer CLDR data puts before AM/PM is accepted.
 */
export function parseUsPacific(text: string): number | undefined {
  return parseUsDateTime(text, false);
}

/**
 * The ~2018 `Messages.csv` Date, Java pattern `MM/dd/YY, HH:mm a`: the same shape as parseUsPacific, but that
 * pattern prints a 24-hour clock next to the marker (`21:25 PM`), so both readings are accepted. Zone assumed
 * Pacific like the other fields of this shape (unverified).
 */
export function parseLegacyMessageDate(text: string): number | undefined {
  return parseUsDateTime(text, true);
}

// --- Other forms -------------------------------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** 1-based month of an English month name or its 3-letter abbreviation, or 0. */
const monthNumber = (name: string): number => {
  const lower = name.toLowerCase();
  return (lower.length === 3 ? MONTHS.indexOf(lower) : FULL_MONTHS.indexOf(lower)) + 1;
};

const DAY_MON_YEAR = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/;

/** `07 Jun 2026` → `2026-06-07`: Connections Connected On, a calendar date with no zone, so no conversion. */
export function parseDayMonYear(text: string): string | undefined {
  const match = DAY_MON_YEAR.exec(text);
  if (!match) return undefined;
  const [, d, mon, y] = match as unknown as [string, string, string, string];
  const month = monthNumber(mon);
  const year = Number(y);
  const day = Number(d);
  if (month === 0 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const JAVA_DATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) (UTC|GMT) (\d{4})$/;

/** `Mon Apr 06 16:33:17 UTC 2026` (Java Date.toString in UTC): Company Follows Followed On. */
export function parseJavaDate(text: string): number | undefined {
  const match = JAVA_DATE.exec(text);
  if (!match) return undefined;
  const [, , mon, d, h, mi, s, , y] = match as unknown as string[];
  return utcMs(Number(y), monthNumber(mon as string), Number(d), Number(h), Number(mi), Number(s));
}

const RICH_MEDIA =
  / on ([A-Za-z]+)\.? (\d{1,2}), (\d{4}) at (\d{1,2}):(\d{2})[ \u202f\u00a0]?([AaPp][Mm]) \((?:GMT|UTC)\)$/;

/** `You uploaded a photo on March 9, 2026 at 2:58 PM (GMT)` (any "… on <Month> <d>, <yyyy> at <h:mm> AM|PM (GMT)"): Rich_Media. */
export function parseRichMediaProse(text: string): number | undefined {
  const match = RICH_MEDIA.exec(text);
  if (!match) return undefined;
  const [, mon, d, y, h, mi, marker] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const hour = Number(h);
  if (hour < 1 || hour > 12) return undefined;
  const pm = marker.toUpperCase() === 'PM';
  return utcMs(Number(y), monthNumber(mon), Number(d), (hour % 12) + (pm ? 12 : 0), Number(mi), 0);
}

const ARTICLE_NAME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2})_(\d{2})_(\d{2})(?:\.(\d{1,9}))?-/;

/**
 * `2025-11-21 17_31_01.0-TOON vs JSON.html` (a folder path is fine): Articles, read as UTC like the export's other
 * zone-less `YYYY-MM-DD` stamps. undefined for slug names, which carry no date.
 */
export function parseArticleFileName(name: string): number | undefined {
  const match = ARTICLE_NAME.exec(name.slice(name.lastIndexOf('/') + 1));
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction] = match as unknown as string[];
  const ms = utcMs(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
  if (ms === undefined) return undefined;
  return fraction === undefined ? ms : ms + Math.floor(Number(`0.${fraction}`) * 1000);
}
