import { describe, expect, it } from 'vitest';
import {
  type Calibration,
  type DailyEstimate,
  type OfficialReading,
  PILLAR_MAX,
  PILLARS,
  type Pillar,
  type PillarScores,
} from '../../shared/domain/pillars';
import { applyCalibration, fitCalibration } from '../../shared/model/calibration';
import {
  CALIBRATION_LEVEL_HALF_LIFE_DAYS,
  INTERCEPT_BOUNDS,
  MODEL_VERSION,
  SLOPE_BOUNDS,
} from '../../shared/model/parameters';

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** Deterministic noise in [−1, 1) (xorshift32) so fits are reproducible. */
const noise = (() => {
  let seed = 0x1badb002;
  return () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) / 0x100000000) * 2 - 1;
  };
})();

const sum = (scores: PillarScores) => PILLARS.reduce((total, pillar) => total + scores[pillar], 0);

const estimate = (n: number, pillars: PillarScores): DailyEstimate => ({
  day: day(n),
  modelVersion: MODEL_VERSION,
  pillars,
  total: sum(pillars),
  confidence: { brand: 1, people: 1, insights: 1, relationships: 1, total: 1 },
  contributions: { brand: {}, people: {}, insights: {}, relationships: {} },
});

const reading = (n: number, pillars: PillarScores, time = '15:30:00.000Z'): OfficialReading => ({
  memberId: 'm',
  observedAt: `${day(n)}T${time}`,
  receivedAt: `${day(n)}T18:00:00.000Z`,
  source: 'api-json',
  overall: sum(pillars),
  pillars,
  readingHash: `h${n}`,
});

const clamp = (x: number) => Math.min(PILLAR_MAX, Math.max(0, x));

/** The map LinkedIn applies in these tests: per pillar, official = slope · raw + intercept (+ noise). */
const TRUTH: Record<Pillar, { slope: number; intercept: number }> = {
  brand: { slope: 1.4, intercept: 2 },
  people: { slope: 0.8, intercept: 4 },
  insights: { slope: 1.1, intercept: -1 },
  relationships: { slope: 1.5, intercept: 0.5 },
};

/** Raw estimates that wander over 3–15, with readings on every third day; the true map stays inside 0–25. */
const synthetic = (readings: number, noiseAmplitude = 0.5) => {
  const estimates: DailyEstimate[] = [];
  const official: OfficialReading[] = [];
  for (let n = 0; n < readings * 3; n++) {
    const raw = Object.fromEntries(
      PILLARS.map((pillar, p) => [pillar, 3 + 6 * (1 + Math.sin(n / 9 + p))]),
    ) as PillarScores;
    estimates.push(estimate(n, raw));
    if (n % 3 === 0) {
      const truth = Object.fromEntries(
        PILLARS.map((pillar) => [
          pillar,
          clamp(TRUTH[pillar].slope * raw[pillar] + TRUTH[pillar].intercept + noiseAmplitude * noise()),
        ]),
      ) as PillarScores;
      official.push(reading(n, truth));
    }
  }
  return { estimates, readings: official };
};

const calibrate = (estimates: DailyEstimate[], readings: OfficialReading[]) =>
  fitCalibration({ memberId: 'm', estimates, readings, fittedAt: '2025-06-01T00:00:00.000Z' });

