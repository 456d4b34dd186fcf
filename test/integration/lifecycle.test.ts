import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import type { Calibration, Finding } from '../../shared/domain/pillars';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import type { FindingPublisher } from '../../shared/notify/finding-publisher';
import { recordReadings, type ScoresDeps } from '../../shared/scores/member-scores';
import { sweep } from '../../shared/scores/sweep';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { DynamoDbScoresStore } from '../../shared/store/dynamodb/scores-store';
import { dailyEstimate, officialReading, pillars } from '../support/scores-builders';
import { createLocalTable, localDocumentClient } from '../support/table-dump';

/**
 * The pooled prior and the findings lifecycle through the real store. A table of its own: the prior is one item
 * per deployment (`POPULATION` / `PRIOR`), and other files' members must not feed it.
 */
const client = localDocumentClient(inject('dynamoEndpoint'));
const tableName = `pillarwatch-lifecycle-${process.pid}`;
const FIRST = '2026-01-01';
const day = (n: number) => addDays(FIRST, n);

const sent: Finding[] = [];
const publisher: FindingPublisher = { delivers: true, publish: async (f) => void sent.push(...f) };
let clock = new Date('2026-03-01T00:00:00Z');
let deps: ScoresDeps;

beforeAll(async () => {
  await createLocalTable(inject('dynamoEndpoint'), tableName);
  deps = {
    activity: new DynamoDbActivityStore(client, tableName),
    scores: new DynamoDbScoresStore(client, tableName),
    publisher,
    thresholds: DEFAULT_THRESHOLDS,
    now: () => clock,
  };
});

/** 40 days of raw estimates rising from `base` by 0.1 per pillar a day. */
const writeEstimates = (memberId: string, base: number) =>
  deps.scores.writeEstimates(
    memberId,
    Array.from({ length: 40 }, (_, n) => dailyEstimate(day(n), pillars(base + 0.1 * n))),
  );

describe('the pooled prior, learned by the sweep', () => {
  it('calibrates a member with 0 readings from teammates with readings', async () => {
    for (const [i, memberId] of ['pa', 'pb', 'pc'].entries()) {
      await deps.scores.registerMember(memberId);
      await writeEstimates(memberId, 8 + i);
      // Official = raw − 2 per pillar, a little scatter so nothing looks frozen.
      const readings = Array.from({ length: 10 }, (_, n) =>
        officialReading(
          memberId,
          `${day(3 * n)}T09:00:00.000Z`,
          pillars(8 + i + 0.3 * n - 2 + 0.05 * ((n % 3) - 1)),
        ),
      );
      await recordReadings(deps, memberId, readings);
    }
    await deps.scores.registerMember('newcomer');
    await writeEstimates('newcomer', 10);
    expect(await deps.scores.loadPrior()).toBeUndefined();
    expect(await deps.scores.loadCalibration('newcomer')).toBeUndefined();

    await sweep(deps);
    const prior = await deps.scores.loadPrior();
    expect(prior?.members).toBe(3);
    const calibration = (await deps.scores.loadCalibration('newcomer')) as Calibration;
    expect(calibration).toMatchObject({ basis: 'population', readings: 0 });
    // The team's map: about raw − 2.
    expect(calibration.pillars.brand.slope * 10 + calibration.pillars.brand.intercept).toBeCloseTo(8, 0);
    // Teammates refitted with the prior: pooled.
    expect((await deps.scores.loadCalibration('pa'))?.basis).toBe('pooled');
  });
});

describe('findings with a lifecycle, through the store', () => {
  it('opens STALE once, announces it once, and resolves it when the score moves again', async () => {
    await deps.scores.registerMember('frozen');
    await writeEstimates('frozen', 10);
    const frozen = pillars(9.101, 8.2, 7.3, 6.4);
    sent.length = 0;
    // One reading a day, as a tracker would post them: identical for 16 days (the estimate rose 1.5 meanwhile).
    for (let n = 0; n <= 15; n++) {
      clock = new Date(`${day(n)}T10:00:00Z`);
      await recordReadings(deps, 'frozen', [officialReading('frozen', `${day(n)}T09:00:00.000Z`, frozen)]);
    }
    const opened = sent.filter((f) => f.memberId === 'frozen' && f.type === 'STALE');
    expect(opened.map((f) => [f.pillar, f.status, f.flaggedOnDay])).toContainEqual([
      'overall',
      'open',
      day(14),
    ]);
    const announced = opened.length;

    clock = new Date(`${day(16)}T12:00:00Z`);
    const moved = await recordReadings(deps, 'frozen', [
      {
        ...officialReading('frozen', `${day(16)}T09:00:00.000Z`, pillars(10.5, 9.3, 8.4, 7.2)),
        receivedAt: `${day(16)}T11:00:00.000Z`,
      },
    ]);
    expect(moved.evaluation?.fresh).toEqual([]);
    const stale = (await deps.scores.listFindings('frozen')).find(
      (f) => f.type === 'STALE' && f.pillar === 'overall',
    );
    expect(stale).toMatchObject({
      status: 'resolved',
      resolution: 'moved-again',
      resolvedOnDay: day(16),
      resolvedAt: `${day(16)}T11:00:00.000Z`,
      firstEvidenceDay: day(0),
      flaggedOnDay: day(14),
    });
    // Nothing announced twice, and nothing left pending for the sweep.
    await sweep(deps);
    expect(sent.filter((f) => f.memberId === 'frozen' && f.type === 'STALE')).toHaveLength(announced);
    expect(await deps.scores.listUnpublishedFindings('frozen')).toEqual([]);
  });

  it('keeps DIVERGENT open while the wrong values are the newest readings, which the level follows', async () => {
    await deps.scores.registerMember('diverger');
    await writeEstimates('diverger', 10);
    sent.length = 0;
    // A reading a day, official = raw − 1 (a little scatter), then LinkedIn shows people 7 points low for a week:
    // the calibration's level follows the last week, so only the line as fitted still sees the divergence.
    for (let n = 0; n <= 36; n++) {
      const raw = 10 + 0.1 * n;
      const scatter = 0.05 * ((n % 3) - 1);
      const people = raw - 1 + scatter - (n >= 30 ? 7 : 0);
      clock = new Date(`${day(n)}T10:00:00Z`);
      await recordReadings(deps, 'diverger', [
        officialReading('diverger', `${day(n)}T09:00:00.000Z`, pillars(raw - 1 + scatter, people)),
      ]);
    }
    const divergent = (await deps.scores.listFindings('diverger')).filter((f) => f.type === 'DIVERGENT');
    expect(divergent.map((f) => [f.pillar, f.status, f.from])).toContainEqual(['people', 'open', day(30)]);
    expect(sent.filter((f) => f.memberId === 'diverger' && f.type === 'DIVERGENT').length).toBeGreaterThan(0);
  });
});
