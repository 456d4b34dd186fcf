import type { EventKind } from '../domain/kinds';
import type { CsvTokenizerOptions } from './csv';
import type { FileContext } from './file-context';

/*
 * The shape every CSV file type shares, apart from the registry of types (file-types.ts), so that the
 * modules defining types (messages.ts, profile-files.ts) and the registry do not import each other.
 */

/** Header columns by normalised name (trimmed, lower-case) → index. */
export class Columns {
  private readonly index = new Map<string, number>();
  constructor(readonly header: readonly string[]) {
    header.forEach((name, i) => {
      const key = normaliseColumn(name);
      if (!this.index.has(key)) this.index.set(key, i); // Ad_Targeting repeats names: keep the first
    });
  }
  has(name: string): boolean {
    return this.index.has(normaliseColumn(name));
  }
  /** Index of a column, or -1 when absent (its value then reads as ''). */
  of(name: string): number {
    return this.index.get(normaliseColumn(name)) ?? -1;
  }
}

export const normaliseColumn = (name: string): string =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

export interface RowParser {
  row(fields: readonly string[], line: number): void;
  /** Called once after the last row (messages needs it to resolve replies). */
  finish?(): void;
  /** A parser for another read of the same file, when the first could not settle everything. */
  secondPass?(): RowParser | undefined;
}

/**
 * One kind of file in the export: how to recognise it (name and header), which kinds it feeds, and its row
 * parser. Every file type has exactly one parser.
 */
export interface CsvFileType {
  type: string;
  /** Base names, normalised by `normaliseFileName`. */
  names: readonly string[];
  /** Columns the header must contain (normalised names). Also used to recognise renamed files. */
  required: readonly string[];
  /** Columns the parser reads; all others are skipped without being copied (free text stays out of memory). */
  reads: readonly string[];
  kinds: readonly EventKind[];
  csv?: CsvTokenizerOptions;
  /** Lines to scan for the header (Connections has a `Notes:` preamble). */
  headerSearchLines?: number;
  /** Read before other files: the owner's identity comes from these. */
  early?: boolean;
  /** Recognised by file name only: its header is too generic (`Name`) to identify a renamed file. */
  byNameOnly?: boolean;
  parser(columns: Columns, ctx: FileContext): RowParser;
}

/** A field by column index; an absent column (-1) or a short row reads as ''. */
export const at = (fields: readonly string[], index: number): string =>
  index < 0 ? '' : (fields[index] ?? '');
