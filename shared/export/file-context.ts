import type { ActivityAggregator } from '../domain/aggregate';
import type { Day, EventKind, SignalName } from '../domain/kinds';
import type { FileReport } from '../domain/manifest';
import type { ProfileSnapshot } from '../domain/profile';
import { LINKEDIN_EPOCH_MS, utcDay } from './dates';

/** At most this many rejected-row samples per file go into the manifest. */
export const MAX_SAMPLES_PER_FILE = 20;

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
  private readonly latestMs: number;

  constructor(
    path: string,
    type: string,
    private readonly aggregator: ActivityAggregator,
    readonly owner: OwnerIdentity,
    readonly profile: ProfileSnapshot,
    /** When the export was produced; events later than a day after it are implausible. */
    producedAtMs: number,
  ) {
    this.report = { path, type, rows: 0, rejected: 0, undated: 0, samples: [] };
    this.latestMs = producedAtMs + 36 * 3600_000;
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
    if (ms > this.latestMs) {
      this.reject(line, 'date after the export was produced');
      return undefined;
    }
    return utcDay(ms);
  }

  /** The day of a plausible instant, without reporting anything (for a second pass over rows already judged). */
  plausibleDay(ms: number | undefined): Day | undefined {
    return ms === undefined || ms < LINKEDIN_EPOCH_MS || ms > this.latestMs ? undefined : utcDay(ms);
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