describe('fitCalibration', () => {
  it('recovers a known linear map from noisy readings and lowers the error', () => {
    const { estimates, readings } = synthetic(60);
    const calibration = calibrate(estimates, readings) as Calibration;
    expect(calibration).toMatchObject({ memberId: 'm', modelVersion: MODEL_VERSION, readings: 60 });
    // The line as fitted, before its level follows the last week's few readings (and their noise).
    const asFitted = fitCalibration({
      memberId: 'm',
      estimates,
      readings,
      fittedAt: '2025-06-01T00:00:00.000Z',
      levelHalfLifeDays: Number.POSITIVE_INFINITY,
    }) as Calibration;
    for (const pillar of PILLARS) {
      // The prior pulls a little toward the identity and recency weights leave about thirty effective readings
      // of the sixty: within 0.15.
      expect(Math.abs(asFitted.pillars[pillar].slope - TRUTH[pillar].slope), pillar).toBeLessThan(0.15);
      expect(Math.abs(asFitted.pillars[pillar].intercept - TRUTH[pillar].intercept), pillar).toBeLessThan(1);
      expect(calibration.pillars[pillar].slope, pillar).toBe(asFitted.pillars[pillar].slope);
    }
    for (const scope of [...PILLARS, 'total'] as const) {
      const { raw, inSample, leaveOneOut } = calibration.mae[scope];
      expect(inSample, scope).toBeLessThan(raw);
      expect(leaveOneOut, scope).toBeLessThan(raw);
      expect(leaveOneOut, scope).toBeGreaterThanOrEqual(inSample);
    }
    // Noise of ±0.5 per pillar (mean 0.25): the calibrated error is about the noise (a little more: recent
    // readings weigh more), the raw error is several points.
    expect(calibration.mae.brand.inSample).toBeLessThan(0.45);
    expect(calibration.mae.total.raw).toBeGreaterThan(5);
  });

  it('stays near the identity when the readings agree with the model', () => {
    const estimates = Array.from({ length: 10 }, (_, n) =>
      estimate(n, { brand: 5 + n, people: 8, insights: 3 + n / 2, relationships: 12 - n / 3 }),
    );
    const readings = estimates.map((e, n) => reading(n, e.pillars));
    const calibration = calibrate(estimates, readings) as Calibration;
    for (const pillar of PILLARS) {
      expect(calibration.pillars[pillar].slope).toBeCloseTo(1, 6);
      expect(calibration.pillars[pillar].intercept).toBeCloseTo(0, 6);
      expect(calibration.mae[pillar]).toEqual({ raw: 0, inSample: 0, leaveOneOut: 0 });
    }
  });

  it('with few readings close together, keeps the slope near 1 and moves the level', () => {
    const estimates = Array.from({ length: 5 }, (_, n) =>
      estimate(n, { brand: 10 + n / 10, people: 6, insights: 4, relationships: 8 }),
    );
    const readings = estimates.map((e, n) =>
      reading(n, { ...e.pillars, brand: e.pillars.brand + 3 + 0.2 * noise() }),
    );
    const { pillars, mae } = calibrate(estimates, readings) as Calibration;
    expect(pillars.brand.slope).toBeGreaterThan(0.8);
    expect(pillars.brand.slope).toBeLessThan(1.3);
    expect(mae.brand.inSample).toBeLessThan(mae.brand.raw / 2);
    expect(pillars.people).toEqual({ slope: 1, intercept: 0 });
  });

  it('needs five readings paired with an estimate of their UTC day', () => {
    const { estimates, readings } = synthetic(5);
    expect(calibrate(estimates, readings)?.readings).toBe(5);
    expect(calibrate(estimates, readings.slice(0, 4))).toBeUndefined();
    // A reading on a day without an estimate is skipped, which leaves four.
    const unpaired = { ...(readings[0] as OfficialReading), observedAt: `${day(500)}T10:00:00.000Z` };
    expect(calibrate(estimates, [unpaired, ...readings.slice(1)])).toBeUndefined();
    // 01:30 at +02:00 is 23:30 UTC the day before: paired with that day's estimate, not the local one.
    const shifted = readings.map((r, i) => (i === 0 ? { ...r, observedAt: `${day(1)}T01:30:00+02:00` } : r));
    expect(calibrate(estimates, shifted)?.readings).toBe(5);
    const late = readings.map((r, i) => (i === 0 ? { ...r, observedAt: `${day(0)}T01:30:00+02:00` } : r));
    expect(calibrate(estimates, late)).toBeUndefined();
    // Estimates of another model version do not pair.
    expect(
      calibrate(
        estimates.map((e) => ({ ...e, modelVersion: 'v0' })),
        readings,
      ),
    ).toBeUndefined();
  });

  it('keeps slope and intercept within bounds and outputs within 0–25 on adversarial readings', () => {
    const estimates = Array.from({ length: 8 }, (_, n) =>
      estimate(n, { brand: 10, people: n, insights: n * 3, relationships: 0.01 * n }),
    );
    const wild = estimates.map((_, n) =>
      reading(n, {
        brand: n % 2 === 0 ? 1000 : -1000, // contradictory on the same raw value
        people: 500 * n, // slope 500
        insights: -40 * n, // steep negative slope
        relationships: 24 + n, // flat raw, official far above it
      }),
    );
    const calibration = calibrate(estimates, wild) as Calibration;
    for (const pillar of PILLARS) {
      const { slope, intercept } = calibration.pillars[pillar];
      expect(slope, pillar).toBeGreaterThanOrEqual(SLOPE_BOUNDS.min);
      expect(slope, pillar).toBeLessThanOrEqual(SLOPE_BOUNDS.max);
      expect(intercept, pillar).toBeGreaterThanOrEqual(INTERCEPT_BOUNDS.min);
      expect(intercept, pillar).toBeLessThanOrEqual(INTERCEPT_BOUNDS.max);
    }
    expect(calibration.pillars.people.slope).toBe(SLOPE_BOUNDS.max);
    expect(calibration.pillars.insights.slope).toBe(SLOPE_BOUNDS.min);
    for (const e of estimates) {
      const calibrated = applyCalibration(e, calibration);
      for (const pillar of PILLARS) {
        expect(calibrated?.pillars[pillar]).toBeGreaterThanOrEqual(0);
        expect(calibrated?.pillars[pillar]).toBeLessThanOrEqual(PILLAR_MAX);
      }
    }
    for (const scope of [...PILLARS, 'total'] as const) {
      expect(Number.isFinite(calibration.mae[scope].leaveOneOut), scope).toBe(true);
    }
  });

  it('moves the level to where the last weeks of readings stand, keeping the slope of the months before', () => {
    // LinkedIn's score drifts 2.5 points above the model's line over the last three weeks of a 180-day history
    // (a memory the model does not share); the slope does not change.
    const { estimates, readings } = synthetic(60);
    const drifted = readings.map((r, i) => {
      const lift = i >= 53 ? 2.5 : 0;
      const pillars = { ...r.pillars, people: r.pillars.people + lift };
      return { ...r, pillars, overall: sum(pillars) };
    });
    const calibrateWith = (levelHalfLifeDays?: number) =>
      fitCalibration({
        memberId: 'm',
        estimates,
        readings: drifted,
        fittedAt: '2025-06-01T00:00:00.000Z',
        ...(levelHalfLifeDays !== undefined ? { levelHalfLifeDays } : {}),
      }) as Calibration;
    const tracked = calibrateWith();
    const asFitted = calibrateWith(Number.POSITIVE_INFINITY);
    const last = drifted.at(-1) as OfficialReading;
    const lastEstimate = estimates.find((e) => e.day === last.observedAt.slice(0, 10)) as DailyEstimate;
    const miss = (calibration: Calibration) =>
      Math.abs((applyCalibration(lastEstimate, calibration)?.pillars.people as number) - last.pillars.people);
    expect(miss(asFitted)).toBeGreaterThan(1);
    expect(miss(tracked)).toBeLessThan(miss(asFitted) / 2);
    expect(tracked.pillars.people.slope).toBe(asFitted.pillars.people.slope);
    expect(tracked.levelHalfLifeDays).toBe(CALIBRATION_LEVEL_HALF_LIFE_DAYS);
    // Pillars without a drift barely move: their residuals average out.
    expect(Math.abs(tracked.pillars.brand.intercept - asFitted.pillars.brand.intercept)).toBeLessThan(0.3);
  });

  it('skips readings with non-finite values', () => {
    const { estimates, readings } = synthetic(6);
    const broken = readings.map((r, i) =>
      i === 0 ? { ...r, pillars: { ...r.pillars, people: Number.NaN } } : r,
    );
    expect(calibrate(estimates, broken)?.readings).toBe(5);
  });
});

