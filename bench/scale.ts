/**
 * `npm run bench:scale -- --members N`: the fanned-out daily sweep on N simulated members. The coordinator and
 * the workers run as deployed (infra/constructs/sweep.ts: `coordinateSweep`, then batches of
 * `MEMBERS_PER_BATCH` ids, `workerBatchSize` messages per worker invocation) against in-memory adapters of
 * the table that count DynamoDB requests as the DynamoDB adapters would send them. Latency is not slept
 * (the run would take hours): it is modelled (docs/benchmarks.md, "Scale"). Prints a summary, then as the last
 * line one JSON object `{members, sweepSeconds, peakRssMb, requestsPerMember, modeled100kMinutes}`.
 *
 * peakRssMb: the process's resident size with the code loaded and no data (what a Lambda invocation starts
 * from), plus the largest heap growth of one invocation (heap sampled at every store request, after a
 * forced GC before each invocation). Run with `--expose-gc` (the npm script does).
 */
import { parseArgs } from 'node:util';
import { rngFor } from '../sample/prng';
import { addDays } from '../shared/domain/days';
import type { Day, DayActivity } from '../shared/domain/kinds';
import type { DailyEstimate, OfficialReading, PillarScores } from '../shared/domain/pillars';
import { aggregateSince, memberContribution } from '../shared/findings/recalculation-aggregate';
import { DEFAULT_THRESHOLDS } from '../shared/findings/thresholds';
import { MODEL_VERSION } from '../shared/model/parameters';
import { noPublisher } from '../shared/notify/finding-publisher';
import { SWEEP_DEPLOYMENT } from '../shared/scores/fan-out';
import type { ScoresDeps } from '../shared/scores/member-scores';
import { AggregatePairsRecorder } from '../shared/scores/recalc-pairs';
import {
  coordinateSweep,
  MEMBERS_PER_BATCH,
  sweepMembers,
  WORKER_MEMBER_CONCURRENCY,
} from '../shared/scores/sweep';
import type { MemberLock } from '../shared/store/member-lock';
import { MemoryRecalcAggregate } from '../test/support/memory-recalc-aggregate';
import { MemoryScoresStore } from '../test/support/memory-scores-store';
import { MemoryStore } from '../test/support/memory-store';
import { readingAt } from '../test/support/recalculation-team';

const { values } = parseArgs({
  options: { members: { type: 'string', default: '1000' } },
  allowPositionals: true,
});
const MEMBERS = Number(values.members);
if (!Number.isInteger(MEMBERS) || MEMBERS < 1) throw new Error('--members must be a positive integer');

/**
 * The latency model (milliseconds per DynamoDB request, single-digit as DynamoDB's in-region p50; SQS
 * SendMessageBatch) and Lambda's CPU: a 512 MB function has about 512/1769 of a vCPU, so CPU time measured
 * here (one full core) is scaled by 1769/512.
 */
export const LATENCY_MODEL = {
  dynamoMs: 6,
  sqsBatchMs: 20,
  lambdaCpuFactor: 1769 / SWEEP_DEPLOYMENT.memorySizeMb,
};
const TODAY: Day = '2026-11-27';
const HISTORY_DAYS = 120;

const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:scale does)');

// ---- the simulated organisation -------------------------------------------------------------------------

const pillarsOf = (values: readonly number[]): PillarScores => ({
  brand: values[0] as number,
  people: values[1] as number,
  insights: values[2] as number,
  relationships: values[3] as number,
});

/** ~120 days of activity, a reading every 1–7 days, and the raw estimates, per member; deterministic. */
const simulateMember = (memberId: string) => {
  const rng = rngFor(14, 'scale', memberId);
  const level = [0, 1, 2, 3].map(() => 6 + rng.next() * 10);
  const first = addDays(TODAY, -HISTORY_DAYS);
  const activity: DayActivity[] = [];
  const estimates: DailyEstimate[] = [];
  const readings: OfficialReading[] = [];
  let nextReading = Math.floor(rng.next() * 5);
  for (let d = 0; d <= HISTORY_DAYS; d++) {
    const day = addDays(first, d);
    if (rng.next() < 0.5)
      activity.push({
        day,
        counts: { post: Math.floor(rng.next() * 3), comment: Math.floor(rng.next() * 5) },
        signals: {},
      });
    const values = level.map((l) => Number((l + (rng.next() - 0.5) * 0.6).toFixed(3)));
    const pillars = pillarsOf(values);
    const total = values.reduce((a, b) => a + b, 0);
    estimates.push({
      day,
      modelVersion: MODEL_VERSION,
      pillars,
      total,
      confidence: { ...pillarsOf([1, 1, 1, 1]), total: 1 },
      contributions: { brand: {}, people: {}, insights: {}, relationships: {} },
    });
    if (d === nextReading) {
      readings.push(readingAt(memberId, day, pillars));
      nextReading += 1 + Math.floor(rng.next() * 7);
    }
  }
  return { activity, estimates, readings };
};

