import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import { type Calibration, PILLARS } from '../../shared/domain/pillars';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { applyCalibration } from '../../shared/model/calibration';
import { recordReadings, type ScoresDeps } from '../../shared/scores/member-scores';
import { sweep } from '../../shared/scores/sweep';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { DynamoDbScoresStore } from '../../shared/store/dynamodb/scores-store';
import { dailyEstimate, officialReading, pillars } from '../support/scores-builders';
import { createLocalTable, localDocumentClient } from '../support/table-dump';

/**
 * The population map through the real store: members' moments stored with their calibrations, the sweep's map in
 * the prior, and a newcomer placed on the team's curve. A table of its own (the prior is one item per deployment).
 */
const client = localDocumentClient(inject('dynamoEndpoint'));
const tableName = `pillarwatch-population-map-${process.pid}`;
const FIRST = '2026-01-01';
const DAYS = 150;
const day = (n: number) => addDays(FIRST, n);
let clock = new Date(`${day(DAYS)}T06:00:00Z`);
let deps: ScoresDeps;

/** LinkedIn here saturates where the model does not: the same curve for everyone, steep low and flat high. */
const curve = (raw: number) => 25 * (1 - Math.exp(-raw / 12));
/** Raw estimates around `base`, a slow wave of the member's own. */
const rawOf = (base: number, phase: number) => (n: number) =>
  base + 2.5 * Math.sin((n + phase) / 17) + 0.01 * n;

const writeEstimates = (memberId: string, raw: (n: number) => number) =>
  deps.scores.writeEstimates(
    memberId,
    Array.from({ length: DAYS }, (_, n) => dailyEstimate(day(n), pillars(raw(n)))),
  );

beforeAll(async () => {
  await createLocalTable(inject('dynamoEndpoint'), tableName);
  deps = {
    activity: new DynamoDbActivityStore(client, tableName),
    scores: new DynamoDbScoresStore(client, tableName),
    publisher: { delivers: false, publish: async () => {} },
    thresholds: DEFAULT_THRESHOLDS,
    now: () => clock,
  };
});

describe('the population map, learned by the sweep', () => {
  it('places a member without readings on the team’s curve, between the teammates', async () => {
    const team = [4, 8, 14, 20].map((base, i) => ({ memberId: `curve-${i}`, raw: rawOf(base, 7 * i) }));
    for (const { memberId, raw } of team) {
      await deps.scores.registerMember(memberId);
      await writeEstimates(memberId, raw);
      // A reading every other day over the last 80 days, a little scatter.
      const readings = Array.from({ length: 40 }, (_, k) => {
        const n = DAYS - 80 + 2 * k;
        return officialReading(
          memberId,
          `${day(n)}T09:00:00.000Z`,
          pillars(curve(raw(n)) + 0.1 * ((k % 3) - 1)),
        );
      });
      clock = new Date(`${day(DAYS)}T06:00:00Z`);
      await recordReadings(deps, memberId, readings);
      const stored = (await deps.scores.loadCalibration(memberId)) as Calibration;
      expect(stored.mapMoments?.brand.readings).toBe(40);
    }
    const newcomer = rawOf(11, 3);
    await deps.scores.registerMember('curve-new');
    await writeEstimates('curve-new', newcomer);
    await deps.activity.saveCoverage('curve-new', {
      exports: [
        {
          fingerprint: 'curve-new-export',
          exportedAt: `${day(DAYS - 1)}T12:00:00.000Z`,
          windows: { comment: [{ from: day(0), to: day(DAYS - 1) }] },
        },
      ],
    });

    // Half a year after the newcomer's export: their latest estimate is still where the map is applied.
    clock = new Date(`${day(DAYS + 180)}T06:00:00Z`);
    await sweep(deps);
    const prior = await deps.scores.loadPrior();
    expect(prior?.map?.members).toBe(4);
    const calibration = (await deps.scores.loadCalibration('curve-new')) as Calibration;
    expect(calibration).toMatchObject({ basis: 'population', readings: 0 });
    // On the member's latest day each pillar within half a point of the curve, where the raw model is 3 off and the
    // line through the teammates' levels (the prior without the map) twice as far as the map.
    const raw = newcomer(DAYS - 1);
    const calibrated = applyCalibration(dailyEstimate(day(DAYS - 1), pillars(raw)), calibration);
    expect(Math.abs(raw - curve(raw))).toBeGreaterThan(3);
    for (const pillar of PILLARS) {
      const mapMiss = Math.abs((calibrated?.pillars[pillar] as number) - curve(raw));
      const between = prior?.pillars[pillar].between as { slope: number; intercept: number };
      expect(mapMiss).toBeLessThan(0.5);
      expect(mapMiss).toBeLessThan(0.5 * Math.abs(between.slope * raw + between.intercept - curve(raw)));
    }
    // The error it reports is the map's, each teammate predicted from the others.
    expect(calibration.mae.total.leaveOneOut).toBe(prior?.expectedError.total.calibrated);
  });
});
