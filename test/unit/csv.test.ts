import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  CsvTokenizer,
  type CsvTokenizerOptions,
  ExportTextDecoder,
  tokenizeStream,
} from '../../shared/export/csv';

interface Tokenized {
  records: { line: number; fields: string[] }[];
  errors: { line: number; reason: string }[];
}

/** Runs the tokenizer over the given pieces; `mask` is applied right after the first record (the header). */
function tokenizePieces(
  pieces: readonly string[],
  options?: CsvTokenizerOptions,
  mask?: readonly boolean[],
): Tokenized {
  const out: Tokenized = { records: [], errors: [] };
  const tokenizer: CsvTokenizer = new CsvTokenizer(
    (fields, line) => {
      out.records.push({ line, fields });
      if (mask && out.records.length === 1) tokenizer.keepOnly(mask);
    },
    (line, reason) => out.errors.push({ line, reason }),
    options,
  );
  for (const piece of pieces) tokenizer.push(piece);
  tokenizer.end();
  return out;
}

const inChunksOf = (text: string, size: number): string[] => {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
};

const CHUNKINGS: readonly { name: string; split: (text: string) => string[] }[] = [
  { name: '1-char chunks', split: (text) => inChunksOf(text, 1) },
  { name: '2-char chunks', split: (text) => inChunksOf(text, 2) },
  { name: '3-char chunks', split: (text) => inChunksOf(text, 3) },
  { name: '7-char chunks', split: (text) => inChunksOf(text, 7) },
  // Every `\r\n` split across two pushes.
  { name: 'split between \\r and \\n', split: (text) => text.split(/(?<=\r)(?=\n)/) },
];

/** Tokenizes the text whole and in every chunking; all must agree. Returns the whole-text result. */
function tokenize(text: string, options?: CsvTokenizerOptions, mask?: readonly boolean[]): Tokenized {
  const whole = tokenizePieces([text], options, mask);
  for (const { name, split } of CHUNKINGS) {
    expect(tokenizePieces(split(text), options, mask), name).toEqual(whole);
  }
  return whole;
}

const rows = (result: Tokenized): string[][] => result.records.map((r) => r.fields);
const lines = (result: Tokenized): number[] => result.records.map((r) => r.line);

