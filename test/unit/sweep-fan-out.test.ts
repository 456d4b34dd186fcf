import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SqsBatchSink } from '../../shared/aws/sqs';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/1/sweep';

import type { Finding } from '../../shared/domain/pillars';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import type { FindingPublisher } from '../../shared/notify/finding-publisher';
import type { ScoresDeps } from '../../shared/scores/member-scores';
import { coordinateSweep, MEMBERS_PER_BATCH, SWEEP_PAGE_SIZE, sweep } from '../../shared/scores/sweep';
import { MemoryScoresStore } from '../support/memory-scores-store';
import { MemoryStore } from '../support/memory-store';

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