// ---- stores that count requests as DynamoDB would be sent them ---------------------------------------------

let requests = 0;
let sqsRequests = 0;
let peakHeap = 0;
const sampleHeap = () => {
  const used = process.memoryUsage().heapUsed;
  if (used > peakHeap) peakHeap = used;
};

/** Requests the DynamoDB adapter sends for one call: batch writes by 25, everything else one (a page). */
const requestCost = (method: string, args: unknown[]): number => {
  if (method === 'writeEstimates' || method === 'writeDays')
    return Math.ceil(((args[1] as unknown[]) ?? []).length / 25);
  if (method === 'saveFindings' || method === 'markPublished') return 1 + (args[1] as unknown[]).length;
  if (method === 'saveRecalculations') return (args[0] as unknown[]).length;
  return 1;
};

const counted = <T extends object>(
  store: T,
  cost: (method: string, args: unknown[], result: unknown) => number,
): T =>
  new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        requests += cost(String(property), args, result);
        sampleHeap();
        return result;
      };
    },
  });

const activityStore = new MemoryStore();
const scoresStore = new MemoryScoresStore();
const aggregate = new MemoryRecalcAggregate();
/** The lease: acquire and release, two conditional writes (DynamoDbMemberLock), uncontested here. */
const lock: MemberLock = {
  async withLock(_memberId, work) {
    requests += 2;
    return { result: await work({ assertHeld: () => undefined }), writeRequests: 2 };
  },
};
// A replacement that changes nothing is one GetItem; a change adds the journal, its transactions and the swap.
const countedAggregate = counted(aggregate, (method, _args, result) => {
  if (method !== 'replaceContribution') return 1;
  const cells = result as number;
  return cells === 0 ? 1 : 3 + Math.ceil(cells / 99);
});
const deps: ScoresDeps = {
  activity: counted(activityStore, requestCost),
  scores: counted(scoresStore, requestCost),
  publisher: noPublisher,
  thresholds: DEFAULT_THRESHOLDS,
  now: () => new Date(`${TODAY}T06:00:00.000Z`),
  lock,
  recalcPairs: new AggregatePairsRecorder(
    countedAggregate,
    DEFAULT_THRESHOLDS,
    () => new Date(`${TODAY}T06:00:00.000Z`),
  ),
};

// ---- seed (not measured): what the ingests and readings uploads would have stored --------------------------

const seedStarted = performance.now();
for (let i = 0; i < MEMBERS; i++) {
  const memberId = `m${String(i).padStart(6, '0')}`;
  const { activity, estimates, readings } = simulateMember(memberId);
  await scoresStore.registerMember(memberId);
  await activityStore.writeDays(memberId, activity, []);
  await scoresStore.writeEstimates(memberId, estimates);
  await scoresStore.saveReadings(memberId, readings);
  // The contribution recordReadings leaves in the aggregate.
  await aggregate.replaceContribution(
    memberId,
    memberContribution(memberId, { readings, activity }, DEFAULT_THRESHOLDS, aggregateSince(TODAY)),
  );
}
const seedSeconds = (performance.now() - seedStarted) / 1000;

// ---- the sweep, invocation by invocation ------------------------------------------------------------------

interface Invocation {
  kind: 'coordinator' | 'worker';
  cpuMs: number;
  requests: number;
  heapGrowthMb: number;
}
const invocations: Invocation[] = [];
const invoke = async <T>(kind: Invocation['kind'], run: () => Promise<T>): Promise<T> => {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  peakHeap = heapBefore;
  const requestsBefore = requests + sqsRequests;
  const cpuBefore = process.cpuUsage();
  const result = await run();
  const cpu = process.cpuUsage(cpuBefore);
  sampleHeap();
  invocations.push({
    kind,
    cpuMs: (cpu.user + cpu.system) / 1000,
    requests: requests + sqsRequests - requestsBefore,
    heapGrowthMb: (peakHeap - heapBefore) / 2 ** 20,
  });
  return result;
};

const sweepStarted = performance.now();
const messages: (readonly string[])[] = [];
await invoke('coordinator', () =>
  coordinateSweep(
    deps,
    {
      send: async (batches) => {
        messages.push(...batches);
        sqsRequests += Math.ceil(batches.length / 10);
      },
    },
    countedAggregate,
  ),
);
let newFindings = 0;
for (let i = 0; i < messages.length; i += SWEEP_DEPLOYMENT.workerBatchSize) {
  const records = messages.slice(i, i + SWEEP_DEPLOYMENT.workerBatchSize);
  await invoke('worker', async () => {
    // As functions/sweep-worker.ts: the events once per invocation, then each message's members.
    const recalculations = await deps.scores.listRecalculations();
    for (const memberIds of records)
      newFindings += (await sweepMembers(deps, memberIds, recalculations)).newFindings;
  });
}
const sweepSeconds = (performance.now() - sweepStarted) / 1000;