describe('CsvTokenizer: RFC 4180 basics', () => {
  it('splits records and fields, delivering the 1-based start line', () => {
    const result = tokenize('a,b,c\n1,2,3\n');
    expect(rows(result)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(lines(result)).toEqual([1, 2]);
    expect(result.errors).toEqual([]);
  });

  it('flushes the last record when the file has no final newline', () => {
    const result = tokenize('Organization,Followed On\nAcme,Mon Apr 06 16:33:17 UTC 2026');
    expect(rows(result)).toEqual([
      ['Organization', 'Followed On'],
      ['Acme', 'Mon Apr 06 16:33:17 UTC 2026'],
    ]);
  });

  it('keeps empty fields, including a trailing one at end of file', () => {
    expect(rows(tokenize(',,07 Jun 2026\na,,\nb,'))).toEqual([
      ['', '', '07 Jun 2026'],
      ['a', '', ''],
      ['b', ''],
    ]);
  });

  it('strips a leading BOM only', () => {
    const result = tokenize('\uFEFFDate,Link\n2024-01-05 13:45:12,x\uFEFF\n');
    expect(rows(result)).toEqual([
      ['Date', 'Link'],
      ['2024-01-05 13:45:12', 'x\uFEFF'],
    ]);
  });

  it('accepts CRLF and lone CR record separators and keeps CRLF inside quoted cells', () => {
    const result = tokenize('a,b\r\n1,"x\r\ny"\r\n2,z\r3,w\r\n');
    expect(rows(result)).toEqual([
      ['a', 'b'],
      ['1', 'x\r\ny'],
      ['2', 'z'],
      ['3', 'w'],
    ]);
    expect(lines(result)).toEqual([1, 2, 4, 5]);
  });

  it('skips empty lines (LF, CRLF, CR) but counts them', () => {
    const result = tokenize('\n\na\r\n\r\n\rb\n\n');
    expect(rows(result)).toEqual([['a'], ['b']]);
    expect(lines(result)).toEqual([3, 6]);
  });

  it('does not trim, and treats a quote inside an unquoted field as literal', () => {
    expect(rows(tokenize(' Daiko , 5" floppy,a"b"c\n'))).toEqual([[' Daiko ', ' 5" floppy', 'a"b"c']]);
  });

  it('keeps text after a closing quote literally instead of failing the row', () => {
    expect(rows(tokenize('"ab"cd,e\n'))).toEqual([['abcd', 'e']]);
  });

  it('reads a line holding only "" as one empty field, not as an empty line', () => {
    expect(rows(tokenize('a\n""\nb'))).toEqual([['a'], [''], ['b']]);
  });

  it('delivers a header-only file as one record, with or without a final newline', () => {
    expect(rows(tokenize('Date,Type,Link\n'))).toEqual([['Date', 'Type', 'Link']]);
    expect(rows(tokenize('Date,Type,Link'))).toEqual([['Date', 'Type', 'Link']]);
    expect(tokenize('')).toEqual({ records: [], errors: [] });
  });
});

describe('CsvTokenizer: LinkedIn dialects', () => {
  it('reads the all-quoted 2026 messages.csv with "" empty fields and multi-line content', () => {
    const text =
      '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n' +
      '"2-abc","","Jane Doe","https://www.linkedin.com/in/jane","Bob, Ph.D.","https://www.linkedin.com/in/bob,https://www.linkedin.com/in/al","2026-04-01 12:00:00 UTC","","Hi ""Bob"",\r\nsee <p class=""x"">you</p>","INBOX",""\n' +
      '"2-abc","","Bob, Ph.D.","https://www.linkedin.com/in/bob","Jane Doe","https://www.linkedin.com/in/jane","2026-04-01 12:05:00 UTC","","","INBOX",""';
    const result = tokenize(text);
    expect(result.records).toHaveLength(3);
    expect(result.records[0]?.fields).toHaveLength(11);
    expect(result.records[0]?.fields[6]).toBe('DATE');
    expect(result.records[1]?.fields).toEqual([
      '2-abc',
      '',
      'Jane Doe',
      'https://www.linkedin.com/in/jane',
      'Bob, Ph.D.',
      'https://www.linkedin.com/in/bob,https://www.linkedin.com/in/al',
      '2026-04-01 12:00:00 UTC',
      '',
      'Hi "Bob",\r\nsee <p class="x">you</p>',
      'INBOX',
      '',
    ]);
    expect(result.records[2]?.fields[8]).toBe('');
    expect(lines(result)).toEqual([1, 2, 4]);
  });

  it('reads the "" dialect of Shares, where paragraphs decode with stray quotes', () => {
    const text = 'Date,ShareCommentary\n2024-01-05 13:45:12,"things.""\n""""\n""My website"\n';
    expect(rows(tokenize(text))[1]).toEqual(['2024-01-05 13:45:12', 'things."\n""\n"My website']);
  });

  it('reads the \\" dialect of Comments when backslashEscapes is on', () => {
    const text =
      'Date,Link,Message\n' +
      '2026-01-02 10:00:00,https://x,"He said \\"hi\\", twice"\n' +
      '2026-01-02 10:00:01,https://x,"ends with a quote \\""\n' +
      '2026-01-02 10:00:02,https://x,"a \\\\ backslash, a \\n literal and ""doubled"""\n';
    const result = tokenize(text, { backslashEscapes: true });
    expect(rows(result).slice(1)).toEqual([
      ['2026-01-02 10:00:00', 'https://x', 'He said "hi", twice'],
      ['2026-01-02 10:00:01', 'https://x', 'ends with a quote "'],
      ['2026-01-02 10:00:02', 'https://x', 'a \\ backslash, a \\n literal and "doubled"'],
    ]);
    expect(result.errors).toEqual([]);
  });

  it('treats backslashes literally without backslashEscapes', () => {
    expect(rows(tokenize('"C:\\dir\\",x\n'))).toEqual([['C:\\dir\\', 'x']]);
  });

  describe('unquoted multi-line Comments (isRecordStart)', () => {
    const options: CsvTokenizerOptions = {
      backslashEscapes: true,
      isRecordStart: (l) => /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)?,/.test(l),
    };

    it('joins continuation lines, including a blank one, to the last field', () => {
      const text =
        'Date,Link,Message\n' +
        '2024-03-01 08:00:00,https://x/1,First line\n' +
        'second line "quoted"\n' +
        '\n' +
        'fourth line\n' +
        '2024-03-01 09:00:00,https://x/2,"quoted, one line"\n' +
        ',https://x/3,undated comment\n' +
        'its second line\r\n' +
        '2024-03-02 10:00:00,https://x/4,last\n' +
        '\n\n';
      const result = tokenize(text, options);
      expect(rows(result)).toEqual([
        ['Date', 'Link', 'Message'],
        ['2024-03-01 08:00:00', 'https://x/1', 'First line\nsecond line "quoted"\n\nfourth line'],
        ['2024-03-01 09:00:00', 'https://x/2', 'quoted, one line'],
        ['', 'https://x/3', 'undated comment\nits second line'],
        ['2024-03-02 10:00:00', 'https://x/4', 'last'],
      ]);
      expect(lines(result)).toEqual([1, 2, 6, 7, 9]);
      expect(result.errors).toEqual([]);
    });

    it('never continues the header and decides on lines longer than the peeked prefix', () => {
      const long = 'x'.repeat(200);
      const text = `Date,Link,Message\n2024-03-01 08:00:00,https://x/1,${long}\n${long},still the message\n`;
      const result = tokenize(text, options);
      expect(rows(result)).toEqual([
        ['Date', 'Link', 'Message'],
        ['2024-03-01 08:00:00', 'https://x/1', `${long}\n${long},still the message`],
      ]);
    });

    it('splits an unquoted first line at its commas and continues the LAST field (callers may rejoin)', () => {
      const text = 'Date,Link,Message\n2024-03-01 08:00:00,https://x/1,Hello, world\nand, more\n';
      expect(rows(tokenize(text, options))[1]).toEqual([
        '2024-03-01 08:00:00',
        'https://x/1',
        'Hello',
        ' world\nand, more',
      ]);
    });

    it('continues a masked-out last field without materialising it', () => {
      const text = 'Date,Link,Message\n2024-03-01 08:00:00,https://x/1,secret\nmore secret\n';
      expect(rows(tokenize(text, options, [true, true, false]))).toEqual([
        ['Date', 'Link', 'Message'],
        ['2024-03-01 08:00:00', 'https://x/1', ''],
      ]);
    });
  });
});

