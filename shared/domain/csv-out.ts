/**
 * Writing CSV for spreadsheets (the team tables finance opens): RFC 4180 quoting, CRLF line ends, a UTF-8 byte
 * order mark so Excel reads the text as UTF-8, and cells safe from formula injection. Pure.
 */

/** A cell: numbers stay numbers (written in the dialect's decimal form), text is guarded, empty for null. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * How the numbers and fields are separated. Excel splits a CSV on the list separator of the user's regional
 * settings: `,` in English, `;` in German and Polish, where `,` is the decimal sign. So English files use
 * `,` and `.`; German and Polish files use `;` and a decimal comma, and open in one click in either locale.
 */
export interface CsvDialect {
  separator: ',' | ';';
  decimalComma: boolean;
}

export const CSV_DIALECTS = {
  en: { separator: ',', decimalComma: false },
  de: { separator: ';', decimalComma: true },
  pl: { separator: ';', decimalComma: true },
} as const satisfies Record<string, CsvDialect>;

export const BOM = '\uFEFF';

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) or that starts with a tab or carriage return
 * (OWASP's list) gets a leading apostrophe: shown as text, never evaluated. Numbers are written by us, not
 * taken from input, so a negative number stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const guardText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

const cellText = (cell: CsvCell, dialect: CsvDialect): string => {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    const plain = String(cell);
    return dialect.decimalComma ? plain.replace('.', ',') : plain;
  }
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return guardText(cell);
};

const quoted = (text: string, separator: string): string =>
  text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;

/** A whole table: BOM, header, rows; every record ends with CRLF (RFC 4180). */
export const toCsv = (
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  dialect: CsvDialect = CSV_DIALECTS.en,
): string => {
  const line = (cells: readonly CsvCell[]) =>
    cells.map((cell) => quoted(cellText(cell, dialect), dialect.separator)).join(dialect.separator);
  return `${BOM}${[header, ...rows].map(line).join('\r\n')}\r\n`;
};
