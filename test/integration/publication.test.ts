import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Finding } from '../../shared/domain/pillars';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import type { FindingPublisher } from '../../shared/notify/finding-publisher';
import type { ScoresDeps } from '../../shared/scores/member-scores';
import { sweep } from '../../shared/scores/sweep';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { DynamoDbScoresStore } from '../../shared/store/dynamodb/scores-store';
import { createLocalTable, localDocumentClient } from '../support/table-dump';

const client = localDocumentClient(inject('dynamoEndpoint'));
// A table of its own: the sweep reads every registered member, and the shared table holds the whole run's.
const tableName = `publication-${randomUUID()}`;
beforeAll(() => createLocalTable(inject('dynamoEndpoint'), tableName));

const finding = (memberId: string, from: string): Finding => ({
  memberId,
  type: 'STALE',
  pillar: 'overall',
  from,
  to: '2026-03-08',
  detectedAt: '2026-03-08T00:00:00.000Z',
  evidence: { daysSpanned: 35 },
});

describe('findings raised where nothing publishes them (the API)', () => {
  it('stay pending until the daily sweep publishes them, once', async () => {
    const scores = new DynamoDbScoresStore(client, tableName);
    await scores.registerMember('pub-a');
    const raised = [finding('pub-a', '2026-02-01')];
    expect(await scores.saveFindings('pub-a', raised)).toEqual(raised);
    expect(await scores.listUnpublishedFindings('pub-a')).toEqual(raised);

    const sent: Finding[] = [];
    const publisher: FindingPublisher = { delivers: true, publish: async (f) => void sent.push(...f) };
    const deps: ScoresDeps = {
      activity: new DynamoDbActivityStore(client, tableName),
      scores,
      publisher,
      thresholds: DEFAULT_THRESHOLDS,
      now: () => new Date('2026-04-01T00:00:00Z'),
    };
    await sweep(deps);
    expect(sent.filter((f) => f.memberId === 'pub-a')).toEqual(raised);
    expect(await scores.listUnpublishedFindings('pub-a')).toEqual([]);
    // A finding that grows keeps its publication: the next sweep sends nothing again.
    await scores.saveFindings('pub-a', [{ ...raised[0], to: '2026-03-15' } as Finding]);
    sent.length = 0;
    await sweep(deps);
    expect(sent.filter((f) => f.memberId === 'pub-a')).toEqual([]);
  });
});
