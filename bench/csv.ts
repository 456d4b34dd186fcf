/**
 * Micro-benchmark of the CSV tokenizer on ~100 MB of messages.csv-like text (2026 dialect: every field quoted,
 * multi-line bodies, some non-Latin-1 text). Run: `npx tsx bench/csv.ts [megabytes]`.
 * Prints MB/s (MB = 10^6 UTF-8 bytes) for the tokenizer alone on pre-decoded strings, and for bytes → TextDecoder → tokenizer.
 */
import { Readable } from 'node:stream';
import { CsvTokenizer, tokenizeStream } from '../shared/export/csv';

const targetBytes = Number(process.argv[2] ?? 100) * 1e6;
const CHUNK_BYTES = 64 * 1024; // a typical stream highWaterMark

const HEADER =
  '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n';
const CONTENT_COLUMN = 8;
const WORDS = [
  'hello',
  'thanks',
  'meeting',
  'next',
  'week',
  'proposal',
  'a',
  'the',
  'great',
  '"quoted"',
  'ok,',
];

/** Deterministic pseudo-random numbers (xorshift32) so runs are comparable. */
let seed = 0x2f6b1d3;
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;

function messageRow(n: number): string {
  const words: string[] = [];
  const length = 10 + Math.floor(random() * 120);
  for (let i = 0; i < length; i++) words.push(pick(WORDS));
  if (random() < 0.3) words.push('\n\nBest,\r\nJane 🙂');
  if (random() < 0.1) words.push('Zoë — café');
  const second = String(n % 60).padStart(2, '0');
  return `${[
    `2-${(n >> 3).toString(36)}`,
    random() < 0.1 ? 'Sponsored Conversation' : '',
    'Jane Doe',
    'https://www.linkedin.com/in/jane-doe-1a2b3c',
    'Bob Roe, Ph.D.',
    'https://www.linkedin.com/in/bob-roe',
    `2025-0${1 + (n % 9)}-1${n % 10} 1${n % 10}:2${n % 10}:${second} UTC`,
    '',
    words.join(' '),
    'INBOX',
    '',
  ]
    .map(quote)
    .join(',')}\n`;
}

function generate(): { chunks: string[]; bytes: number; rows: number } {
  const chunks: string[] = [];
  let pending = HEADER;
  let bytes = 0;
  let rows = 0;
  while (bytes < targetBytes) {
    pending += messageRow(rows++);
    if (pending.length >= CHUNK_BYTES) {
      // Cut at an arbitrary point, as a stream would.
      chunks.push(pending.slice(0, CHUNK_BYTES));
      bytes += Buffer.byteLength(chunks[chunks.length - 1] as string);
      pending = pending.slice(CHUNK_BYTES);
    }
  }
  chunks.push(pending);
  bytes += Buffer.byteLength(pending);
  return { chunks, bytes, rows };
}

const maskingTokenizer = (onRow: () => void): CsvTokenizer => {
  let header = true;
  const tokenizer: CsvTokenizer = new CsvTokenizer(
    (fields) => {
      if (header) {
        header = false;
        tokenizer.keepOnly(fields.map((_, i) => i !== CONTENT_COLUMN));
        return;
      }
      onRow();
    },
    (line, reason) => {
      throw new Error(`line ${line}: ${reason}`);
    },
  );
  return tokenizer;
};

const { chunks, bytes, rows } = generate();
console.log(`generated ${(bytes / 1e6).toFixed(1)} MB, ${rows} rows, ${chunks.length} chunks`);

for (let run = 1; run <= 3; run++) {
  let seen = 0;
  const tokenizer = maskingTokenizer(() => seen++);
  const started = performance.now();
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.end();
  const seconds = (performance.now() - started) / 1000;
  if (seen !== rows) throw new Error(`expected ${rows} rows, got ${seen}`);
  console.log(`tokenizer alone, run ${run}: ${(bytes / 1e6 / seconds).toFixed(0)} MB/s`);
}

const buffers = chunks.map((chunk) => Buffer.from(chunk, 'utf8'));
{
  let seen = 0;
  const started = performance.now();
  await tokenizeStream(
    Readable.from(buffers),
    maskingTokenizer(() => seen++),
  );
  const seconds = (performance.now() - started) / 1000;
  if (seen !== rows) throw new Error(`expected ${rows} rows, got ${seen}`);
  console.log(`bytes → TextDecoder → tokenizer: ${(bytes / 1e6 / seconds).toFixed(0)} MB/s`);
}
