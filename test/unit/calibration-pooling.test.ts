import { describe, expect, it } from 'vitest';
import {
  type Calibration,
  type DailyEstimate,
  type OfficialReading,
  PILLARS,
  type Pillar,
  type PillarScores,
  type PopulationPrior,
} from '../../shared/domain/pillars';
import { applyCalibration, fitCalibration, fitPopulationPrior } from '../../shared/model/calibration';
import { CALIBRATION_HALF_LIFE_DAYS, MODEL_VERSION } from '../../shared/model/parameters';
import { populationLines } from '../../shared/model/population-map';
import { dailyEstimate, officialReading } from '../support/scores-builders';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** Deterministic noise in [−1, 1) (xorshift32). */
const makeNoise = (seed: number) => () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return ((seed >>> 0) / 0x100000000) * 2 - 1;
};

const lines4 = (value: number): PillarScores =>
  Object.fromEntries(PILLARS.map((pillar) => [pillar, value])) as PillarScores;

type Lines = Record<Pillar, { slope: number; intercept: number }>;
const lines = (slope: number, intercept: number): Lines => ({
  brand: { slope, intercept },
  people: { slope, intercept },
  insights: { slope, intercept },
  relationships: { slope, intercept },
});

/** A member with raw estimates wandering over 4–16 and a reading every `every` days from the official `truth(n)`. */
const member = (
  memberId: string,
  {
    days = 180,
    every = 3,
    truth = (_n: number): Lines => lines(1, 0),
    noise = 0.3,
    seed = 7,
    phase = 0,
  } = {},
) => {
  const next = makeNoise(seed);
  const estimates: DailyEstimate[] = [];
  const readings: OfficialReading[] = [];
  for (let n = 0; n < days; n++) {
    const raw = Object.fromEntries(
      PILLARS.map((pillar, p) => [pillar, 10 + 6 * Math.sin((n + phase) / 11 + p)]),
    ) as PillarScores;
    estimates.push(dailyEstimate(day(n), raw, MODEL_VERSION));
    if (n % every === 0) {
      const map = truth(n);
      const official = Object.fromEntries(
        PILLARS.map((pillar) => [
          pillar,
          map[pillar].slope * raw[pillar] + map[pillar].intercept + noise * next(),
        ]),
      ) as PillarScores;
      readings.push(officialReading(memberId, `${day(n)}T09:00:00.000Z`, official));
    }
  }
  return { memberId, estimates, readings };
};

const calibrate = (m: ReturnType<typeof member>, prior?: PopulationPrior, readings = m.readings) =>
  fitCalibration({ ...m, readings, fittedAt: '2026-07-01T00:00:00.000Z', prior });

/** Calibrated total minus the true official total on day n. */
const totalError = (calibration: Calibration, m: ReturnType<typeof member>, truth: Lines, n: number) => {
  const estimate = m.estimates[n] as DailyEstimate;
  const official = PILLARS.reduce(
    (sum, pillar) => sum + truth[pillar].slope * estimate.pillars[pillar] + truth[pillar].intercept,
    0,
  );
  return Math.abs((applyCalibration(estimate, calibration)?.total as number) - official);
};

/** Eight calibrated teammates whose lines scatter around slope 1.2, intercept 3. */
const team = () =>
  Array.from({ length: 8 }, (_, i) => {
    const truth = lines(1.2 + 0.05 * ((i % 3) - 1), 3 + 0.4 * ((i % 4) - 1.5));
    const m = member(`t${i}`, { truth: () => truth, seed: 100 + i, phase: 7 * i });
    return calibrate(m) as Calibration;
  });

describe('calibration that tracks change', () => {
  it('weights recent readings more, so a level shift 60 days ago is followed', () => {
    // The official level rose by 3 points on day 120 of 180.
    const m = member('m', { truth: (n) => lines(1, n < 120 ? 0 : 3) });
    const calibration = calibrate(m) as Calibration;
    expect(calibration.halfLifeDays).toBe(CALIBRATION_HALF_LIFE_DAYS);
    // An unweighted fit lands near +1 per pillar (a third of the readings are after the shift): 8 points total.
    const unweighted = 4 * 2;
    expect(totalError(calibration, m, lines(1, 3), 179)).toBeLessThan(unweighted * 0.75);
  });

  it('fits the member alone (identity pull) when there is no prior: basis member, unpooled equals the lines', () => {
    const m = member('m', { truth: () => lines(1.3, 2) });
    const calibration = calibrate(m) as Calibration;
    expect(calibration.basis).toBe('member');
    for (const pillar of PILLARS) {
      expect(calibration.unpooled?.[pillar].slope).toBe(calibration.pillars[pillar].slope);
      expect(calibration.unpooled?.[pillar].rawMean).toBeGreaterThan(4);
    }
  });
});

