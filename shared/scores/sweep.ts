import { mapBounded } from '../bounded';
import { LeaseTimeout } from '../domain/errors';
import type { Day } from '../domain/kinds';
import type { RecalculationEvent } from '../domain/population';
import { newRecalculationEvents } from '../findings/recalculation';
import { aggregateSince, detectFromAggregate } from '../findings/recalculation-aggregate';
import { fitPopulationPrior } from '../model/calibration';
import { type NewcomerPlacement, newcomerPlacement } from '../model/population-map';
import type { RecalcAggregateStore } from '../store/recalc-aggregate';
import { type BatchSink, runFanOut } from './fan-out';
import { evaluateFindings, publish, type ScoresDeps, underLease } from './member-scores';

/**
 * The daily sweep, fanned out: a coordinator pages through the member registry and hands out batches of member
 * ids; workers evaluate a batch each. Neither holds more than a page of members, so time and memory per
 * invocation do not grow with the organisation. In AWS the batches travel through SQS (infra/constructs/sweep.ts);
 * locally and in tests `runFanOut` hands them straight to the worker.
 */

/** Registry page the coordinator reads at a time (one Query), and members per batch (one SQS message). */
export const SWEEP_PAGE_SIZE = 1_000;
export const MEMBERS_PER_BATCH = 25;
/** Concurrent members inside one worker invocation: DynamoDB latency, not CPU, is what a member costs. */
export const WORKER_MEMBER_CONCURRENCY = 4;

export interface CoordinatorResult {
  members: number;
  batches: number;
  /** Recalculation events this sweep found (stored before any batch was handed out). */
  recalculations: number;
  /** How the prior this sweep learned places a member without readings (absent: too few calibrated members). */
  newcomers?: NewcomerPlacement;
}

export interface WorkerResult {
  members: number;
  newFindings: number;
  /** Members an ingest held: that ingest evaluates them. */
  busy: number;
}

const today = (deps: ScoresDeps): Day => deps.now().toISOString().slice(0, 10);

/**
 * The coordinator: RECALCULATION from the aggregate (constant memory), the pooled prior from the calibrations
 * of the first registry page (a sample of up to `SWEEP_PAGE_SIZE` members: enough for a mean line, and bounded),
 * both stored before the first batch goes out, then the registry page by page into batches.
 */
export const coordinateSweep = async (
  deps: ScoresDeps,
  sink: BatchSink,
  aggregate?: RecalcAggregateStore,
): Promise<CoordinatorResult> => {
  const added = aggregate ? await detectRecalculations(deps, aggregate) : [];
  let members = 0;
  let batches = 0;
  let cursor: string | undefined;
  let newcomers: NewcomerPlacement | undefined;
  do {
    const page = await deps.scores.listMembersPage(SWEEP_PAGE_SIZE, cursor);
    if (members === 0) newcomers = await refitPrior(deps, page.memberIds);
    const pageBatches = chunk(page.memberIds, MEMBERS_PER_BATCH);
    if (pageBatches.length > 0) await sink.send(pageBatches);
    members += page.memberIds.length;
    batches += pageBatches.length;
    cursor = page.cursor;
  } while (cursor);
  return { members, batches, recalculations: added.length, ...(newcomers ? { newcomers } : {}) };
};

/** New RECALCULATION events from the aggregate's cells; a stored event stays as found (a correction sticks). */
const detectRecalculations = async (deps: ScoresDeps, aggregate: RecalcAggregateStore) => {
  const cells = await aggregate.readCells(aggregateSince(today(deps)), today(deps));
  const added = newRecalculationEvents(
    await deps.scores.listRecalculations(),
    detectFromAggregate(cells, deps.thresholds),
  );
  if (added.length > 0) await deps.scores.saveRecalculations(added);
  return added;
};

/** The pooled prior from the sample's stored calibrations (their own lines), before anyone is refitted with it. */
const refitPrior = async (
  deps: ScoresDeps,
  sample: readonly string[],
): Promise<NewcomerPlacement | undefined> => {
  const calibrations = await mapBounded(sample, 16, (memberId) => deps.scores.loadCalibration(memberId));
  const prior = fitPopulationPrior(
    calibrations.filter((c) => c !== undefined),
    deps.now().toISOString(),
  );
  if (!prior) return undefined;
  await deps.scores.savePrior(prior);
  return newcomerPlacement(prior);
};

/**
 * The worker: STALE, DIVERGENT and the stored RECALCULATION events for each member of the batch, under the
 * member's lease, and publishes what is pending. Idempotent: evaluating a member again changes nothing stored,
 * and a finding is published once (marked after it was sent). `recalculations` default: one Query.
 */
export const sweepMembers = async (
  deps: ScoresDeps,
  memberIds: readonly string[],
  recalculations?: readonly RecalculationEvent[],
): Promise<WorkerResult> => {
  const events = recalculations ?? (await deps.scores.listRecalculations());
  const outcomes = await mapBounded(memberIds, WORKER_MEMBER_CONCURRENCY, async (memberId) => {
    try {
      // Under the member's lease: an erasure during the sweep is never undone by its writes (an erased
      // member has no readings left, so evaluating it writes nothing).
      return await underLease(deps, memberId, async (lease) => {
        const { fresh } = await evaluateFindings(deps, memberId, events, lease);
        // Findings raised where nothing could publish them (a reading POSTed to the API) go out now.
        lease.assertHeld();
        await publish(deps, memberId, await deps.scores.listUnpublishedFindings(memberId));
        return fresh.length;
      });
    } catch (error) {
      // A member busy with an ingest is evaluated by that ingest; the sweep goes on with the others.
      if (error instanceof LeaseTimeout) return undefined;
      throw error;
    }
  });
  return {
    members: memberIds.length,
    newFindings: outcomes.reduce<number>((sum, fresh) => sum + (fresh ?? 0), 0),
    busy: outcomes.filter((fresh) => fresh === undefined).length,
  };
};

/** The whole sweep in this process (tests and scripts): coordinator and workers through `runFanOut`. */
export const sweep = (deps: ScoresDeps, aggregate?: RecalcAggregateStore) =>
  runFanOut(
    (sink) => coordinateSweep(deps, sink, aggregate),
    (batch) => sweepMembers(deps, batch),
  );

const chunk = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
