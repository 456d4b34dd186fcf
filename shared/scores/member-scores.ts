import { addDays } from '../domain/days';
import type { Day } from '../domain/kinds';
import { coverageSpan } from '../domain/merge';
import type { Calibration, Finding, OfficialReading } from '../domain/pillars';
import type { RecalculationEvent } from '../domain/population';
import { MODEL_MEMORY_DAYS } from '../findings/divergent';
import { calibratedForFindings, evaluateMember, readingsForCalibration } from '../findings/evaluate';
import { changedFindings, trackFindings } from '../findings/lifecycle';
import type { MemberHistory } from '../findings/recalculation';
import { readingDay, sortReadings } from '../findings/series';
import type { FindingThresholds } from '../findings/thresholds';
import { fitCalibration } from '../model/calibration';
import { estimateDays } from '../model/estimate';
import { observedWindows } from '../model/observed';
import { MAP_LAG_DAYS, MODEL_LOOKBACK_DAYS } from '../model/parameters';
import type { FindingPublisher } from '../notify/finding-publisher';
import type { ActivityStore } from '../store/activity-store';
import type { ErasureMarks } from '../store/member-erasure';
import { type Lease, type MemberLock, UNCONTESTED_LEASE } from '../store/member-lock';
import type { ScoresStore } from '../store/scores-store';
import type { TeamsStore } from '../store/teams-store';

export interface ScoresDeps {
  activity: ActivityStore;
  scores: ScoresStore;
  publisher: FindingPublisher;
  thresholds: FindingThresholds;
  now: () => Date;
  /**
   * The member's lease and the erasure's tombstone: every writer of a member's data runs under the lease and
   * drops work that an erasure overtook, so an erasure is final. Absent only in tests that run one writer.
   */
  lock?: MemberLock;
  erasures?: ErasureMarks;
  /** The leaderboards' materialised standings, rewritten at the end of every evaluation (docs/teams.md). */
  standings?: Pick<TeamsStore, 'saveStanding'>;
  /**
   * Keeps the member's pairs in the cross-member RECALCULATION aggregate: every evaluation hands over the
   * member's readings and activity (under the lease), so the daily coordinator detects without reading members.
   * Absent where the aggregate code would not fit the bundle (the API: a POSTed reading reaches the aggregate at
   * the member's next sweep) and in tests of one member.
   */
  recalcPairs?: RecalcPairsRecorder;
}

export interface RecalcPairsRecorder {
  record(memberId: string, history: MemberHistory): Promise<void>;
}

/** Runs `work` under the member's lease when the deps have a lock (the lease's cost is two writes). */
export const underLease = async <T>(
  deps: ScoresDeps,
  memberId: string,
  work: (lease: Lease) => Promise<T>,
) => (deps.lock ? (await deps.lock.withLock(memberId, work)).result : work(UNCONTESTED_LEASE));

/**
 * Recomputes and stores the member's daily estimates from `changedFrom` (default: their first day) to the
 * last export day. Earlier days are untouched: model v1 gives the same numbers for them.
 */
export const refreshEstimates = async (
  deps: ScoresDeps,
  memberId: string,
  changedFrom?: Day,
  lease: Lease = UNCONTESTED_LEASE,
): Promise<number> => {
  const coverage = await deps.activity.loadCoverage(memberId);
  const span = coverageSpan(coverage);
  if (!span) return 0;
  const from = changedFrom && changedFrom > span.from ? changedFrom : span.from;
  if (from > span.to) return 0;
  const [days, profile] = await Promise.all([
    deps.activity.readDays(memberId, addDays(from, -MODEL_LOOKBACK_DAYS), span.to),
    deps.activity.loadProfile(memberId),
  ]);
  const estimates = estimateDays({ days, profile, observed: observedWindows(coverage), from, to: span.to });
  lease.assertHeld();
  await deps.scores.writeEstimates(memberId, estimates);
  return estimates.length;
};

const LONGEST_LAG = Math.max(...MAP_LAG_DAYS);

/** The estimates of the member's last export day and the population map's lags before it, however old it is. */
const latestEstimates = async (deps: ScoresDeps, memberId: string) => {
  const coverage = await deps.activity.loadCoverage(memberId);
  const span = coverageSpan(coverage);
  return span ? deps.scores.readEstimates(memberId, addDays(span.to, -LONGEST_LAG), span.to) : [];
};

export interface Evaluation {
  /** Every finding of the member, current and past, with its lifecycle. */
  findings: Finding[];
  /** Findings this evaluation opened: these were published (or left for the sweep to publish). */
  fresh: Finding[];
  calibrated: boolean;
}

/**
 * Fits the member's calibration (pooled with the stored population prior) and evaluates STALE and DIVERGENT,
 * plus a RECALCULATION finding for each stored population event their readings bracket (loaded here, one
 * Query, unless the sweep hands them over), so a POSTed reading's refit and DIVERGENT check account for a
 * recalculation found earlier. Tracks the findings' lifecycle against the stored ones, stores what changed and
 * publishes the newly opened ones. A member without readings gets the prior's map.
 */
