import type { EventKind } from './kinds';
import type { ProducedAtSource } from './merge';

export type IngestStatus = 'SUCCEEDED' | 'PARTIAL' | 'FAILED';

/**
 * A stable, machine-readable name for a manifest's outcome, next to the English `reason` (whose wording
 * stays as it is for programs that already read it). docs/ingest.md lists each with what to do.
 */
export const MANIFEST_CODES = [
  /** An export was read and merged (or nothing in it was new). */
  'EXPORT_INGESTED',
  /** Some files or rows of an export could not be read; the rest was merged. */
  'EXPORT_PARTIAL',
  /** The export could not be read at all (corrupt ZIP, no LinkedIn files, limits exceeded, …). */
  'EXPORT_UNREADABLE',
  /** The same content was already ingested for this member. */
  'EXPORT_DUPLICATE',
  /** An object under `exports/<memberId>/` whose name does not end in `.zip` (any case). */
  'NOT_A_ZIP',
  'READINGS_STORED',
  'READINGS_PARTIAL',
  /** No reading in the file could be read. */
  'READINGS_UNREADABLE',
  /** A readings file above the size cap. */
  'READINGS_TOO_LARGE',
  /** The object was deleted or replaced before the ingest read it. */
  'OBJECT_GONE',
  /** The full manifest passed the database's item-size limit; a minimal one was stored instead. */
  'MANIFEST_TOO_LARGE',
] as const;
export type ManifestCode = (typeof MANIFEST_CODES)[number];

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
  /** The outcome's stable name (see MANIFEST_CODES); absent on manifests stored before codes existed. */
  code?: ManifestCode;
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
  /**
   * Set (to the erasure's time) on a manifest that was not stored because the member was erased after the
   * upload arrived: the work was dropped so that the erasure stays final.
   */
  droppedByErasure?: string;
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

/** The longest text a manifest repeats from its input or from an error (reasons, samples, file names). */
export const MAX_MANIFEST_TEXT_CHARS = 200;

/**
 * `text` cut to its first `max` characters followed by an ellipsis, never splitting a surrogate pair: what
 * keeps a 300,000-character cell quoted in a reason from carrying the manifest past the database's item limit.
 */
export const capText = (text: string, max = MAX_MANIFEST_TEXT_CHARS): string => {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}…`;
};

/** Every free-text field of a manifest capped with `capText`; applied once, where a manifest is recorded. */
export const capManifest = (manifest: IngestManifest): IngestManifest => ({
  ...manifest,
  objectKey: capText(manifest.objectKey, MAX_OBJECT_KEY_CHARS),
  ...(manifest.reason === undefined ? {} : { reason: capText(manifest.reason) }),
  filesRecognised: manifest.filesRecognised.map((file) => ({
    ...file,
    path: capText(file.path),
    samples: file.samples.map((sample) => ({
      ...sample,
      file: capText(sample.file),
      reason: capText(sample.reason),
    })),
    ...(file.error === undefined ? {} : { error: capText(file.error) }),
    ...(file.note === undefined ? {} : { note: capText(file.note) }),
  })),
  filesIgnored: manifest.filesIgnored.map((file) => ({
    path: capText(file.path),
    reason: capText(file.reason),
  })),
});

/**
 * S3 keys are at most 1,024 bytes, so the object key fits a manifest as it is and stays exact: it is part of
 * the manifest's identity in the table. The cap only guards against input that is not an S3 key.
 */
const MAX_OBJECT_KEY_CHARS = 1024;

/**
 * What is stored instead of a manifest the database refused as too large: the outcome and counts without
 * the per-file lists, which are what grows.
 */
export const minimalManifest = (manifest: IngestManifest): IngestManifest => ({
  ...emptyManifest(manifest, new Date(manifest.startedAt)),
  status: 'FAILED',
  code: 'MANIFEST_TOO_LARGE',
  reason: `the manifest was too large to store (outcome: ${manifest.status}${
    manifest.code ? `, ${manifest.code}` : ''
  }); the details are left out`,
  finishedAt: manifest.finishedAt,
  durationMs: manifest.durationMs,
  rowsPerKind: manifest.rowsPerKind,
  undatedRows: manifest.undatedRows,
  rejectedRows: manifest.rejectedRows,
  daysWritten: manifest.daysWritten,
  writeRequests: manifest.writeRequests + 1,
});
