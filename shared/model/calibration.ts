import {
  type Calibration,
  type DailyEstimate,
  type OfficialReading,
  PILLAR_MAX,
  PILLARS,
  type Pillar,
  type PillarScores,
} from '../domain/pillars';
import { utcDay } from '../export/dates';
import {
  CALIBRATION_PRIOR_READINGS,
  INTERCEPT_BOUNDS,
  MIN_CALIBRATION_READINGS,
  MODEL_VERSION,
  SLOPE_BOUNDS,
} from './parameters';

export interface CalibrationInput {
  memberId: string;
  /** The member's official readings; each is paired with the estimate of its observation day (UTC). */
  readings: readonly OfficialReading[];
  /** The member's estimates of the current model version (others are ignored). */
  estimates: readonly DailyEstimate[];
  /** ISO time of the fit (the caller's clock: this module is pure). */
  fittedAt: string;
}

interface Line {
  slope: number;
  intercept: number;
}

/** One reading next to the estimate of its day. */
interface Pair {
  raw: DailyEstimate;
  official: OfficialReading;
}

const clampPillar = (x: number): number => Math.min(PILLAR_MAX, Math.max(0, x));
const clamp = (x: number, bounds: { min: number; max: number }): number =>
  Math.min(bounds.max, Math.max(bounds.min, x));
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (values: readonly number[]): number => values.reduce((sum, x) => sum + x, 0) / values.length;
const predict = (line: Line, raw: number): number => clampPillar(line.slope * raw + line.intercept);

/**
 * Per member and pillar, a bounded, regularised linear map raw → official (docs/model.md, "Calibration"), with
 * its mean absolute error raw, in-sample and leave-one-out. Readings without an estimate on their day, or with a
 * non-finite value, are skipped; fewer than MIN_CALIBRATION_READINGS usable readings give no calibration.
 */
export const fitCalibration = (input: CalibrationInput): Calibration | undefined => {
  const pairs = pairReadings(input.readings, input.estimates);
  if (pairs.length < MIN_CALIBRATION_READINGS) return undefined;

  const lines = {} as Record<Pillar, Line>;
  const fitted = {} as Record<Pillar, number[]>;
  const leftOut = {} as Record<Pillar, number[]>;
  const mae = {} as Calibration['mae'];
  for (const pillar of PILLARS) {
    const points = pairs.map(({ raw, official }) => ({
      raw: raw.pillars[pillar],
      official: official.pillars[pillar],
    }));
    const official = points.map((point) => point.official);
    const line = fitLine(points);
    lines[pillar] = { slope: round(line.slope, 4), intercept: round(line.intercept, 4) };
    fitted[pillar] = points.map((point) => predict(lines[pillar], point.raw));
    leftOut[pillar] = points.map((point, i) => predict(fitLine(points.filter((_, j) => j !== i)), point.raw));
    mae[pillar] = {
      raw: meanError(
        points.map((point) => point.raw),
        official,
      ),
      inSample: meanError(fitted[pillar], official),
      leaveOneOut: meanError(leftOut[pillar], official),
    };
  }
  const sumOfPillars = (values: Record<Pillar, number[]>): number[] =>
    pairs.map((_, i) => PILLARS.reduce((sum, pillar) => sum + (values[pillar][i] as number), 0));
  const overall = pairs.map(({ official }) => official.overall);
  mae.total = {
    raw: meanError(
      pairs.map(({ raw }) => raw.total),
      overall,
    ),
    inSample: meanError(sumOfPillars(fitted), overall),
    leaveOneOut: meanError(sumOfPillars(leftOut), overall),
  };
  return {
    memberId: input.memberId,
    modelVersion: MODEL_VERSION,
    fittedAt: input.fittedAt,
    readings: pairs.length,
    pillars: lines,
    mae,
  };
};

