/**
 * `npm run bench:api`: the API against the local stack, seeded with 50 members × 3 years of daily estimates,
 * weekly official readings and a few findings, all on one team. Reports p50/p95 latency (HTTP, in-process
 * handlers, DynamoDB Local) and the DynamoDB requests and read capacity each call consumed, for:
 * a year of estimates, findings, the 50-member leaderboard, the report page (also its size), and POSTing one
 * reading (stored, the calibration refitted, the findings evaluated).
 * Targets (API issue): a year of estimates = 1 Query page; leaderboard ≤ 2 DynamoDB requests per member;
 * report page ≤ 300 KB. Options: --members <n> (50), --runs <n> (25).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadHandlersWithLocalEnv } from '../local/aws-env';
import { startHttpApi } from '../local/http-api';
import { startLocalParts } from '../local/parts';
import { addDays } from '../shared/domain/days';
import { type DailyEstimate, type Finding, type OfficialReading, PILLARS } from '../shared/domain/pillars';

const { values } = parseArgs({
  options: { members: { type: 'string', default: '50' }, runs: { type: 'string', default: '25' } },
});
const MEMBERS = Number(values.members);
const RUNS = Number(values.runs);
const LAST_DAY = '2026-04-15';
const FIRST_DAY = addDays(LAST_DAY, -3 * 365);
const YEAR_FROM = addDays(LAST_DAY, -364);

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same data. */
const random = (() => {
  let seed = 20_261_123;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();

const estimateFor = (day: string, level: number): DailyEstimate => {
  const pillars = Object.fromEntries(
    PILLARS.map((p) => [p, Math.round((level + random() * 4) * 100) / 100]),
  ) as DailyEstimate['pillars'];
  const total = Math.round(Object.values(pillars).reduce((a, b) => a + b, 0) * 100) / 100;
  return {
    day,
    modelVersion: 'v1',
    pillars,
    total,
    confidence: {
      ...Object.fromEntries(PILLARS.map((p) => [p, 0.9])),
      total: 0.9,
    } as DailyEstimate['confidence'],
    contributions: Object.fromEntries(
      PILLARS.map((p) => [p, { comment: 1.2, reaction: 2.3, connection: 3.1, active_days: 4.2, profile: 2 }]),
    ) as unknown as DailyEstimate['contributions'],
  };
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

const main = async () => {
  const parts = await startLocalParts();
  try {
    const handlers = await loadHandlersWithLocalEnv(parts);
    // Imported after the environment is set: the same client singleton the handlers use.
    const { dynamoDbClient, documentClient } = await import('../shared/aws/dynamodb');
    const { DynamoDbScoresStore } = await import('../shared/store/dynamodb/scores-store');
    const { DynamoDbActivityStore } = await import('../shared/store/dynamodb/activity-store');
    const { DynamoDbTeamsStore } = await import('../shared/store/dynamodb/teams-store');
    const { putMember } = await import('../shared/teams/teams');

    // Count every DynamoDB request and the read capacity it consumed.
    const meter = { requests: 0, capacity: 0 };
    dynamoDbClient.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as Record<string, unknown>;
        input.ReturnConsumedCapacity = 'TOTAL';
        meter.requests += 1;
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
          meter.capacity += (c as { CapacityUnits?: number }).CapacityUnits ?? 0;
        }
        return result;
      },
      { step: 'initialize', name: 'benchMeter' },
    );

    const started = performance.now();
    const scores = new DynamoDbScoresStore(documentClient, parts.tableName);
    const activity = new DynamoDbActivityStore(documentClient, parts.tableName);
    const teams = {
      teams: new DynamoDbTeamsStore(documentClient, parts.tableName),
      thresholds: { staleDays: 14 },
    };
    const members = Array.from({ length: MEMBERS }, (_, i) => `bench-${String(i).padStart(3, '0')}`);
    for (const [i, memberId] of members.entries()) {
      const days: string[] = [];
      for (let d = FIRST_DAY; d <= LAST_DAY; d = addDays(d, 1)) days.push(d);
      await activity.writeDays(memberId, [{ day: LAST_DAY, counts: { comment: 1 }, signals: {} }], []);
      await scores.writeEstimates(
        memberId,
        days.map((d) => estimateFor(d, 8 + (i % 10))),
      );
      const readings: OfficialReading[] = days
        .filter((_, k) => k % 7 === 0)
        .map((d) => {
          const pillars = Object.fromEntries(
            PILLARS.map((p) => [p, Math.round((6 + random() * 10) * 1e6) / 1e6]),
          ) as OfficialReading['pillars'];
          return {
            memberId,
            observedAt: `${d}T09:00:00.000Z`,
            receivedAt: `${d}T09:00:00.000Z`,
            source: 'typed',
            overall: Math.round(Object.values(pillars).reduce((a, b) => a + b, 0) * 1e6) / 1e6,
            pillars,
            readingHash: `${memberId}-${d}`,
          };
        });
      await scores.saveReadings(memberId, readings);
      const findings: Finding[] = [0, 1, 2].map((k) => ({
        memberId,
        type: 'STALE',
        pillar: k === 0 ? 'overall' : (PILLARS[k] ?? 'brand'),
        from: addDays(LAST_DAY, -60 - 90 * k),
        to: addDays(LAST_DAY, -30 - 90 * k),
        detectedAt: `${LAST_DAY}T00:00:00.000Z`,
        evidence: { daysSpanned: 30 },
      }));
      await scores.saveFindings(memberId, findings);
      await putMember(teams, memberId, { displayName: `Member ${i}`, teams: ['bench'] });
    }
    const seededIn = (performance.now() - started) / 1000;

    const api = await startHttpApi({ handler: handlers.api });
    const measure = async (name: string, path: string, body?: (run: number) => unknown) => {
      const latencies: number[] = [];
      let requests = 0;
      let capacity = 0;
      let bytes = 0;
      for (let run = 0; run < RUNS; run++) {
        const memberId = members[run % members.length] as string;
        meter.requests = 0;
        meter.capacity = 0;
        const t0 = performance.now();
        const response = await fetch(
          `${api.url}${path.replace('{member}', memberId)}`,
          body
            ? {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(body(run)),
              }
            : undefined,
        );
        const answer = await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== (body ? 201 : 200)) throw new Error(`${name}: HTTP ${response.status}`);
        requests = meter.requests;
        capacity = meter.capacity;
        bytes = answer.byteLength;
      }
      return {
        name,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        requests,
        capacity,
        bytes,
      };
    };
    const results = [
      await measure('estimates, one year', `/members/{member}/estimates?from=${YEAR_FROM}&to=${LAST_DAY}`),
      await measure('findings', '/members/{member}/findings'),
      await measure(`leaderboard, ${MEMBERS} members`, `/teams/bench/leaderboard?date=${LAST_DAY}`),
      await measure('report page, one year', `/members/{member}/report?from=${YEAR_FROM}&to=${LAST_DAY}`),
      // A new reading for a member with three years of weekly ones: stored, then the refit and the findings.
      await measure('POST one reading', '/members/{member}/official-scores', (run) => {
        const pillars = Object.fromEntries(
          PILLARS.map((p) => [p, 10 + (run % 5) / 10]),
        ) as OfficialReading['pillars'];
        return {
          observedAt: `${LAST_DAY}T${String(10 + Math.floor(run / MEMBERS)).padStart(2, '0')}:00:00.000Z`,
          overall: Object.values(pillars).reduce((a, b) => a + b, 0),
          pillars,
        };
      }),
    ];
    await api.close();

    console.log(`seeded ${MEMBERS} members × 3 years in ${seededIn.toFixed(1)} s; ${RUNS} runs per call\n`);
    console.log('call                          p50 ms   p95 ms   DynamoDB requests   read units   response');
    for (const r of results) {
      console.log(
        `${r.name.padEnd(28)} ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}  ${String(r.requests).padStart(18)}  ${r.capacity.toFixed(1).padStart(11)}   ${(r.bytes / 1024).toFixed(0)} KB`,
      );
    }
    const board = results[2];
    console.log(
      `\nleaderboard: ${((board?.requests ?? 0) / MEMBERS).toFixed(2)} DynamoDB requests per member`,
    );
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(
      'bench/out/api-results.json',
      JSON.stringify({ members: MEMBERS, runs: RUNS, results }, null, 2),
    );
  } finally {
    await parts.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
