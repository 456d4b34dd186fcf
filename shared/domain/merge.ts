import { daysBetween } from './days';
import { type Day, type DayActivity, EVENT_KINDS, type EventKind, SIGNAL_NAMES, signalKind } from './kinds';

export interface DayRange {
  from: Day;
  to: Day;
}

/**
 * Where an export's production time comes from: its archive entries' times (LinkedIn writes them); else the
 * latest activity in its files, a lower bound (an export holds nothing later than when it was made); else,
 * with neither, the upload time, a guess that says nothing about how new the export is.
 */
export type ProducedAtSource = 'entries' | 'activity' | 'upload';

/** An export that has been applied to a member's days: its identity and the ranges it describes per kind. */
export interface AppliedExport {
  fingerprint: string;
  exportedAt: string;
  /** Absent on exports applied before it was recorded: their time came from the entries, or was a guess. */
  producedAtSource?: ProducedAtSource;
  windows: Partial<Record<EventKind, DayRange[]>>;
}

/** Which exports a member's stored days come from. Stored once per member; small (a few ranges per export). */
export interface Coverage {
  exports: AppliedExport[];
  /**
   * Scoring an ingest still owes: written in the same item as the merge's result, so a crash after the merge
   * leaves a marker that any later delivery (or the local stack's start-up) finishes; cleared once the
   * estimates and findings are stored. Erasing the member removes it with the coverage.
   */
  pendingScoring?: PendingScoring;
}

export interface PendingScoring {
  /** First day whose estimate is owed (the earliest of every merge that added to it). */
  from: Day;
  /** Positions (`startedAt#objectKey`) of the manifests whose `scoring` waits for it. */
  manifests: string[];
}

export interface MergePlan {
  /** Day items to write (new or changed). */
  puts: DayActivity[];
  /** Days whose item must go: nothing remains on them. */
  deletes: Day[];
  coverage: Coverage;
}

/** A guessed (upload) production time ranks below any time the files attest, whatever the clock says. */
const attested = (e: AppliedExport): boolean => e.producedAtSource !== 'upload';

/**
 * Later exports win; a guessed production time loses to an attested one; on the same production time the
 * fingerprint breaks the tie, so order never matters.
 */
const newer = (a: AppliedExport, b: AppliedExport): boolean =>
  attested(a) !== attested(b)
    ? attested(a)
    : a.exportedAt !== b.exportedAt
      ? a.exportedAt > b.exportedAt
      : a.fingerprint > b.fingerprint;

const covers = (ranges: DayRange[] | undefined, day: Day): boolean =>
  ranges?.some((range) => range.from <= day && day <= range.to) ?? false;

/** The export that provides `kind` on `day`: the newest one whose window covers it. */
const providerOf = (exports: AppliedExport[], kind: EventKind, day: Day): AppliedExport | undefined => {
  let best: AppliedExport | undefined;
  for (const candidate of exports) {
    if (covers(candidate.windows[kind], day) && (!best || newer(candidate, best))) best = candidate;
  }
  return best;
};

/** From the earliest start to the latest end of some ranges. */
const spanOfRanges = (ranges: readonly DayRange[]): DayRange | undefined => {
  if (ranges.length === 0) return undefined;
  // ISO days sort as strings.
  const froms = ranges.map((r) => r.from).sort();
  const tos = ranges.map((r) => r.to).sort();
  return { from: froms[0] as Day, to: tos.at(-1) as Day };
};

/** The span of days an export's windows touch: the stored days to read before merging. */
export const spanOf = (windows: AppliedExport['windows']): DayRange | undefined =>
  spanOfRanges(Object.values(windows).flat());

/**
 * The days a member's exports describe: from the first window's start to the last export day (the exports' own
 * windows, not the observed ones, which reach back to "the beginning" for full-history files).
 */
export const coverageSpan = (coverage: Coverage): DayRange | undefined =>
  spanOfRanges(coverage.exports.flatMap((applied) => Object.values(applied.windows).flat()));

/**
 * Merges one export into the stored days. Invariant: every stored (day, kind) value is the value of the
 * newest applied export whose window covers that day for that kind. The final state is therefore a function
 * of the set of exports, whatever order (or how often) they arrive in.
 *
 * `stored` must hold every stored day inside `spanOf(incoming.windows)`.
 */
export const planMerge = (
  stored: readonly DayActivity[],
  coverage: Coverage,
  incoming: AppliedExport,
  incomingDays: readonly DayActivity[],
): MergePlan => {
  const others = coverage.exports.filter((e) => e.fingerprint !== incoming.fingerprint);
  const all = [...others, incoming];
  const storedByDay = new Map(stored.map((d) => [d.day, d]));
  const incomingByDay = new Map(incomingDays.map((d) => [d.day, d]));
  const kinds = EVENT_KINDS.filter((kind) => incoming.windows[kind]);
  const puts: DayActivity[] = [];
  const deletes: Day[] = [];

  for (const day of new Set([...storedByDay.keys(), ...incomingByDay.keys()])) {
    const before = storedByDay.get(day);
    const fresh = incomingByDay.get(day);
    const after: DayActivity = {
      day,
      counts: { ...before?.counts },
      signals: { ...before?.signals },
    };
    for (const kind of kinds) {
      if (providerOf(all, kind, day) !== incoming) continue;
      setOrDelete(after.counts, kind, fresh?.counts[kind]);
      for (const signal of SIGNAL_NAMES) {
        if (signalKind(signal) === kind) setOrDelete(after.signals, signal, fresh?.signals[signal]);
      }
    }
    if (sameActivity(before, after)) continue;
    if (Object.keys(after.counts).length === 0) {
      if (before) deletes.push(day);
    } else {
      puts.push(after);
    }
  }
  puts.sort((a, b) => (a.day < b.day ? -1 : 1));
  deletes.sort();
  return { puts, deletes, coverage: { exports: [...others, incoming] } };
};

const setOrDelete = <K extends string>(
  target: Partial<Record<K, number>>,
  key: K,
  value: number | undefined,
) => {
  if (value === undefined || value === 0) delete target[key];
  else target[key] = value;
};

const sameRecord = (
  a: Record<string, number | undefined>,
  b: Record<string, number | undefined>,
): boolean => {
  const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => a[k] === b[k]);
};

const sameActivity = (before: DayActivity | undefined, after: DayActivity): boolean =>
  before === undefined
    ? Object.keys(after.counts).length === 0
    : sameRecord(before.counts, after.counts) && sameRecord(before.signals, after.signals);

/** Invitations keep only recent months plus a few stale unanswered ones: a gap this long ends the recent run. */
const ROLLING_GAP_DAYS = 90;

/** The day ranges an export fully describes for a file's kinds. */
export const windowOf = (eventDays: Day[], exportDay: Day, window: 'full' | 'rolling'): DayRange[] => {
  const days = [...new Set(eventDays)].sort();
  const first = days[0];
  if (first === undefined) return [];
  if (window === 'full') return [{ from: first, to: exportDay }];
  let start = days.length - 1;
  while (start > 0 && daysBetween(days[start - 1] as Day, days[start] as Day) <= ROLLING_GAP_DAYS) start -= 1;
  // Older stragglers (unanswered invitations from years ago) describe only their own day.
  return [
    ...days.slice(0, start).map((day) => ({ from: day, to: day })),
    { from: days[start] as Day, to: exportDay },
  ];
};
