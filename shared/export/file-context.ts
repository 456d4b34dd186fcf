import type { ActivityAggregator } from '../domain/aggregate';
import type { Day, EventKind, SignalName } from '../domain/kinds';
import type { FileReport } from '../domain/manifest';
import type { ProfileSnapshot } from '../domain/profile';
import { LINKEDIN_EPOCH_MS, utcDay } from './dates';

/** At most this many rejected-row samples per file go into the manifest. */
export const MAX_SAMPLES_PER_FILE = 20;

/** Rows may be dated up to this long after the export was produced (zone slips in LinkedIn's own stamps). */
const ROW_TOLERANCE_MS = 36 * 3600_000;

/**
 * The plausible span of row instants, shared by every file of one export, and the latest instant accepted:
 * without entry times, that instant is the best evidence of when the export was produced.
 */
export class RowDates {
  /** Rows later than this are rejected. */
  readonly latestMs: number;
  latestSeenMs: number | undefined;

  /** `producedAtMs`: the export's production time, never later than its upload. */
  constructor(producedAtMs: number) {
    this.latestMs = producedAtMs + ROW_TOLERANCE_MS;
  }

  isPlausible(ms: number): boolean {
    return ms >= LINKEDIN_EPOCH_MS && ms <= this.latestMs;
  }
}

/** Who owns the export: needed to tell sent messages from received ones and co-workers from others. */
export interface OwnerIdentity {
  /** Normalised profile key (`in/<slug>`), when known. */
  profileKey?: string;
  fullName?: string;
  /** Current employer from Positions.csv, lower-cased. */
  company?: string;
}

/**
 * What a row parser may do: count an event on a day, add to a signal, mark a row undated or rejected.
 * Owns the plausibility rule for dates so every parser applies the same one.
 */
export class FileContext {
  readonly report: FileReport;

  constructor(
    path: string,
    type: string,
    private readonly aggregator: ActivityAggregator,
    readonly owner: OwnerIdentity,
    readonly profile: ProfileSnapshot,
    private readonly dates: RowDates,
  ) {
    this.report = { path, type, rows: 0, rejected: 0, undated: 0, samples: [] };
  }

  /** Turns a parsed instant into its UTC day, rejecting the row when the instant is missing or implausible. */
  dayOf(ms: number | undefined, line: number, rawDateLength: number): Day | undefined {
    if (ms === undefined) {
      this.reject(line, rawDateLength === 0 ? 'missing date' : 'unreadable date');
      return undefined;
    }
    if (ms < LINKEDIN_EPOCH_MS) {
      this.reject(line, 'date before LinkedIn existed (2003-05-05)');
      return undefined;
    }
    if (ms > this.dates.latestMs) {
      this.reject(line, 'date after the export was produced');
      return undefined;
    }
    const dates = this.dates;
    if (dates.latestSeenMs === undefined || ms > dates.latestSeenMs) dates.latestSeenMs = ms;
    return utcDay(ms);
  }

  /** The day of a plausible instant, without reporting anything (for a second pass over rows already judged). */
  plausibleDay(ms: number | undefined): Day | undefined {
    return ms === undefined || !this.dates.isPlausible(ms) ? undefined : utcDay(ms);
  }

  /** For date-only values (Connections): the calendar day as stated, same plausibility rule. */
  checkDay(day: Day | undefined, line: number, rawDateLength: number): Day | undefined {
    if (day === undefined) return this.dayOf(undefined, line, rawDateLength);
    const ms = Date.parse(`${day}T00:00:00Z`);
    return this.dayOf(ms, line, rawDateLength) === undefined ? undefined : day;
  }

  count(kind: EventKind, day: Day, n = 1): void {
    this.aggregator.count(kind, day, n);
  }

  signal(name: SignalName, day: Day, n = 1): void {
    this.aggregator.signal(name, day, n);
  }

  undated(kind: EventKind): void {
    this.report.undated += 1;
    this.aggregator.undated(kind);
  }

  reject(line: number, reason: string): void {
    this.report.rejected += 1;
    if (this.report.samples.length < MAX_SAMPLES_PER_FILE) {
      this.report.samples.push({ file: this.report.path, line, reason });
    }
  }
}