/** Calibrated pillars and total for one estimate; undefined when the calibration was fitted on another model. */
export const applyCalibration = (
  estimate: DailyEstimate,
  calibration: Calibration,
): { pillars: PillarScores; total: number } | undefined => {
  if (estimate.modelVersion !== calibration.modelVersion) return undefined;
  const pillars = {} as PillarScores;
  let total = 0;
  for (const pillar of PILLARS) {
    const value = predict(calibration.pillars[pillar], estimate.pillars[pillar]);
    pillars[pillar] = round(value, 2);
    total += value;
  }
  return { pillars, total: round(total, 2) };
};

const pairReadings = (readings: readonly OfficialReading[], estimates: readonly DailyEstimate[]): Pair[] => {
  const byDay = new Map(
    estimates.filter((estimate) => estimate.modelVersion === MODEL_VERSION).map((e) => [e.day, e]),
  );
  const pairs: Pair[] = [];
  for (const official of readings) {
    const observedAt = Date.parse(official.observedAt);
    if (!Number.isFinite(observedAt)) continue;
    const values = [official.overall, ...PILLARS.map((pillar) => official.pillars[pillar])];
    if (!values.every(Number.isFinite)) continue;
    const raw = byDay.get(utcDay(observedAt));
    if (raw) pairs.push({ raw, official });
  }
  return pairs;
};

const meanError = (predicted: readonly number[], actual: readonly number[]): number =>
  round(mean(predicted.map((value, i) => Math.abs(value - (actual[i] as number)))), 3);

/** The prior spreads its pseudo-readings evenly over 0–25: their first and second moments. */
const PRIOR_MEAN = PILLAR_MAX / 2;
const PRIOR_SQUARE_MEAN = PILLAR_MAX ** 2 / 3;

/**
 * Least squares of official on raw, pulled toward the identity: minimises
 * Σ (slope·raw + intercept − official)² + λ·E[(slope·x + intercept − x)²] for x uniform on 0–25, within the slope
 * and intercept bounds. The objective is a convex quadratic, so its minimum on the box is either the free minimum
 * or the best of the one-dimensional minima along the four edges.
 */
const fitLine = (points: readonly { raw: number; official: number }[]): Line => {
  const lambda = CALIBRATION_PRIOR_READINGS;
  let sr = 0;
  let so = 0;
  let srr = 0;
  let sro = 0;
  for (const { raw, official } of points) {
    sr += raw;
    so += official;
    srr += raw * raw;
    sro += raw * official;
  }
  // objective(a, b) = A·a² + 2B·a·b + C·b² − 2D·a − 2E·b + constant
  const A = srr + lambda * PRIOR_SQUARE_MEAN;
  const B = sr + lambda * PRIOR_MEAN;
  const C = points.length + lambda;
  const D = sro + lambda * PRIOR_SQUARE_MEAN;
  const E = so + lambda * PRIOR_MEAN;
  const objective = ({ slope: a, intercept: b }: Line): number =>
    A * a * a + 2 * B * a * b + C * b * b - 2 * D * a - 2 * E * b;

  const determinant = A * C - B * B;
  const free = { slope: (D * C - B * E) / determinant, intercept: (A * E - B * D) / determinant };
  const inside = (line: Line): boolean =>
    line.slope === clamp(line.slope, SLOPE_BOUNDS) &&
    line.intercept === clamp(line.intercept, INTERCEPT_BOUNDS);
  if (inside(free)) return free;

  const candidates: Line[] = [
    ...[SLOPE_BOUNDS.min, SLOPE_BOUNDS.max].map((slope) => ({
      slope,
      intercept: clamp((E - B * slope) / C, INTERCEPT_BOUNDS),
    })),
    ...[INTERCEPT_BOUNDS.min, INTERCEPT_BOUNDS.max].map((intercept) => ({
      slope: clamp((D - B * intercept) / A, SLOPE_BOUNDS),
      intercept,
    })),
  ];
  return candidates.reduce((best, line) => (objective(line) < objective(best) ? line : best));
};