describe('CsvTokenizer: keepOnly', () => {
  it('delivers skipped fields as empty strings and kept ones intact', () => {
    const text =
      'id,content,date,extra\n' +
      '1,"secret, with ""quotes""\nand a newline\r\n",2026-01-01,tail\n' +
      '2,plain secret,2026-01-02\n' +
      '3,"",2026-01-03,a,b\n';
    const result = tokenize(text, undefined, [true, false, true]);
    expect(rows(result)).toEqual([
      ['id', 'content', 'date', 'extra'],
      ['1', '', '2026-01-01', ''],
      ['2', '', '2026-01-02'],
      ['3', '', '2026-01-03', '', ''],
    ]);
    expect(lines(result)).toEqual([1, 2, 5, 6]);
  });

  it('skips backslash-escaped fields too', () => {
    const text = 'Date,Message\n2026-01-01 00:00:00,"a \\"b\\" \\\\ c"\n';
    expect(rows(tokenize(text, { backslashEscapes: true }, [true, false]))[1]).toEqual([
      '2026-01-01 00:00:00',
      '',
    ]);
  });

  it('keeps everything again after keepOnly(null)', () => {
    const seen: string[][] = [];
    const tokenizer: CsvTokenizer = new CsvTokenizer(
      (fields) => seen.push(fields),
      () => {},
    );
    tokenizer.keepOnly([false, true]);
    tokenizer.push('a,b\n');
    tokenizer.keepOnly(null);
    tokenizer.push('c,d\n');
    tokenizer.end();
    expect(seen).toEqual([
      ['', 'b'],
      ['c', 'd'],
    ]);
  });
});

