import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvTokenizerOptions } from '../../shared/export/csv';

/** Field text rich in the characters that matter to a CSV scanner, plus arbitrary Unicode (astral included). */
const fieldText = fc
  .array(
    fc.oneof(
      fc.constantFrom(',', '"', '""', '\r\n', '\n', '\r', '\\', '\\"', ' ', 'a', 'é', '😀', '中'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    { maxLength: 8 },
  )
  // A leading U+FEFF would be taken for a BOM; no LinkedIn cell starts with one.
  .map((parts) => parts.join('').replaceAll('\uFEFF', ''));

const table = fc.array(fc.array(fieldText, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

/** Random cut points: the tokenizer must not care where chunks end. */
const cuts = fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 12 });

function chunked(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  pieces.push(text.slice(from));
  return pieces;
}

function tokenize(pieces: readonly string[], options?: CsvTokenizerOptions): string[][] {
  const records: string[][] = [];
  const tokenizer = new CsvTokenizer(
    (fields) => records.push(fields),
    (line, reason) => {
      throw new Error(`unexpected error at line ${line}: ${reason}`);
    },
    options,
  );
  for (const piece of pieces) tokenizer.push(piece);
  tokenizer.end();
  return records;
}

/** RFC 4180: quote when needed (or always); a row of one empty field must be quoted or it reads as an empty line. */
function encodeRfc4180(rows: string[][], eol: string, quoteAll: boolean, finalEol: boolean): string {
  const encoded = rows.map((row) =>
    row
      .map((field) =>
        quoteAll || /[",\r\n]/.test(field) || (row.length === 1 && field === '')
          ? `"${field.replaceAll('"', '""')}"`
          : field,
      )
      .join(','),
  );
  return encoded.join(eol) + (finalEol ? eol : '');
}

/** The Comments dialect: every field quoted, `\` and `"` escaped with a backslash. */
const encodeBackslash = (rows: string[][], eol: string): string =>
  rows
    .map((row) => row.map((f) => `"${f.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(','))
    .join(eol);

describe('CsvTokenizer properties', () => {
  it('decodes any RFC 4180 table, chunked anywhere, to the table itself and to what csv-parse reads', () => {
    fc.assert(
      fc.property(
        table,
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        cuts,
        (rows, eol, quoteAll, finalEol, at) => {
          const text = encodeRfc4180(rows, eol, quoteAll, finalEol);
          const decoded = tokenize(chunked(text, at));
          expect(decoded).toEqual(rows);
          expect(decoded).toEqual(parse(text, { relax_column_count: true, record_delimiter: eol }));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('decodes the backslash dialect back to the table', () => {
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), cuts, (rows, eol, at) => {
        const text = encodeBackslash(rows, eol);
        expect(tokenize(chunked(text, at), { backslashEscapes: true })).toEqual(rows);
      }),
      { numRuns: 1500 },
    );
  });

  it('materialises exactly the kept columns under any mask', () => {
    fc.assert(
      fc.property(table, fc.array(fc.boolean(), { maxLength: 7 }), cuts, (rows, mask, at) => {
        const header = ['h'];
        const text = encodeRfc4180([header, ...rows], '\n', false, true);
        const seen: string[][] = [];
        const tokenizer: CsvTokenizer = new CsvTokenizer(
          (fields) => {
            if (seen.length === 0) tokenizer.keepOnly(mask);
            seen.push(fields);
          },
          () => {},
        );
        for (const piece of chunked(text, at)) tokenizer.push(piece);
        tokenizer.end();
        expect(seen).toEqual([header, ...rows.map((row) => row.map((f, i) => (mask[i] === true ? f : '')))]);
      }),
      { numRuns: 500 },
    );
  });

  it('reports each record on the physical line where it starts', () => {
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), cuts, (rows, eol, at) => {
        const text = encodeRfc4180(rows, eol, true, true);
        const starts: number[] = [];
        const tokenizer = new CsvTokenizer(
          (_, line) => starts.push(line),
          () => {},
        );
        for (const piece of chunked(text, at)) tokenizer.push(piece);
        tokenizer.end();
        // Quoted cells break lines only with \n (a lone \r inside quotes is not a line break).
        let line = 1;
        const expected = rows.map((row) => {
          const start = line;
          line += row.join('').split('\n').length; // the cells' line breaks plus the record's own
          return start;
        });
        expect(starts).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
