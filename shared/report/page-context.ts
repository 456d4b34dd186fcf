import type { Day } from '../domain/kinds';
import type { FindingScope } from '../domain/pillars';
import { type LocaleFormat, localeFormat } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import { fill, type Messages, messagesFor } from '../i18n/messages';
import type { PluralForms } from '../i18n/messages/en';

/** What every piece of the page writes with: the language's catalogue, its formats and its plural rules. */
export interface PageContext {
  locale: Locale;
  t: Messages;
  f: LocaleFormat;
  /** The counted text for `n` ("1 day", "2 days", "5 dni"), `{n}` filled with the locale's count. */
  plural(forms: PluralForms, n: number, values?: Record<string, string | number>): string;
  /** Short month name of a day ("Mar", "März", "mar"), for the chart's time axis. */
  month(day: Day): string;
  scope(scope: FindingScope): string;
  fill: typeof fill;
}

const contexts = new Map<Locale, PageContext>();

export const pageContext = (locale: Locale): PageContext => {
  const known = contexts.get(locale);
  if (known) return known;
  const t = messagesFor(locale);
  const f = localeFormat(locale);
  const rules = new Intl.PluralRules(locale);
  const months = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    month: 'short',
    timeZone: 'UTC',
  });
  const context: PageContext = {
    locale,
    t,
    f,
    plural: (forms, n, values = {}) => {
      const form = rules.select(n) as keyof PluralForms;
      return fill(forms[form] ?? forms.other, { n: f.count(n), ...values });
    },
    month: (day) => months.format(new Date(`${day}T00:00:00Z`)),
    scope: (scope) => (scope === 'overall' ? t.common.overall : t.pillars[scope]),
    fill,
  };
  contexts.set(locale, context);
  return context;
};