describe('CsvTokenizer: errors and line numbers', () => {
  it('counts physical lines through multi-line quoted cells', () => {
    const text = 'h1,h2\n"a\nb\nc",x\n"one",line\n\n"d\r\ne",\n"f"\n';
    const result = tokenize(text);
    expect(lines(result)).toEqual([1, 2, 5, 7, 9]);
  });

  it('reports an over-long record with its start line and resyncs at the next record', () => {
    const text = `h1,h2\nok,1\n"${'x'.repeat(30)}\n${'y'.repeat(30)}",2\nalso ok,3\n${'z'.repeat(80)}\nlast,4`;
    const result = tokenize(text, { maxRecordChars: 50 });
    expect(rows(result)).toEqual([
      ['h1', 'h2'],
      ['ok', '1'],
      ['also ok', '3'],
      ['last', '4'],
    ]);
    expect(lines(result)).toEqual([1, 2, 5, 7]);
    expect(result.errors).toEqual([
      { line: 3, reason: 'record longer than 50 characters; skipped' },
      { line: 6, reason: 'record longer than 50 characters; skipped' },
    ]);
  });

  it('counts continuation lines against maxRecordChars and skips the whole continued record', () => {
    const options: CsvTokenizerOptions = { isRecordStart: (l) => /^\d{4}-/.test(l), maxRecordChars: 40 };
    const text = `Date,Msg\n2024-01-01,short\n2024-01-02,long\n${'c'.repeat(30)}\n${'d'.repeat(30)}\n2024-01-03,ok\n`;
    const result = tokenize(text, options);
    expect(rows(result)).toEqual([
      ['Date', 'Msg'],
      ['2024-01-01', 'short'],
      ['2024-01-03', 'ok'],
    ]);
    expect(lines(result)).toEqual([1, 2, 6]);
    expect(result.errors).toEqual([{ line: 3, reason: 'record longer than 40 characters; skipped' }]);
  });

  it('stays linear on a huge single line: 8 MB pushed in 1 KB chunks', () => {
    const huge = `"${'m'.repeat(8_000_000)}"`;
    const pieces = ['h\n', ...inChunksOf(huge, 1024), '\nafter\n'];
    // No wall-clock budget (no test may depend on the machine's speed): a quadratic tokenizer would copy
    // about 32 GB here and never finish within the test timeout; bench/csv.ts measures the real speed.
    const result = tokenizePieces(pieces);
    expect(rows(result)).toEqual([['h'], ['after']]);
    expect(result.errors).toEqual([{ line: 2, reason: 'record longer than 1000000 characters; skipped' }]);
  });

  it('reports an unterminated quote at end of file and drops that record', () => {
    const result = tokenize('a,b\n1,2\n3,"never closed\nmore');
    expect(rows(result)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(result.errors).toEqual([
      { line: 3, reason: 'unterminated quoted field at end of file; record skipped' },
    ]);
  });

  it('reports an unterminated quote that ends in a backslash escape', () => {
    const result = tokenize('a\n"x \\', { backslashEscapes: true });
    expect(rows(result)).toEqual([['a']]);
    expect(result.errors.map((e) => e.line)).toEqual([2]);
  });

  it('never puts row text into error reasons', () => {
    const result = tokenize(`a\n"secret-text ${'s'.repeat(100)}"\n"secret-text`, { maxRecordChars: 50 });
    expect(result.errors).toHaveLength(2);
    for (const { reason } of result.errors) expect(reason).not.toContain('secret');
  });

  it('rejects a push after end', () => {
    const tokenizer = new CsvTokenizer(
      () => {},
      () => {},
    );
    tokenizer.end();
    expect(() => tokenizer.push('a')).toThrow(/after end/);
  });
});

describe('tokenizeStream', () => {
  const collect = async (stream: Readable, options?: CsvTokenizerOptions) => {
    const records: string[][] = [];
    await tokenizeStream(
      stream,
      new CsvTokenizer(
        (fields) => records.push(fields),
        () => {},
        options,
      ),
    );
    return records;
  };

  it('decodes UTF-8 split across buffers, strips the BOM and flushes the last record', async () => {
    const bytes = Buffer.from('\uFEFFname,emoji\nZoë,"😀, ✓"\nend,x', 'utf8');
    // One byte per buffer splits every multi-byte sequence, the BOM included.
    const buffers = [...bytes].map((b) => Buffer.from([b]));
    expect(await collect(Readable.from(buffers))).toEqual([
      ['name', 'emoji'],
      ['Zoë', '😀, ✓'],
      ['end', 'x'],
    ]);
  });

  it('replaces invalid bytes instead of failing', async () => {
    const records = await collect(Readable.from([Buffer.from([0x61, 0xff, 0x2c, 0x62])]));
    expect(records).toEqual([['a\uFFFD', 'b']]);
  });

  it('rejects when the stream fails', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('a,b\n'));
        this.destroy(new Error('entry is corrupt'));
      },
    });
    await expect(collect(failing)).rejects.toThrow('entry is corrupt');
  });
});

describe('ExportTextDecoder', () => {
  const text = 'Date,Type\n2026-03-01 10:00:00,LIKE ✓ 😀\n';
  /** Decodes `bytes` fed in chunks of `size` bytes, so BOMs, code units and surrogate pairs are split. */
  const decodeInChunks = (bytes: Buffer, size: number) => {
    const decoder = new ExportTextDecoder();
    let out = '';
    for (let i = 0; i < bytes.length; i += size) out += decoder.decode(bytes.subarray(i, i + size));
    return out + decoder.decode(new Uint8Array(0), true);
  };
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le).swap16();
  const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);

  it.each([
    ['UTF-8', Buffer.from(text)],
    ['UTF-8 with BOM', utf8Bom],
    ['UTF-16 LE with BOM', le],
    ['UTF-16 BE with BOM', be],
  ])('decodes %s split at any byte', (_, bytes) => {
    for (const size of [1, 2, 3, 7, bytes.length]) expect(decodeInChunks(bytes, size)).toBe(text);
  });

  it('leaves the input buffer as it was', () => {
    const copy = Buffer.from(be);
    decodeInChunks(be, 5);
    expect(be).toEqual(copy);
  });

  it('decodes a one-byte file', () => {
    expect(decodeInChunks(Buffer.from('x'), 1)).toBe('x');
  });
});
