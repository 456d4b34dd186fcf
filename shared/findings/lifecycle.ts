import { addDays } from '../domain/days';
import type { Day } from '../domain/kinds';
import type { Finding, FindingResolution, OfficialReading } from '../domain/pillars';
import { detectionTime, readingDay, sortReadings } from './series';

/**
 * How far back a recalculation explains a finding that re-evaluation no longer raises: the calibration and the
 * tolerance take a couple of weeks of readings to settle after LinkedIn's formula changed.
 */
const RECALCULATION_REACH_DAYS = 14;

export interface LifecycleInput {
  /** The member's findings as stored (older ones may lack the lifecycle fields). */
  stored: readonly Finding[];
  /** What the detectors raise now (`evaluateMember`). */
  current: readonly Finding[];
  /** The member's readings, in any order. */
  readings: readonly OfficialReading[];
  /**
   * Reading days a DIVERGENT comparison could be made on (a calibrated estimate exists); absent: every reading day.
   * A reading without an estimate neither continues nor ends a divergence.
   */
  judgedDays?: ReadonlySet<Day>;
  /** Wall time of this evaluation: when a withdrawn finding stopped being current. */
  now: string;
}

export interface Tracked {
  /** Every finding, current and past, with its lifecycle, in a stable order. */
  findings: Finding[];
  /** Findings opened by this evaluation: the only ones to announce. */
  opened: Finding[];
}

const keyOf = (finding: Finding): string => `${finding.from}#${finding.type}#${finding.pillar}`;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Data day of the reading that raised a finding: the detector's own, its evidence's trigger, else its last day. */
const flaggedDay = (finding: Finding): Day => {
  if (finding.flaggedOnDay) return finding.flaggedOnDay;
  const flaggedBy = finding.evidence.flaggedBy;
  return typeof flaggedBy === 'string' ? flaggedBy.slice(0, 10) : finding.to;
};

/** The STALE plateau's last identical reading (falls back to the end of its last day). */
const plateauEnd = (finding: Finding): string => {
  const last = finding.evidence.last as { observedAt?: string } | undefined;
  return last?.observedAt ?? `${finding.to}T23:59:59.999Z`;
};

/**
 * The reading that ended a finding's run, if one came: STALE — a later reading (the run is maximal, so its value
 * differs: the score moved again); DIVERGENT — a later reading day that could be judged (the run is maximal, so it
 * agreed again); RECALCULATION — any later reading, which the calibration now fits across the step.
 */
const ending = (
  finding: Finding,
  readings: readonly OfficialReading[],
  judgedDays: ReadonlySet<Day> | undefined,
): { reading: OfficialReading; resolution: FindingResolution } | undefined => {
  if (finding.type === 'STALE') {
    const end = plateauEnd(finding);
    const reading = readings.find((r) => r.observedAt > end);
    return reading && { reading, resolution: 'moved-again' };
  }
  const after = readings.filter((r) => readingDay(r) > finding.to);
  if (finding.type === 'DIVERGENT') {
    const reading = after.find((r) => !judgedDays || judgedDays.has(readingDay(r)));
    return reading && { reading, resolution: 'agrees-again' };
  }
  const reading = after[0];
  return reading && { reading, resolution: 'accounted-for' };
};

/** A recalculation of the same scope (or the overall, which moves every pillar) near a finding's span. */
const explainedByRecalculation = (finding: Finding, current: readonly Finding[]): boolean =>
  current.some(
    (other) =>
      other.type === 'RECALCULATION' &&
      (other.pillar === finding.pillar || other.pillar === 'overall' || finding.pillar === 'overall') &&
      other.to >= addDays(finding.from, -RECALCULATION_REACH_DAYS) &&
      other.from <= finding.to,
  );

/**
 * Findings with a lifecycle (docs/findings.md, "Lifecycle"). A finding is open while its run lasts up to the
 * member's latest reading and resolved once a later reading ends it, or when re-evaluation no longer raises it
 * (superseded by a recalculation, else withdrawn). Its first detection (`detectedAt`, `flaggedOnDay`) never
 * changes; only a finding that is new and open is announced, so backfilled history raises no alert. Pure: the
 * same inputs in any order give the same result.
 */
export const trackFindings = (input: LifecycleInput): Tracked => {
  const readings = sortReadings(input.readings);
  const lastDay = readings.at(-1) ? readingDay(readings.at(-1) as OfficialReading) : undefined;
  const stored = new Map(input.stored.map((finding) => [keyOf(finding), finding]));
  const current = new Map(input.current.map((finding) => [keyOf(finding), finding]));
  const findings: Finding[] = [];
  const opened: Finding[] = [];

  for (const [key, finding] of current) {
    const before = stored.get(key);
    const { status: _status, resolvedAt: _at, resolvedOnDay: _day, resolution: _why, ...detected } = finding;
    const end = ending(finding, readings, input.judgedDays);
    const tracked: Finding = {
      ...detected,
      detectedAt: before?.detectedAt ?? finding.detectedAt,
      firstEvidenceDay: finding.firstEvidenceDay ?? finding.from,
      flaggedOnDay: before?.flaggedOnDay ?? flaggedDay(finding),
      status: end ? 'resolved' : 'open',
      ...(end
        ? {
            resolvedAt: detectionTime(end.reading),
            resolvedOnDay: readingDay(end.reading),
            resolution: end.resolution,
          }
        : {}),
    };
    findings.push(tracked);
    if (!before && tracked.status === 'open') opened.push(tracked);
  }

  for (const [key, finding] of stored) {
    if (current.has(key)) continue;
    if (finding.status === 'resolved') {
      findings.push(finding);
      continue;
    }
    findings.push({
      ...finding,
      firstEvidenceDay: finding.firstEvidenceDay ?? finding.from,
      flaggedOnDay: flaggedDay(finding),
      status: 'resolved',
      resolvedAt: input.now,
      ...(lastDay ? { resolvedOnDay: lastDay } : {}),
      resolution: explainedByRecalculation(finding, input.current)
        ? 'superseded-by-recalculation'
        : 'withdrawn',
    });
  }

  const order = (a: Finding, b: Finding): number =>
    compare(a.from, b.from) || compare(a.type, b.type) || compare(a.pillar, b.pillar);
  return { findings: findings.sort(order), opened: opened.sort(order) };
};

/** Stored findings without a lifecycle (written before it existed) read as open, with their data days. */
export const withLifecycle = (finding: Finding): Finding => ({
  ...finding,
  status: finding.status ?? 'open',
  firstEvidenceDay: finding.firstEvidenceDay ?? finding.from,
  flaggedOnDay: flaggedDay(finding),
});

/** JSON with sorted keys: stored items come back from DynamoDB with their map keys in any order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => compare(a, b)))
      : v,
  );

/** The tracked findings that differ from what is stored: only these need writing. */
export const changedFindings = (stored: readonly Finding[], tracked: readonly Finding[]): Finding[] => {
  const before = new Map(stored.map((finding) => [keyOf(finding), canonical(finding)]));
  return tracked.filter((finding) => before.get(keyOf(finding)) !== canonical(finding));
};
