import type { Day } from '../domain/kinds';
import type { Locale } from './locales';

/**
 * Numbers and dates in the locale's own form through the platform's `Intl` (decimal comma in German and
 * Polish). Dates are calendar days, formatted in UTC so a day never shifts with the server's time zone.
 */
export interface LocaleFormat {
  locale: Locale;
  /** A score with at most `digits` decimals: "14.2" / "14,2". */
  score(value: number, digits?: number): string;
  /** A signed change: "+1.2" / "+1,2" / "−0,4" (a real minus sign). */
  signed(value: number, digits?: number): string;
  /** A whole count with the locale's grouping: "12,345" / "12.345" / "12 345". */
  count(value: number): string;
  /** "8 Mar 2026" / "8. März 2026" / "8 mar 2026"; without the year when `withYear` is false. */
  day(day: Day, withYear?: boolean): string;
  /** "3 May 2026, 14:02 UTC" from an ISO instant (anything else is returned as it is). */
  instant(iso: string): string;
}

// English as written in Europe ("8 Mar 2026", 24-hour clock): the teams this serves are European.
const INTL_TAG: Record<Locale, string> = { en: 'en-GB', de: 'de-DE', pl: 'pl-PL' };

const dayDate = (day: Day): Date => new Date(`${day}T00:00:00Z`);

export const localeFormat = (locale: Locale): LocaleFormat => {
  const numbers = new Map<number, Intl.NumberFormat>();
  const number = (digits: number) => {
    let format = numbers.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(INTL_TAG[locale], {
        maximumFractionDigits: digits,
        minimumFractionDigits: 0,
      });
      numbers.set(digits, format);
    }
    return format;
  };
  const withYear = new Intl.DateTimeFormat(INTL_TAG[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const withoutYear = new Intl.DateTimeFormat(INTL_TAG[locale], {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const time = new Intl.DateTimeFormat(INTL_TAG[locale], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  });
  return {
    locale,
    score: (value, digits = 2) => number(digits).format(value),
    signed: (value, digits = 1) => {
      const rounded = Number(value.toFixed(digits));
      const body = number(digits).format(Math.abs(rounded));
      return rounded > 0 ? `+${body}` : rounded < 0 ? `−${body}` : body;
    },
    count: (value) => number(0).format(Math.round(value)),
    day: (day, year = true) => (year ? withYear : withoutYear).format(dayDate(day)),
    instant: (iso) => {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return iso;
      const at = new Date(iso);
      if (Number.isNaN(at.getTime())) return iso;
      return `${withYear.format(at)}, ${time.format(at)} UTC`;
    },
  };
};
