import type { EventKind } from './kinds';
import type { ProducedAtSource } from './merge';

export type IngestStatus = 'SUCCEEDED' | 'PARTIAL' | 'FAILED';

/** One rejected row: where and why, never the row's text. */
export interface RejectedSample {
  file: string;
  line: number;
  reason: string;
}

export interface FileReport {
  /** Path inside the archive. */
  path: string;
  /** Recognised file type (e.g. `Comments`), absent for ignored files. */
  type?: string;
  rows: number;
  rejected: number;
  /** Rows that parsed but carry no date (counted, not bucketed into a day). */
  undated: number;
  samples: RejectedSample[];
  /** Why the whole file could not be read (e.g. its header lacks a required column). */
  error?: string;
  /** Set when the file's name and its header name different kinds: the header's kind was read. */
  note?: string;
}

/** The ingest manifest: one per upload, stored next to the member's data and returned by the API. */
export interface IngestManifest {
  memberId: string;
  objectKey: string;
  status: IngestStatus;
  /** Human-readable reason for FAILED (and a summary for PARTIAL). */
  reason?: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Content fingerprint of the archive; identical uploads share it. */
  fingerprint?: string;
  /** When LinkedIn produced the export, ISO: see `producedAtSource`. */
  exportedAt?: string;
  /** Where `exportedAt` comes from: the archive entries' times, the latest activity (a lower bound), or the upload time. */
  producedAtSource?: ProducedAtSource;
  /** True when the same content was already ingested for this member and nothing was rewritten. */
  duplicateOf?: string;
  filesRecognised: FileReport[];
  filesIgnored: { path: string; reason: string }[];
  rowsPerKind: Partial<Record<EventKind, number>>;
  undatedRows: number;
  rejectedRows: number;
  /** First and last day each kind's data covers in this export (the window it replaces). */
  coverage: Partial<Record<EventKind, { from: string; to: string }>>;
  daysWritten: number;
  /** First day whose estimate this ingest can change (estimates are recomputed from there); absent when none. */
  estimatesFrom?: string;
  writeRequests: number;
  /**
   * The scoring stage after an export's merge (estimates, then findings): PENDING when the manifest is
   * written after the merge, DONE once they are stored. Absent when the upload had nothing to score (a
   * FAILED ingest, a readings upload, an export that changed nothing that was already scored).
   */
  scoring?: ScoringStage;
}

export interface ScoringStage {
  status: 'PENDING' | 'DONE' | 'FAILED';
  /** Estimates written (DONE only). */
  estimates?: number;
  /** Findings raised for the first time (DONE only). */
  newFindings?: number;
  finishedAt?: string;
}

/** Where a manifest sits among the member's manifests: its sort key without the prefix. */
export const manifestPosition = (manifest: Pick<IngestManifest, 'startedAt' | 'objectKey'>): string =>
  `${manifest.startedAt}#${manifest.objectKey}`;

/** A FAILED manifest with nothing counted yet: what every ingest and readings upload starts from. */
export const emptyManifest = (
  request: Pick<IngestManifest, 'memberId' | 'objectKey'>,
  started: Date,
): IngestManifest => ({
  memberId: request.memberId,
  objectKey: request.objectKey,
  status: 'FAILED',
  startedAt: started.toISOString(),
  finishedAt: started.toISOString(),
  durationMs: 0,
  filesRecognised: [],
  filesIgnored: [],
  rowsPerKind: {},
  undatedRows: 0,
  rejectedRows: 0,
  coverage: {},
  daysWritten: 0,
  writeRequests: 0,
});