describe('applyCalibration', () => {
  const calibration: Calibration = {
    memberId: 'm',
    modelVersion: MODEL_VERSION,
    fittedAt: '2025-06-01T00:00:00.000Z',
    readings: 5,
    pillars: {
      brand: { slope: 2, intercept: 1 },
      people: { slope: 1, intercept: -3 },
      insights: { slope: 0.5, intercept: 0.25 },
      relationships: { slope: 3, intercept: 0 },
    },
    mae: Object.fromEntries(
      [...PILLARS, 'total'].map((scope) => [scope, { raw: 0, inSample: 0, leaveOneOut: 0 }]),
    ) as Calibration['mae'],
  };

  it('maps each pillar, clamps to 0–25 and sums the total', () => {
    const result = applyCalibration(
      estimate(0, { brand: 5, people: 2, insights: 7.333, relationships: 10 }),
      calibration,
    );
    expect(result).toEqual({
      pillars: { brand: 11, people: 0, insights: 3.92, relationships: 25 },
      total: 39.92,
    });
  });

  it('does not apply a calibration fitted on another model version', () => {
    expect(
      applyCalibration(
        { ...estimate(0, { brand: 1, people: 1, insights: 1, relationships: 1 }), modelVersion: 'v0' },
        calibration,
      ),
    ).toBeUndefined();
  });
});
