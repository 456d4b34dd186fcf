import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import type { NewcomerPlacement } from '../shared/model/population-map';
import { runFanOut } from '../shared/scores/fan-out';

/** What a whole sweep (coordinator and every batch's worker) found. */
export interface SweepResult {
  members: number;
  newFindings: number;
  /** How the team's prior places a member without readings (absent: fewer than 3 calibrated members). */
  newcomers?: NewcomerPlacement;
}

export const SWEEP_INTERVAL_MS = 24 * 60 * 60_000;

/**
 * `<data-dir>/sweep.json`: when the last sweep finished, so a restart knows whether a day was missed.
 * A file of its own: local.json is read by other programs and removed at every stop.
 */
const SweepState = z.object({ lastSweepAt: z.iso.datetime(), members: z.number(), newFindings: z.number() });
type SweepState = z.infer<typeof SweepState>;

export const sweepStatePath = (dataDir: string) => join(dataDir, 'sweep.json');

export async function readSweepState(dataDir: string): Promise<SweepState | undefined> {
  try {
    const parsed = SweepState.safeParse(JSON.parse(await readFile(sweepStatePath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the sweep and records when it finished (the CLI's `sweep` and the schedule alike). */
export async function sweepAndRecord(
  dataDir: string,
  run: () => Promise<SweepResult>,
  now: () => number = Date.now,
): Promise<SweepState & SweepResult> {
  const result = await run();
  const state = { lastSweepAt: new Date(now()).toISOString(), ...result };
  await writeFile(sweepStatePath(dataDir), `${JSON.stringify(state, null, 2)}\n`);
  return state;
}

export interface DailySweepOptions {
  dataDir: string;
  run: () => Promise<SweepResult>;
  log: (line: string) => void;
  now?: () => number;
  setTimer?: (wake: () => void, ms: number) => { cancel(): void };
}

/**
 * The local stand-in for the daily EventBridge schedule: sweeps at once when the last sweep (by the
 * schedule or `pillarwatch sweep`) is a day old or there was none, then a day after the last one. A failed
 * sweep is logged and tried again at the next wake-up, as EventBridge retries.
 */
export function scheduleDailySweep(options: DailySweepOptions): {
  stop(): void;
  settled: () => Promise<void>;
} {
  const now = options.now ?? Date.now;
  const setTimer =
    options.setTimer ??
    ((wake: () => void, ms: number) => {
      const timer = setTimeout(wake, ms);
      // The stack's servers keep it alive; the schedule alone must not.
      timer.unref();
      return { cancel: () => clearTimeout(timer) };
    });
  let timer: { cancel(): void } | undefined;
  let stopped = false;
  let current = Promise.resolve();

  const wake = async (): Promise<void> => {
    const last = await readSweepState(options.dataDir);
    let lastAt = last ? Date.parse(last.lastSweepAt) : undefined;
    if (lastAt === undefined || now() - lastAt >= SWEEP_INTERVAL_MS) {
      options.log(
        last ? 'Daily sweep: a day has passed since the last one, sweeping…' : 'Daily sweep: sweeping…',
      );
      try {
        const state = await sweepAndRecord(options.dataDir, options.run, now);
        lastAt = Date.parse(state.lastSweepAt);
        options.log(`Daily sweep: ${state.members} member(s) swept, ${state.newFindings} new finding(s).`);
      } catch (error) {
        options.log(`Daily sweep failed (tried again in an hour): ${(error as Error).message ?? error}`);
        lastAt = now() - SWEEP_INTERVAL_MS + RETRY_MS;
      }
    }
    if (stopped) return;
    timer = setTimer(
      () => {
        current = wake();
      },
      Math.max(lastAt + SWEEP_INTERVAL_MS - now(), 1_000),
    );
  };

  current = wake();
  return {
    stop: () => {
      stopped = true;
      timer?.cancel();
    },
    /** Resolves when the sweep under way (if any) has finished: tests and the shutdown wait for it. */
    settled: () => current,
  };
}

const RETRY_MS = 60 * 60_000;

/** What the coordinator handler (functions/sweep.ts) answers; without a queue it returns the batches. */
export interface CoordinatorHandlerResult {
  members: number;
  memberBatches?: string[][];
  newcomers?: NewcomerPlacement;
}
/** What the worker handler (functions/sweep-worker.ts) answers for one SQS event. */
export interface WorkerHandlerResult {
  batchItemFailures: { itemIdentifier: string }[];
  members: number;
  newFindings: number;
}

/**
 * The local stand-in for EventBridge → coordinator → SQS → worker: invokes the same two handlers as AWS does,
 * each batch as a one-record SQS event. A batch the worker reports failed fails the sweep (the schedule
 * tries again in an hour; `pillarwatch sweep` says so), as SQS would redeliver it.
 */
export const sweepInProcess =
  (
    coordinator: (event: unknown) => Promise<CoordinatorHandlerResult>,
    worker: (event: SQSEvent) => Promise<WorkerHandlerResult>,
  ) =>
  async (): Promise<SweepResult> => {
    let newcomers: NewcomerPlacement | undefined;
    const { members, newFindings } = await runFanOut(
      async (sink) => {
        const handedOut = await coordinator({});
        newcomers = handedOut.newcomers;
        await sink.send(handedOut.memberBatches ?? []);
      },
      async (memberIds) => {
        const messageId = randomUUID();
        const result = await worker({ Records: [sqsRecord(messageId, JSON.stringify({ memberIds }))] });
        if (result.batchItemFailures.length > 0)
          throw new Error(`a sweep batch of ${memberIds.length} member(s) failed`);
        return result;
      },
    );
    return { members, newFindings, ...(newcomers ? { newcomers } : {}) };
  };

const sqsRecord = (messageId: string, body: string): SQSRecord => ({
  messageId,
  receiptHandle: messageId,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(Date.now()),
    SenderId: 'local',
    ApproximateFirstReceiveTimestamp: String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:local:000000000000:sweep-batches',
  awsRegion: 'local',
});
