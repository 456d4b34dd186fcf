/**
 * Cells as people and spreadsheets write them: decimal commas, `53 de 100`, `Top 9 %`, dotted dates. Every
 * readings shape reads its numbers and dates here, so `14,2` means the same in a CSV, a JSON history and a flag.
 */

/** Lower case, no accents, no punctuation: `Établir  votre…` and `etablir votre` compare equal. */
export const foldLabel = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();

/** Spaces of every width (a French `9 %` uses a narrow no-break space) and the typographic minus. */
const tidy = (text: string): string =>
  text
    .replace(/[\s\u00a0\u202f\u2007]+/g, ' ')
    .replace(/[\u2212\u2013]/g, '-')
    .trim();

/** `14.2`, `14,2`, `-3`, `+1.5`: one number, a comma taken as the decimal point (SSI figures are below 1,000). */
const DECIMAL = /^([+-]?)(\d+)(?:[.,](\d+))?$/;

export type NumberCell = { value: number } | { reason: string };

/** A score cell: a decimal number, or `53 of 100` in any language (`53 de 100`, `53 von 100`, `53/100`). */
export const readScore = (text: string): NumberCell => {
  const cell = tidy(text);
  if (cell === '') return { reason: 'is empty' };
  const outOf = /^([+-]?\d+(?:[.,]\d+)?)\s*(?:\/|[\p{L}]+(?: [\p{L}]+)?)\s*100$/u.exec(cell);
  const match = DECIMAL.exec(outOf ? (outOf[1] as string) : cell);
  if (!match) return { reason: `'${cell.slice(0, 20)}' is not a number` };
  const [, sign, whole, fraction] = match;
  return { value: Number(`${sign}${whole}${fraction ? `.${fraction}` : ''}`) };
};

/** True for `53 de 100` and friends: the page states the overall that way, never a pillar. */
export const isOutOfHundred = (text: string): boolean =>
  /^[+-]?\d+(?:[.,]\d+)?\s*(?:\/|[\p{L}]+(?: [\p{L}]+)?)\s*100$/u.test(tidy(text));

/**
 * A rank as the page words it: `Top 9%`, `Top 9 %`, `Top 9 Prozent`, `Os 9% melhores`, `Dans les 9 % premiers`.
 * The one percentage in the cell; undefined when there is none.
 */
export const readRank = (text: string): number | undefined => {
  const match = /([+-]?\d+(?:[.,]\d+)?)\s*(?:%|prozent|procent|por ciento|por cento|pour cent)/iu.exec(
    tidy(text),
  );
  return match ? Number((match[1] as string).replace(',', '.')) : undefined;
};

const DOTTED_DAY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_DAY = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const ZONED_TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ZONELESS_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * The observation time a file states, as text `parseObservedAt` checks: an ISO date or zoned date-time, a day
 * written `31.05.2026` or `2026/05/31`, or a day and a separate time column. A time without a zone is dropped
 * (it would be read in whatever zone the server runs in); the day is what findings use.
 */
export const observedAtText = (date: string, time = ''): string => {
  const day = date.trim();
  const clock = time.trim();
  const dotted = DOTTED_DAY.exec(day);
  const slashed = ISO_DAY.exec(day);
  const zoneless = ZONELESS_DATE_TIME.exec(day);
  const isoDay = dotted
    ? `${dotted[3]}-${pad(dotted[2])}-${pad(dotted[1])}`
    : slashed
      ? `${slashed[1]}-${pad(slashed[2])}-${pad(slashed[3])}`
      : zoneless
        ? (zoneless[1] as string)
        : undefined;
  if (isoDay === undefined) return day;
  return ZONED_TIME.test(clock) ? `${isoDay}T${clock}` : isoDay;
};

const pad = (part: string | undefined): string => (part ?? '').padStart(2, '0');