// ---- the model --------------------------------------------------------------------------------------------

const workers = invocations.filter((inv) => inv.kind === 'worker');
const coordinator = invocations.find((inv) => inv.kind === 'coordinator') as Invocation;
const totalRequests = invocations.reduce((sum, inv) => sum + inv.requests, 0);
const requestsPerMember = totalRequests / MEMBERS;
const workerRequestsPerMember = workers.reduce((sum, inv) => sum + inv.requests, 0) / MEMBERS;
const workerCpuMsPerMember = workers.reduce((sum, inv) => sum + inv.cpuMs, 0) / MEMBERS;
/**
 * 100,000 members: the coordinator pages 100 registry pages and sends 4,000 batches (400 SendMessageBatch),
 * reading the same prior sample and aggregate cells as here; workers run `workerMaxConcurrency` invocations
 * at a time, each with WORKER_MEMBER_CONCURRENCY members' requests in flight and its CPU scaled to Lambda's
 * share of a vCPU. Worker time per member = requests × latency / in-flight + CPU × factor (summed: no overlap
 * assumed). The coordinator's time is added whole (workers start as its first batches arrive).
 */
const MODEL_MEMBERS = 100_000;
const coordinatorFixedRequests =
  coordinator.requests - Math.ceil(MEMBERS / 1000) - Math.ceil(MEMBERS / MEMBERS_PER_BATCH / 10);
const coordinatorSeconds =
  ((coordinatorFixedRequests + Math.ceil(MODEL_MEMBERS / 1000)) * LATENCY_MODEL.dynamoMs +
    Math.ceil(MODEL_MEMBERS / MEMBERS_PER_BATCH / 10) * LATENCY_MODEL.sqsBatchMs +
    coordinator.cpuMs * LATENCY_MODEL.lambdaCpuFactor) /
  1000;
const workerMsPerMember =
  (workerRequestsPerMember * LATENCY_MODEL.dynamoMs) / WORKER_MEMBER_CONCURRENCY +
  workerCpuMsPerMember * LATENCY_MODEL.lambdaCpuFactor;
const workerSeconds = (MODEL_MEMBERS * workerMsPerMember) / 1000 / SWEEP_DEPLOYMENT.workerMaxConcurrency;
const modeled100kMinutes = (coordinatorSeconds + workerSeconds) / 60;
const largestWorkerSeconds = Math.max(
  ...workers.map(
    (inv) =>
      ((inv.requests * LATENCY_MODEL.dynamoMs) / WORKER_MEMBER_CONCURRENCY +
        inv.cpuMs * LATENCY_MODEL.lambdaCpuFactor) /
      1000,
  ),
);
const peakGrowth = Math.max(...invocations.map((inv) => inv.heapGrowthMb));
const peakRssMb = baselineRssMb + peakGrowth;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

console.error(
  [
    `members ${MEMBERS}: seeded in ${seedSeconds.toFixed(1)} s; sweep ${sweepSeconds.toFixed(1)} s in-process ` +
      `(1 coordinator + ${workers.length} worker invocations, ${messages.length} batches), ${newFindings} new finding(s)`,
    `requests: ${totalRequests} (${requestsPerMember.toFixed(2)}/member; workers ${workerRequestsPerMember.toFixed(2)}/member, ` +
      `coordinator ${coordinator.requests})`,
    `CPU: worker ${workerCpuMsPerMember.toFixed(2)} ms/member, coordinator ${coordinator.cpuMs.toFixed(0)} ms`,
    `memory: baseline RSS ${baselineRssMb.toFixed(1)} MB; heap growth per invocation: coordinator ` +
      `${coordinator.heapGrowthMb.toFixed(1)} MB, workers max ${Math.max(...workers.map((w) => w.heapGrowthMb)).toFixed(1)} MB`,
    `model at ${MODEL_MEMBERS}: coordinator ${coordinatorSeconds.toFixed(0)} s, workers ${workerSeconds.toFixed(0)} s ` +
      `(${SWEEP_DEPLOYMENT.workerMaxConcurrency} concurrent, ${workerMsPerMember.toFixed(1)} ms/member); ` +
      `longest worker invocation ${largestWorkerSeconds.toFixed(1)} s of ${SWEEP_DEPLOYMENT.workerTimeoutSeconds} s`,
  ].join('\n'),
);
console.log(
  JSON.stringify({
    members: MEMBERS,
    sweepSeconds: round(sweepSeconds),
    peakRssMb: round(peakRssMb, 1),
    requestsPerMember: round(requestsPerMember),
    modeled100kMinutes: round(modeled100kMinutes),
  }),
);
