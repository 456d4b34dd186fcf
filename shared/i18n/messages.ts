import type { Locale } from './locales';
import { de } from './messages/de';
import { en, type Messages } from './messages/en';
import { pl } from './messages/pl';

export type { Messages };

/** One catalogue per language (`messages/<locale>.ts`). */
export const CATALOGUES: Record<Locale, Messages> = { en, de, pl };

export const messagesFor = (locale: Locale): Messages => CATALOGUES[locale];

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