export const evaluateFindings = async (
  deps: ScoresDeps,
  memberId: string,
  recalculations?: readonly RecalculationEvent[],
  lease: Lease = UNCONTESTED_LEASE,
): Promise<Evaluation> => {
  const [unsorted, stored, prior] = await Promise.all([
    deps.scores.listReadings(memberId),
    deps.scores.listFindings(memberId),
    deps.scores.loadPrior(),
  ]);
  const readings = sortReadings(unsorted);
  const first = readings[0];
  const last = readings.at(-1);
  if (!first || !last) {
    // No readings yet: the team's prior puts the estimates on LinkedIn's scale from the first export, through the
    // population map at the member's latest estimate and its lags.
    const calibration =
      prior &&
      fitCalibration({
        memberId,
        readings: [],
        estimates: prior.map ? await latestEstimates(deps, memberId) : [],
        fittedAt: deps.now().toISOString(),
        prior,
      });
    lease.assertHeld();
    if (calibration) await deps.scores.saveCalibration(calibration);
    await deps.standings?.saveStanding({
      memberId,
      readings,
      findings: stored,
      calibration,
      asOf: deps.now(),
    });
    return { findings: stored, fresh: [], calibrated: calibration !== undefined };
  }
  // Back far enough for STALE's window and for the population map's lags behind the first readings.
  const from = addDays(readingDay(first), -Math.max(deps.thresholds.staleDays, LONGEST_LAG));
  const [estimates, activity, events] = await Promise.all([
    deps.scores.readEstimates(memberId, from, readingDay(last)),
    // DIVERGENT reads the model's whole memory before each reading for quiet stretches and bursts.
    deps.activity.readDays(memberId, addDays(from, -MODEL_MEMORY_DAYS), readingDay(last)),
    recalculations ?? deps.scores.listRecalculations(),
  ]);
  if (deps.recalcPairs) {
    lease.assertHeld();
    await deps.recalcPairs.record(memberId, { readings, activity });
  }
  const member = { memberId, readings, estimates, activity };
  const calibrate = (findings: readonly Finding[]) =>
    fitCalibration({
      memberId,
      readings: readingsForCalibration(readings, findings),
      estimates,
      fittedAt: deps.now().toISOString(),
      prior,
    });
  const evaluate = (calibration: Calibration | undefined) =>
    evaluateMember(
      { ...member, calibrated: calibratedForFindings(estimates, calibration) },
      events,
      deps.thresholds,
    );
  // Plateau repeats and pre-recalculation readings would teach the calibration LinkedIn's stale numbers, and a
  // divergent run's readings would pull it toward the wrong value: fit again without them when there is one.
  const uncalibrated = evaluateMember(member, events, deps.thresholds);
  let calibration = calibrate(uncalibrated);
  let current = evaluate(calibration);
  const divergent = current.filter((finding) => finding.type === 'DIVERGENT');
  if (divergent.length > 0) {
    calibration = calibrate([...uncalibrated, ...divergent]) ?? calibration;
    current = evaluate(calibration);
  }
  const { findings, opened } = trackFindings({
    stored,
    current,
    readings,
    judgedDays: new Set((calibratedForFindings(estimates, calibration) ?? []).map((day) => day.day)),
    now: deps.now().toISOString(),
  });
  const changed = changedFindings(stored, findings);
  lease.assertHeld();
  if (calibration) await deps.scores.saveCalibration(calibration);
  if (changed.length > 0) await deps.scores.saveFindings(memberId, changed);
  await publish(deps, memberId, opened);
  await deps.standings?.saveStanding({ memberId, readings, findings, calibration, asOf: deps.now() });
  return { findings, fresh: opened, calibrated: calibration !== undefined };
};

/** Publishes and marks; with a publisher that sends nothing, findings stay pending for the sweep. */
export const publish = async (
  deps: ScoresDeps,
  memberId: string,
  findings: readonly Finding[],
): Promise<void> => {
  if (!deps.publisher.delivers || findings.length === 0) return;
  await deps.publisher.publish(findings);
  await deps.scores.markPublished(memberId, findings);
};

export interface RecordedReadings {
  stored: number;
  duplicates: number;
  /** The hashes of the readings stored now (not the duplicates): per-item answers name them. */
  storedHashes: Set<string>;
  evaluation?: Evaluation;
  /** Set when the member was erased after these readings arrived: nothing was written. */
  droppedByErasure?: string;
}

/**
 * Stores official readings (each once) and, when any is new, re-evaluates the member, under the member's
 * lease. Readings that arrived before an erasure that overtook them are dropped (the erasure is final);
 * readings that arrive after it start the member afresh.
 */
export const recordReadings = async (
  deps: ScoresDeps,
  memberId: string,
  readings: readonly OfficialReading[],
): Promise<RecordedReadings> => {
  const arrived = readings.map((r) => r.receivedAt).sort()[0] ?? deps.now().toISOString();
  return underLease(deps, memberId, async (lease) => {
    const erasedAt = await deps.erasures?.erasedAt(memberId);
    if (erasedAt && arrived < erasedAt)
      return { stored: 0, duplicates: 0, storedHashes: new Set<string>(), droppedByErasure: erasedAt };
    lease.assertHeld();
    await deps.scores.registerMember(memberId);
    const fresh = await deps.scores.saveReadings(memberId, readings);
    const evaluation =
      fresh.length > 0 ? await evaluateFindings(deps, memberId, undefined, lease) : undefined;
    return {
      stored: fresh.length,
      duplicates: readings.length - fresh.length,
      storedHashes: new Set(fresh.map((reading) => reading.readingHash)),
      evaluation,
    };
  });
};

/** After an export ingest changed the member's days: new estimates from the first changed day, then findings. */
export const afterExportIngest = async (
  deps: ScoresDeps,
  memberId: string,
  changedFrom: Day | undefined,
  lease: Lease = UNCONTESTED_LEASE,
) => {
  lease.assertHeld();
  await deps.scores.registerMember(memberId);
  const estimates = await refreshEstimates(deps, memberId, changedFrom, lease);
  const evaluation = await evaluateFindings(deps, memberId, undefined, lease);
  return { estimates, evaluation };
};
