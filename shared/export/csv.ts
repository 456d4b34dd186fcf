/**
 * Streaming CSV tokenizer for LinkedIn export files.
 *
 * Hand-written on purpose: the ingest must parse a ≈180 MB export (≈90 % of it `messages.csv`) at ≥ 60 MB/s end
 * to end on a 2-core machine, and merely counting rows with csv-parse measured ≈10 MB/s here. LinkedIn's quirky
 * dialects also break standard parsers: Comments escapes quotes as `\"` and a 2024 export left multi-line
 * comments unquoted (docs/export-format.md, "Quoting dialects and quirks"). The scanner is a true incremental
 * state machine: chunks may split anywhere, quoted text is skipped with `indexOf` and copied with `slice`, and
 * fields the caller does not read (message bodies) are scanned but never copied.
 *
 * Dialect: RFC 4180 plus record separators `\n`, `\r\n` and a lone `\r`; `""` inside quotes is one quote; empty
 * lines are skipped; fields are not trimmed; a quote inside an unquoted field is literal, and text after a closing
 * quote is kept literally (`"a"b` reads `ab`) rather than failing the row.
 */

export interface CsvTokenizerOptions {
  /** Accept `\"` as an escaped quote inside quoted fields (the Comments dialect). Default false. `""` is always accepted. */
  backslashEscapes?: boolean;
  /**
   * For files whose multi-line cells are sometimes left unquoted (Comments, 2024): when a physical line does not
   * satisfy this predicate, it continues the previous record's LAST field (joined with '\n') instead of starting a
   * record. Called with a prefix of the new line (up to 64 chars, fewer when the line is shorter). The first
   * record (the header) is never continued, and blank lines inside a continued cell are kept only when more
   * continuation text follows them. Default: every line starts a record.
   */
  isRecordStart?: (linePrefix: string) => boolean;
  /**
   * Maximum characters in one record; a longer record is reported through onError and skipped (resync at the next
   * record boundary). Protects memory against a 50 MB single line. Default 1_000_000.
   */
  maxRecordChars?: number;
  /** The field separator, one character: `,` (default), or `;` / tab as spreadsheets in some locales save. */
  separator?: string;
}

/** line = 1-based physical line where the record starts. */
export type RecordSink = (fields: string[], line: number) => void;
/** reason: short, human readable, never row text. */
export type ErrorSink = (line: number, reason: string) => void;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const BOM = 0xfeff;

// Scanner states. Plain numbers: a const enum would not survive isolated-module builds.
/** At the start of a field, or of a record when no record is open. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: the closing quote, or the first half of `""`. */
const QUOTE_SEEN = 3;
/** A backslash inside a quoted field (backslash dialect only). */
const ESCAPE_SEEN = 4;
/** A lone `\r` ended a line: swallow the `\n` of a `\r\n`. */
const AFTER_CR = 5;
/** isRecordStart mode: deciding whether the new line starts a record or continues the held one. */
const LINE_START = 6;
/** isRecordStart mode: copying a continuation line into the held record's last field. */
const CONTINUATION = 7;

/** How much of a line the isRecordStart predicate sees. */
const PEEK_CHARS = 64;
const DEFAULT_MAX_RECORD_CHARS = 1_000_000;

export class CsvTokenizer {
  private readonly backslashEscapes: boolean;
  private readonly isRecordStart: ((linePrefix: string) => boolean) | undefined;
  private readonly maxRecordChars: number;
  private readonly separator: number;
  /** The state after a line terminator. */
  private readonly lineState: number;
  private mask: readonly boolean[] | null = null;

  private state = FIELD_START;
  /** Physical line at the scan position. */
  private line = 1;
  private fields: string[] = [];
  /** Materialised text of the current field from earlier chunks or escape-separated segments. */
  private field = '';
  /** Whether the current field is materialised. */
  private keep = true;
  private inRecord = false;
  private recordLine = 1;
  /** Characters of the open record that lie in earlier chunks. */
  private recordChars = 0;
  /** The open record outgrew maxRecordChars (already reported): scan it, keep nothing. */
  private dropping = false;
  private recordsEnded = 0;
  private started = false;
  private ended = false;
  /** Unscanned start of a line that the isRecordStart predicate needs more of. */
  private carry = '';

