import type { ReadingDraft } from './normalise';

/**
 * What every readings shape reads from and gives back. A shape says from the content (not the file name)
 * whether a document is its own, and turns it into drafts; `parse.ts` checks, dedups and assigns members.
 */

/** A readings file before any shape looked at it: parsed JSON, or a CSV table with its separator found. */
export type ReadingsDocument =
  | { kind: 'json'; value: unknown }
  | {
      kind: 'table';
      header: string[];
      rows: { fields: string[]; line: number }[];
      /** Records the tokenizer could not read (an over-long record), by line. */
      broken: { line: number; reason: string }[];
    };

export type TableDocument = Extract<ReadingsDocument, { kind: 'table' }>;

export type Draft = { draft: ReadingDraft } | { reason: string };

/** Where a reading came from: a CSV line (the first one, for a reading spread over many) or a JSON item. */
export interface Where {
  line?: number;
  item?: number;
}

export interface ShapeEntry {
  shape: ShapeId;
  where: Where;
  /** The member a team file's row names; undefined when the file is one member's. */
  member?: string;
  result: Draft;
  /** No shape knew the item or file: the rejection then lists what was expected. */
  unknownShape?: boolean;
}

export interface ShapeContext {
  /** When pillarwatch received the readings (ISO). */
  receivedAt: string;
  /** Overrides the observation time of a single JSON reading. */
  observedAt?: string;
  /** The observation time of a reading that states none (a file's modification time, or receivedAt). */
  assumedObservedAt: string;
}

export interface ReadingShape {
  /** Reported with the results (`shape`), e.g. `long-csv`. */
  id: ShapeId;
  /** What a file of this shape looks like, for "expected one of …" when no shape matches. */
  expects: string;
  accepts(document: ReadingsDocument): boolean;
  read(document: ReadingsDocument, context: ShapeContext): ShapeEntry[];
}

export type ShapeId =
  | 'ssi-page-json'
  | 'typed-json'
  | 'extension-history'
  | 'long-csv'
  | 'team-csv'
  | 'wide-csv';