describe('fitPopulationPrior', () => {
  it('learns the mean and spread of the members’ own lines, and how many', () => {
    const prior = fitPopulationPrior(team(), '2026-07-01T00:00:00.000Z') as PopulationPrior;
    expect(prior).toMatchObject({ members: 8, modelVersion: MODEL_VERSION });
    for (const pillar of PILLARS) {
      expect(Math.abs(prior.pillars[pillar].slope.mean - 1.2)).toBeLessThan(0.1);
      expect(prior.pillars[pillar].intercept.mean).toBeGreaterThan(2);
      expect(prior.pillars[pillar].intercept.mean).toBeLessThan(4);
      expect(prior.pillars[pillar].slope.sd).toBeGreaterThan(0);
      expect(prior.pillars[pillar].residualSd).toBeGreaterThan(0.1);
      expect(prior.pillars[pillar].residualSd).toBeLessThan(0.5);
    }
    // Members differ by up to ±0.6 per pillar in level: a newcomer can expect about that, far below raw.
    expect(prior.expectedError.total.calibrated).toBeLessThan(3);
    expect(prior.expectedError.total.raw).toBeGreaterThan(10);
  });

  it('places a newcomer where teammates of the same raw level stand, not on the mean of their lines', () => {
    // LinkedIn saturates where the model does not: members who are busier by the model stand lower than their own
    // lines' average says. Each member's line is steep (1.2) around their own level, levels rise only 0.6 per point.
    const levelAt = (raw: number) => 2 + 0.6 * raw;
    const members = [4, 6, 8, 10, 12, 14, 16, 18].map((centre, i) => {
      const truth = (): Lines => lines(1.2, levelAt(centre) - 1.2 * centre);
      const m = member(`s${i}`, { truth, seed: 300 + i, phase: 5 * i });
      // Shift this member's raw estimates to wander around their own centre.
      const shifted = m.estimates.map((e) => ({
        ...e,
        pillars: Object.fromEntries(PILLARS.map((p) => [p, e.pillars[p] - 10 + centre])) as PillarScores,
      }));
      const readings = m.readings.map((r, k) => {
        const n = Math.round((Date.parse(r.observedAt) - Date.parse('2026-01-01')) / 86_400_000);
        const raw = shifted[n]?.pillars as PillarScores;
        const official = Object.fromEntries(
          PILLARS.map((p) => [p, 1.2 * raw[p] + levelAt(centre) - 1.2 * centre + 0.1 * Math.sin(k)]),
        ) as PillarScores;
        return officialReading(m.memberId, r.observedAt, official);
      });
      return fitCalibration({
        memberId: m.memberId,
        readings,
        estimates: shifted,
        fittedAt: 'now',
      }) as Calibration;
    });
    const prior = fitPopulationPrior(members, 'now') as PopulationPrior;
    const newcomer = fitCalibration({ memberId: 'n', readings: [], estimates: [], fittedAt: 'now', prior });
    const at = (raw: number) =>
      applyCalibration(dailyEstimate('2026-07-01', lines4(raw), MODEL_VERSION), newcomer as Calibration)
        ?.pillars.brand as number;
    const meanLine = prior.pillars.brand;
    // A newcomer at raw 17: teammates there stand at 12.2; the mean line says about 1.2·17 + mean intercept.
    const meanLineSays = meanLine.slope.mean * 17 + meanLine.intercept.mean;
    expect(Math.abs(at(17) - levelAt(17))).toBeLessThan(1);
    expect(Math.abs(meanLineSays - levelAt(17))).toBeGreaterThan(2);
  });

  it('needs three members with their own lines of the current model', () => {
    const calibrations = team();
    expect(fitPopulationPrior(calibrations.slice(0, 2), 'now')).toBeUndefined();
    const withoutOwn = calibrations.map(({ unpooled: _, ...rest }) => rest);
    expect(fitPopulationPrior(withoutOwn, 'now')).toBeUndefined();
    const otherModel = calibrations.map((c) => ({ ...c, modelVersion: 'v0' }));
    expect(fitPopulationPrior(otherModel, 'now')).toBeUndefined();
  });
});

