/**
 * The languages pages, findings, advice and manifests are written in, and how a request picks one.
 * English, German and Polish: the SSI's heaviest users are German- and Polish-speaking sales teams.
 */
export const LOCALES = ['en', 'de', 'pl'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/**
 * `?lang=` wins when it names a supported language; then the first supported language of `Accept-Language`
 * by its q-weight (`de-AT;q=0.9` counts as `de`); else English.
 */
export const negotiateLocale = (request: {
  lang?: string | null;
  acceptLanguage?: string | null;
}): Locale => {
  const asked = request.lang?.trim().toLowerCase().slice(0, 2);
  if (isLocale(asked)) return asked;
  const ranges = (request.acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', weight, index };
    })
    .filter((range) => range.weight > 0 && Number.isFinite(range.weight))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranges.map((range) => range.language).find(isLocale) ?? DEFAULT_LOCALE;
};
