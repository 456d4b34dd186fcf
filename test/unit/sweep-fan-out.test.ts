import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SqsBatchSink } from '../../shared/aws/sqs';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/1/sweep';

import { describeNewcomers } from '../../bin/commands/sweep';
import { addDays } from '../../shared/domain/days';
import { type Calibration, type Finding, PILLARS, type PopulationPrior } from '../../shared/domain/pillars';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { fitCalibration } from '../../shared/model/calibration';
import type { FindingPublisher } from '../../shared/notify/finding-publisher';
import type { ScoresDeps } from '../../shared/scores/member-scores';
import { coordinateSweep, MEMBERS_PER_BATCH, SWEEP_PAGE_SIZE, sweep } from '../../shared/scores/sweep';
import { MemoryScoresStore } from '../support/memory-scores-store';
import { MemoryStore } from '../support/memory-store';
import { dailyEstimate, officialReading, pillars } from '../support/scores-builders';

const depsWith = (scores: MemoryScoresStore, publisher: FindingPublisher): ScoresDeps => ({
  activity: new MemoryStore(),
  scores,
  publisher,
  thresholds: DEFAULT_THRESHOLDS,
  now: () => new Date('2026-04-01T00:00:00Z'),
});

describe('the fanned-out sweep', () => {
  it('hands out every registered member once, in batches, paging the registry', async () => {
    const scores = new MemoryScoresStore();
    const count = SWEEP_PAGE_SIZE + 30;
    for (let i = 0; i < count; i++) await scores.registerMember(`m${String(i).padStart(5, '0')}`);
    let pages = 0;
    const paging = new Proxy(scores, {
      get: (target, property, receiver) =>
        property === 'listMembersPage'
          ? (limit: number, cursor?: string) => {
              pages++;
              return target.listMembersPage(limit, cursor);
            }
          : Reflect.get(target, property, receiver),
    });
    const batches: (readonly string[])[] = [];
    const result = await coordinateSweep(depsWith(paging, { delivers: false, publish: async () => {} }), {
      send: async (sent) => void batches.push(...sent),
    });
    expect(pages).toBe(2);
    expect(result).toMatchObject({ members: count, batches: batches.length });
    expect(batches.every((batch) => batch.length <= MEMBERS_PER_BATCH)).toBe(true);
    expect(batches.flat()).toEqual(await scores.listMembers());
  });

  it('learns the prior first and says how it places a member without readings', async () => {
    const scores = new MemoryScoresStore();
    const deps = depsWith(scores, { delivers: false, publish: async () => {} });
    expect((await coordinateSweep(deps, { send: async () => {} })).newcomers).toBeUndefined();
    // Three members whose official score is raw − 2 (a little scatter), each at a level of their own.
    for (const [i, memberId] of ['c0', 'c1', 'c2'].entries()) {
      await scores.registerMember(memberId);
      const estimates = Array.from({ length: 100 }, (_, n) =>
        dailyEstimate(addDays('2026-01-01', n), pillars(6 + 4 * i + 2 * Math.sin(n / 9))),
      );
      const readings = estimates
        .filter((_, n) => n >= 60 && n % 3 === 0)
        .map((e, k) =>
          officialReading(memberId, `${e.day}T09:00:00.000Z`, pillars(e.pillars.brand - 2 + 0.05 * (k % 3))),
        );
      await scores.saveCalibration(
        fitCalibration({
          memberId,
          readings,
          estimates,
          fittedAt: '2026-04-01T00:00:00.000Z',
        }) as Calibration,
      );
    }
    const { newcomers } = await coordinateSweep(deps, { send: async () => {} });
    expect(newcomers?.members).toBe(3);
    expect(Object.keys(newcomers?.ways ?? {}).sort()).toEqual([...PILLARS].sort());
    const prior = (await scores.loadPrior()) as PopulationPrior;
    expect(newcomers?.expectedTotalError).toEqual(prior.expectedError.total);
    for (const pillar of PILLARS)
      expect(newcomers?.ways[pillar]).toBe(
        prior.map?.pillars[pillar] ? 'map' : prior.pillars[pillar].between?.slope === 1 ? 'raw' : 'line',
      );
    const said = describeNewcomers(newcomers as NonNullable<typeof newcomers>);
    expect(said).toMatch(
      /^Members without readings are placed from 3 calibrated teammate\(s\): .+ by .+\. Expect ±\d+\.\d points on the total \(the raw estimate: ±\d+\.\d\)\.$/,
    );
    for (const pillar of PILLARS) expect(said).toContain(pillar);
  });

  it('publishes pending findings through the workers, once, whatever the number of sweeps', async () => {
    const scores = new MemoryScoresStore();
    const raised: Finding = {
      memberId: 'pub',
      type: 'STALE',
      pillar: 'overall',
      from: '2026-02-01',
      to: '2026-02-20',
      detectedAt: '2026-02-20T00:00:00.000Z',
      evidence: {},
      status: 'open',
    };
    await scores.registerMember('pub');
    await scores.saveFindings('pub', [raised]);
    const sent: Finding[] = [];
    const deps = depsWith(scores, { delivers: true, publish: async (f) => void sent.push(...f) });
    expect(await sweep(deps)).toMatchObject({ members: 1, batches: 1 });
    await sweep(deps);
    expect(sent).toEqual([raised]);
  });
});

describe('SqsBatchSink', () => {
  const sqs = mockClient(SQSClient);
  beforeEach(() => sqs.reset());
  // The mock patches SQSClient's prototype: unit files share a worker's module graph (isolate: false).
  afterAll(() => sqs.restore());
  const sink = () => new SqsBatchSink(new SQSClient({ region: 'eu-west-1' }), QUEUE_URL, async () => {});

  it('sends ten batches a SendMessageBatch and resends what SQS failed on its side', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [{ Id: '3', SenderFault: false, Code: 'InternalError' }] })
      .resolves({ Successful: [], Failed: [] });
    await sink().send(Array.from({ length: 12 }, (_, i) => [`m${i}`]));
    const bodies = sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input);
    expect(bodies.map((body) => body.Entries?.length)).toEqual([10, 1, 2]);
    expect(bodies.every((body) => body.QueueUrl === QUEUE_URL)).toBe(true);
    expect(JSON.parse(bodies[1]?.Entries?.[0]?.MessageBody ?? '')).toEqual({ memberIds: ['m3'] });
  });

  it('throws on a sender fault (a bug, not weather)', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolves({ Failed: [{ Id: '0', SenderFault: true, Code: 'InvalidParameterValue' }] });
    await expect(sink().send([['m']])).rejects.toThrow('InvalidParameterValue');
  });

  it('gives up after five attempts when SQS keeps failing an entry', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolves({ Failed: [{ Id: '0', SenderFault: false, Code: 'InternalError' }] });
    await expect(sink().send([['m']])).rejects.toThrow('5 times');
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(5);
  });
});
