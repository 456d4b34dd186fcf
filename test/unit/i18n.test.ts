import { describe, expect, it } from 'vitest';
import { localeFormat } from '../../shared/i18n/format';
import { negotiateLocale } from '../../shared/i18n/locales';
import { CATALOGUES, fill } from '../../shared/i18n/messages';

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const english = leaves(CATALOGUES.en as unknown as Tree);
  for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
    it(`${locale} has every key, none empty, with the same placeholders as English`, () => {
      const texts = leaves(catalogue as unknown as Tree);
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of texts) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ''));
      }
    });
  }

  it('German and Polish are translated, not copied from English', () => {
    const english = leaves(CATALOGUES.en as unknown as Tree);
    for (const locale of ['de', 'pl'] as const) {
      const texts = leaves(CATALOGUES[locale] as unknown as Tree);
      const same = [...texts].filter(([key, text]) => text === english.get(key) && text.length > 12);
      expect(same, locale).toEqual([]);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{n} posts a week, {x}', { n: 2 })).toBe('2 posts a week, {x}');
  });
});

describe('locale negotiation', () => {
  it('prefers ?lang, then Accept-Language by weight, then English', () => {
    expect(negotiateLocale({ lang: 'pl', acceptLanguage: 'de' })).toBe('pl');
    expect(negotiateLocale({ lang: 'xx', acceptLanguage: 'fr;q=1, de-AT;q=0.8, pl;q=0.9' })).toBe('pl');
    expect(negotiateLocale({ acceptLanguage: 'de-DE,de;q=0.9,en;q=0.8' })).toBe('de');
    expect(negotiateLocale({ acceptLanguage: 'fr, es' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'de;q=0, pl;q=0.1' })).toBe('pl');
    expect(negotiateLocale({})).toBe('en');
  });
});

describe('locale formats', () => {
  it('writes decimal commas in German and Polish, points in English', () => {
    expect(localeFormat('en').score(14.25, 1)).toBe('14.3');
    expect(localeFormat('de').score(14.25, 2)).toBe('14,25');
    expect(localeFormat('pl').score(14.2, 1)).toBe('14,2');
    expect(localeFormat('de').signed(1.24)).toBe('+1,2');
    expect(localeFormat('en').signed(-0.44)).toBe('−0.4');
    expect(localeFormat('en').signed(0.01)).toBe('0');
    expect(localeFormat('de').count(12345)).toBe('12.345');
  });

  it('names days in the language, in UTC', () => {
    expect(localeFormat('en').day('2026-03-08')).toBe('8 Mar 2026');
    expect(localeFormat('de').day('2026-03-08')).toBe('8. März 2026');
    expect(localeFormat('pl').day('2026-03-08')).toMatch(/^8 mar 2026/);
    expect(localeFormat('en').instant('2026-05-03T14:02:11Z')).toBe('3 May 2026, 14:02 UTC');
  });
});