describe('partial pooling', () => {
  const prior = fitPopulationPrior(team(), '2026-07-01T00:00:00.000Z') as PopulationPrior;
  const truth = lines(1.2, 3.5);
  const newcomer = member('new', { truth: () => truth, seed: 999, phase: 3 });

  it('gives a member without readings the population map’s line at their estimates of the day, the between-member line where that predicts the team better, and the expected error', () => {
    const calibration = calibrate(newcomer, prior, []) as Calibration;
    expect(calibration.basis).toBe('population');
    expect(calibration.readings).toBe(0);
    // Members on lines of their own: the map and the line through their levels are close, each wins somewhere.
    const kept = Object.keys(prior.map?.pillars ?? {});
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(4);
    const lines = populationLines(
      prior.map as NonNullable<PopulationPrior['map']>,
      newcomer.estimates,
      '2026-07-01',
    );
    for (const pillar of PILLARS) {
      expect(calibration.pillars[pillar]).toEqual(lines?.[pillar] ?? prior.pillars[pillar].between);
      expect(calibration.mae[pillar].leaveOneOut).toBe(prior.expectedError[pillar].calibrated);
    }
    expect(calibration.mae.total.leaveOneOut).toBe(prior.expectedError.total.calibrated);
    expect(calibration.unpooled).toBeUndefined();
    expect(calibration.mapMoments).toBeUndefined();
    // Within 3 points total where the raw model is ~17 off, on the fit's day and a week before.
    expect(totalError(calibration, newcomer, truth, 179)).toBeLessThan(3);
    expect(totalError(calibration, newcomer, truth, 172)).toBeLessThan(3);
  });

  it('gives a member whose estimates are too short for the map’s lags the prior’s between-member line', () => {
    const calibration = calibrate(
      { ...newcomer, estimates: newcomer.estimates.slice(-30) },
      prior,
      [],
    ) as Calibration;
    expect(calibration.basis).toBe('population');
    for (const pillar of PILLARS) {
      // The team's raw levels are alike, so the between-member line stays near the mean of the members' lines.
      expect(calibration.pillars[pillar].slope).toBeCloseTo(
        prior.pillars[pillar].between?.slope as number,
        3,
      );
      expect(Math.abs(calibration.pillars[pillar].slope - prior.pillars[pillar].slope.mean)).toBeLessThan(
        0.05,
      );
    }
    expect(totalError(calibration, newcomer, truth, 179)).toBeLessThan(3);
  });

  it('calibrates from the first reading and shrinks toward the prior less as readings accumulate', () => {
    const one = calibrate(newcomer, prior, newcomer.readings.slice(-1)) as Calibration;
    expect(one.basis).toBe('pooled');
    expect(one.readings).toBe(1);
    expect(calibrate(newcomer, undefined, newcomer.readings.slice(-1))).toBeUndefined();
    const many = calibrate(newcomer, prior) as Calibration;
    expect(many.basis).toBe('pooled');
    expect(many.unpooled).toBeDefined();
    expect(totalError(many, newcomer, truth, 179)).toBeLessThan(1);
    for (const scope of [...PILLARS, 'total'] as const)
      expect(Number.isFinite(one.mae[scope].leaveOneOut), scope).toBe(true);
  });

  it('pulls a member who differs from the team only as far as their readings say', () => {
    const outlier = lines(0.9, -2);
    const m = member('odd', { truth: () => outlier, seed: 5 });
    const few = calibrate(m, prior, m.readings.slice(-2)) as Calibration;
    const all = calibrate(m, prior) as Calibration;
    const fromPrior = calibrate(m, prior, []) as Calibration;
    const err = (c: Calibration) => totalError(c, m, outlier, 170);
    expect(err(few)).toBeLessThan(err(fromPrior));
    expect(err(all)).toBeLessThan(err(few));
    expect(err(all)).toBeLessThan(1);
  });

  it('ignores a prior of another model version', () => {
    expect(calibrate(newcomer, { ...prior, modelVersion: 'v0' }, [])).toBeUndefined();
  });
});