  // isRecordStart mode: a finished record is held until the next line shows it is not continued.
  private held: string[] | null = null;
  private heldLine = 0;
  private heldChars = 0;
  private heldKeepsLast = false;
  /** Blank lines seen after the held record; they join its last field only if continuation text follows. */
  private heldBlanks = 0;
  /** Continuation lines after this point belong to a record that was skipped. */
  private heldDropped = false;

  constructor(
    private readonly onRecord: RecordSink,
    private readonly onError: ErrorSink,
    options: CsvTokenizerOptions = {},
  ) {
    this.backslashEscapes = options.backslashEscapes ?? false;
    this.isRecordStart = options.isRecordStart;
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
    this.separator = (options.separator ?? ',').charCodeAt(0);
    this.lineState = this.isRecordStart ? LINE_START : FIELD_START;
  }

  /**
   * After the header: only fields whose index is true are materialised; the others are scanned but delivered as ''.
   * This keeps free text such as message bodies from ever being copied. null = keep all.
   */
  keepOnly(mask: readonly boolean[] | null): void {
    this.mask = mask;
  }

  /** Any split point is fine, including inside a quoted field or between `\r` and `\n`. */
  push(chunk: string): void {
    if (this.ended) throw new Error('CsvTokenizer.push called after end()');
    if (!this.started) {
      if (chunk.length === 0) return;
      this.started = true;
      if (chunk.charCodeAt(0) === BOM) chunk = chunk.slice(1);
    }
    if (this.carry.length > 0) {
      chunk = this.carry + chunk;
      this.carry = '';
    }
    if (chunk.length > 0) this.scan(chunk);
  }

  /** Flushes the final record (files often have no final newline); an unterminated quote is reported and dropped. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.carry.length > 0) {
      const rest = this.carry;
      this.carry = '';
      this.scan(rest);
    }
    switch (this.state) {
      case QUOTED:
      case ESCAPE_SEEN:
        if (!this.dropping)
          this.onError(this.recordLine, 'unterminated quoted field at end of file; record skipped');
        this.dropping = false;
        this.inRecord = false;
        this.fields = [];
        break;
      case FIELD_START:
        // A record that ends with a comma at end of file has a last, empty field.
        if (this.inRecord) {
          this.fields.push('');
          this.completeRecord(this.recordChars);
        }
        break;
      case UNQUOTED:
      case QUOTE_SEEN:
        this.fields.push(this.keep ? this.field : '');
        this.completeRecord(this.recordChars);
        break;
    }
    this.field = '';
    this.releaseHeld();
  }

  private scan(s: string): void {
    const n = s.length;
    const backslashEscapes = this.backslashEscapes;
    let i = 0;
    let state = this.state;
    let line = this.line;
    let field = this.field;
    let keep = this.keep;
    let fields = this.fields;
    // Start of the part of the current field (or continuation line) not yet materialised.
    let segStart = 0;
    // Where the open record starts in this chunk (0 when it started in an earlier one).
    let recStart = 0;
    // Next occurrence at or after the scan position, cached so every character is searched at most once per kind;
    // n = none in this chunk, -1 = not searched yet.
    let nextQuote = -1;
    let nextBackslash = -1;
    let nextLF = -1;
    // A local: the scan loop compares every character with it.
    const separator = this.separator;

    while (i < n) {
      switch (state) {
        case FIELD_START: {
          const c = s.charCodeAt(i);
          if (!this.inRecord) {
            if (c === LF || c === CR) {
              line++; // an empty line: skipped
              i++;
              if (c === CR) state = AFTER_CR;
              break;
            }
            this.inRecord = true;
            this.recordLine = line;
            this.recordChars = 0;
            recStart = i;
          }
          const mask = this.mask;
          keep = !this.dropping && (mask === null || mask[fields.length] === true);
          field = '';
          if (c === QUOTE) {
            state = QUOTED;
            i++;
            segStart = i;
          } else if (c === separator) {
            fields.push('');
            i++;
          } else if (c === LF || c === CR) {
            fields.push('');
            line++;
            this.completeRecord(this.recordChars + (i - recStart));
            fields = this.fields;
            i++;
            state = c === CR ? AFTER_CR : this.lineState;
          } else {
            state = UNQUOTED;
            segStart = i;
          }
          break;
        }

        case UNQUOTED: {
          // Unquoted fields are short (dates, URLs, types): a plain loop beats three indexOf calls.
          let j = i;
          let c = 0;
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === separator || c === LF || c === CR) break;
            j++;
          }
          if (j === n) {
            i = n;
            break;
          }
          fields.push(keep ? field + s.slice(segStart, j) : '');
          field = '';
          i = j + 1;
          if (c === separator) {
            state = FIELD_START;
          } else {
            line++;
            this.completeRecord(this.recordChars + (j - recStart));
            fields = this.fields;
            state = c === CR ? AFTER_CR : this.lineState;
          }
          break;
        }

        case QUOTED: {
          if (nextQuote < i) {
            nextQuote = s.indexOf('"', i);
            if (nextQuote === -1) nextQuote = n;
          }
          let stop = nextQuote;
          if (backslashEscapes) {
            if (nextBackslash < i) {
              nextBackslash = s.indexOf('\\', i);
              if (nextBackslash === -1) nextBackslash = n;
            }
            if (nextBackslash < stop) stop = nextBackslash;
          }
          // Count the line breaks the quoted text spans (a lone CR inside quotes is not counted as a line).
          if (nextLF < i) {
            nextLF = s.indexOf('\n', i);
            if (nextLF === -1) nextLF = n;
          }
          while (nextLF < stop) {
            line++;
            nextLF = s.indexOf('\n', nextLF + 1);
            if (nextLF === -1) nextLF = n;
          }
          if (stop === n) {
            i = n;
            break;
          }
          if (keep) field += s.slice(segStart, stop);
          i = stop + 1;
          state = s.charCodeAt(stop) === QUOTE ? QUOTE_SEEN : ESCAPE_SEEN;
          break;
        }

        case QUOTE_SEEN: {
          const c = s.charCodeAt(i);
          if (c === QUOTE) {
            if (keep) field += '"';
            i++;
            segStart = i;
            state = QUOTED;
          } else if (c === separator) {
            fields.push(field);
            field = '';
            i++;
            state = FIELD_START;
          } else if (c === LF || c === CR) {
            fields.push(field);
            field = '';
            line++;
            this.completeRecord(this.recordChars + (i - recStart));
            fields = this.fields;
            i++;
            state = c === CR ? AFTER_CR : this.lineState;
          } else {
            // Text after the closing quote: keep it literally instead of failing the whole row.
            segStart = i;
            state = UNQUOTED;
          }
          break;
        }

        case ESCAPE_SEEN: {
          const c = s.charCodeAt(i);
          if (c === QUOTE || c === BACKSLASH) {
            if (keep) field += c === QUOTE ? '"' : '\\';
            i++;
          } else if (keep) {
            field += '\\'; // not an escape: the backslash is literal
          }
          segStart = i;
          state = QUOTED;
          break;
        }

        case AFTER_CR:
          if (s.charCodeAt(i) === LF) i++;
          state = this.lineState;
          break;

        case LINE_START: {
          if (this.held === null && !this.heldDropped) {
            state = FIELD_START;
            break;
          }
          const limit = Math.min(n, i + PEEK_CHARS);
          let j = i;
          while (j < limit) {
            const c = s.charCodeAt(j);
            if (c === LF || c === CR) break;
            j++;
          }
          if (j === n && n - i < PEEK_CHARS && !this.ended) {
            // Too little of the line to decide: wait for the next chunk.
            this.carry = s.slice(i);
            i = n;
            break;
          }
          if (j === i) {
            this.heldBlanks++;
            line++;
            state = s.charCodeAt(i) === CR ? AFTER_CR : LINE_START;
            i++;
            break;
          }
          if ((this.isRecordStart as (linePrefix: string) => boolean)(s.slice(i, j))) {
            this.releaseHeld();
            state = FIELD_START;
          } else {
            this.appendToHeld('\n'.repeat(this.heldBlanks + 1));
            this.heldBlanks = 0;
            segStart = i;
            state = CONTINUATION;
          }
          break;
        }

        case CONTINUATION: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === LF || c === CR) break;
            j++;
          }
          this.appendToHeld(s, segStart, j);
          if (j === n) {
            i = n;
            break;
          }
          line++;
          i = j + 1;
          state = c === CR ? AFTER_CR : LINE_START;
          break;
        }
      }
    }

    if (keep && (state === UNQUOTED || state === QUOTED)) field += s.slice(segStart, n);
    this.state = state;
    this.line = line;
    this.field = field;
    this.keep = keep;
    if (this.inRecord) {
      this.recordChars += n - recStart;
      if (!this.dropping && this.recordChars > this.maxRecordChars) {
        this.reportTooLong(this.recordLine);
        this.dropping = true;
        this.keep = false;
        this.field = '';
        this.fields.length = 0;
      }
    }
  }

  /** A record's last field is complete: deliver it, hold it (isRecordStart mode), or drop it. */
  private completeRecord(chars: number): void {
    const fields = this.fields;
    this.fields = [];
    this.inRecord = false;
    this.recordChars = 0;
    if (!this.dropping && chars > this.maxRecordChars) {
      this.reportTooLong(this.recordLine);
      this.dropping = true;
    }
    const dropped = this.dropping;
    this.dropping = false;
    this.recordsEnded++;
    if (this.isRecordStart && this.recordsEnded > 1) {
      // Only the next line can tell whether this record is complete.
      this.releaseHeld();
      if (dropped) {
        this.heldDropped = true;
        return;
      }
      const mask = this.mask;
      this.held = fields;
      this.heldLine = this.recordLine;
      this.heldChars = chars;
      this.heldKeepsLast = mask === null || mask[fields.length - 1] === true;
      return;
    }
    if (!dropped) this.onRecord(fields, this.recordLine);
  }

  /** Appends continuation text (a separator, or s[from, to)) to the held record's last field. */
  private appendToHeld(s: string, from = 0, to = s.length): void {
    const held = this.held;
    if (held === null) return; // the record it continues was skipped
    this.heldChars += to - from;
    if (this.heldChars > this.maxRecordChars) {
      this.reportTooLong(this.heldLine);
      this.held = null;
      this.heldDropped = true;
      return;
    }
    if (this.heldKeepsLast && to > from) {
      const last = held.length - 1;
      held[last] += from === 0 && to === s.length ? s : s.slice(from, to);
    }
  }

  private releaseHeld(): void {
    const held = this.held;
    this.held = null;
    this.heldDropped = false;
    this.heldBlanks = 0;
    if (held !== null) this.onRecord(held, this.heldLine);
  }

  private reportTooLong(line: number): void {
    this.onError(line, `record longer than ${this.maxRecordChars} characters; skipped`);
  }
}

/**
 * Bytes → text for export files, chunk by chunk: UTF-8 (with or without a BOM), or UTF-16 when a byte-order
 * mark says so (a file re-saved by Excel or Notepad as "Unicode"). Invalid bytes become U+FFFD. The byte-order
 * mark is not part of the text.
 */
export class ExportTextDecoder {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  /** UTF-16 BE is decoded as LE with each byte pair swapped (the platform's LE decoder is always available). */
  private bigEndian = false;
  /** Bytes held back: the first byte while the BOM is undecided, or an odd trailing byte of UTF-16 BE. */
  private pending: Uint8Array | undefined;

  /** `final` flushes: pass it with the last chunk (or an empty one) so an incomplete sequence is reported. */
  decode(chunk: Uint8Array, final = false): string {
    let bytes = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    if (!this.decoder) {
      if (bytes.length < 2 && !final) {
        this.pending = bytes;
        return '';
      }
      this.bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
      const utf16 = this.bigEndian || (bytes[0] === 0xff && bytes[1] === 0xfe);
      // The decoders drop a leading BOM themselves (ignoreBOM is false).
      this.decoder = new TextDecoder(utf16 ? 'utf-16le' : 'utf-8', { fatal: false });
    }
    if (this.bigEndian) {
      if (bytes.length % 2 === 1 && !final) {
        this.pending = bytes.subarray(bytes.length - 1);
        bytes = bytes.subarray(0, bytes.length - 1);
      }
      const even = bytes.length - (bytes.length % 2);
      // A copy: the caller's buffer is not ours to reorder.
      const swapped = Buffer.from(bytes);
      swapped.subarray(0, even).swap16();
      bytes = swapped;
    }
    return this.decoder.decode(bytes, { stream: !final });
  }
}

/**
 * Streams bytes (a Node Readable of Buffers, e.g. a ZIP entry) through an ExportTextDecoder into a tokenizer,
 * then ends it. Rejects on a stream error.
 */
export async function tokenizeStream(
  stream: NodeJS.ReadableStream | import('node:stream').Readable,
  tokenizer: CsvTokenizer,
): Promise<void> {
  const decoder = new ExportTextDecoder();
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    tokenizer.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk));
  }
  tokenizer.push(decoder.decode(new Uint8Array(0), true));
  tokenizer.end();
}
