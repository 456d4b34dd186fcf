import { clamp, MAE_TO_SD, round } from '../domain/numbers';
import {
  type Calibration,
  type CalibrationLine,
  type DailyEstimate,
  type OfficialReading,
  PILLAR_MAX,
  PILLARS,
  type Pillar,
  type PillarScores,
  type PopulationPrior,
  type PriorLine,
} from '../domain/pillars';
import { utcDay } from '../export/dates';
import {
  CALIBRATION_HALF_LIFE_DAYS,
  CALIBRATION_LEVEL_HALF_LIFE_DAYS,
  CALIBRATION_LEVEL_PRIOR_READINGS,
  CALIBRATION_PRIOR_READINGS,
  INTERCEPT_BOUNDS,
  MIN_CALIBRATION_READINGS,
  MODEL_VERSION,
  PRIOR_MAX_CORRELATION,
  PRIOR_MIN_MEMBERS,
  PRIOR_MIN_SD,
  SLOPE_BOUNDS,
} from './parameters';
import {
  chooseNewcomerWays,
  expectedErrors,
  fitPopulationMap,
  type Miss,
  memberMapMoments,
  populationLines,
} from './population-map';

export interface CalibrationInput {
  memberId: string;
  /** The member's official readings; each is paired with the estimate of its observation day (UTC). */
  readings: readonly OfficialReading[];
  /** The member's estimates of the current model version (others are ignored). */
  estimates: readonly DailyEstimate[];
  /** ISO time of the fit (the caller's clock: this module is pure). */
  fittedAt: string;
  /** The deployment's pooled prior (`fitPopulationPrior`); absent or of another model: the identity pull alone. */
  prior?: PopulationPrior;
  /** Recency half-life in days (default CALIBRATION_HALF_LIFE_DAYS; Infinity weighs every reading alike). */
  halfLifeDays?: number;
  /** The level's half-life (default CALIBRATION_LEVEL_HALF_LIFE_DAYS; Infinity: the line as fitted). */
  levelHalfLifeDays?: number;
}

type Line = CalibrationLine;

/** One reading next to the estimate of its day, and its recency weight. */
interface Pair {
  raw: DailyEstimate;
  official: OfficialReading;
  weight: number;
  /** Its weight in the level's move (0 when the level is not tracked). */
  levelWeight: number;
}

interface Point {
  raw: number;
  official: number;
  weight: number;
  /** The point's weight in the level's move; absent: none (the prior's member levels). */
  levelWeight?: number;
}

/**
 * A convex quadratic penalty on a line (slope a, intercept b), in reading units:
 * aa·a² + 2·ab·a·b + bb·b² − 2·(a·a₀ + b·b₀) (+ a constant), i.e. pseudo-readings the fit adds to the real ones.
 */
interface Penalty {
  aa: number;
  ab: number;
  bb: number;
  a: number;
  b: number;
}

const clampPillar = (x: number): number => Math.min(PILLAR_MAX, Math.max(0, x));
const mean = (values: readonly number[]): number => values.reduce((sum, x) => sum + x, 0) / values.length;
const predict = (line: Line, raw: number): number => clampPillar(line.slope * raw + line.intercept);
const roundLine = (line: Line): Line => ({
  slope: round(line.slope, 4),
  intercept: round(line.intercept, 4),
});
const DAY_MS = 86_400_000;

/**
 * Per member and pillar, a bounded, regularised, recency-weighted linear map raw → official (docs/model.md,
 * "Calibration"), pulled toward the population prior when there is one (else toward the identity), with its mean
 * absolute error raw, in-sample and leave-one-out. Readings without an estimate on their day, or with a non-finite
 * value, are skipped. Without a prior, fewer than MIN_CALIBRATION_READINGS usable readings give no calibration;
 * with one, any number does (0 readings: the prior's mean line).
 */
export const fitCalibration = (input: CalibrationInput): Calibration | undefined => {
  const prior = input.prior?.modelVersion === MODEL_VERSION ? input.prior : undefined;
  const halfLifeDays = input.halfLifeDays ?? CALIBRATION_HALF_LIFE_DAYS;
  const levelHalfLifeDays = input.levelHalfLifeDays ?? CALIBRATION_LEVEL_HALF_LIFE_DAYS;
  // A line from a member's sums: leaving one reading out subtracts its share, so the leave-one-out error costs one
  // pass over the readings, not one fit per reading (a member reading daily for two years has 730).
  const trackedLine = (sums: Sums, penalty: Penalty): Line => trackLevel(solveLine(sums, penalty), sums);
  // Estimates of another model version do not pair with this one's calibration.
  const estimates = input.estimates.filter((estimate) => estimate.modelVersion === MODEL_VERSION);
  const pairs = pairReadings(input.readings, estimates, halfLifeDays, levelHalfLifeDays);
  if (!prior && pairs.length < MIN_CALIBRATION_READINGS) return undefined;
  if (prior && pairs.length === 0)
    return {
      ...populationCalibration(input.memberId, input.fittedAt, prior, estimates),
      halfLifeDays,
    };

  // Where the population map puts the member today: the center their own readings are pulled toward.
  const mapped = prior && mapLines(prior, estimates, input.fittedAt);
  const lines = {} as Record<Pillar, Line>;
  const levelShift = {} as Record<Pillar, number>;
  const unpooled = {} as NonNullable<Calibration['unpooled']>;
  const fitted = {} as Record<Pillar, number[]>;
  const leftOut = {} as Record<Pillar, number[]>;
  const mae = {} as Calibration['mae'];
  for (const pillar of PILLARS) {
    const points: Point[] = pairs.map(({ raw, official, weight, levelWeight }) => ({
      raw: raw.pillars[pillar],
      official: official.pillars[pillar],
      weight,
      levelWeight,
    }));
    const sums = sumsOf(points);
    const penalty = prior ? priorPenalty(prior.pillars[pillar], mapped?.[pillar]) : IDENTITY_PENALTY;
    const official = points.map((point) => point.official);
    const fittedLine = solveLine(sums, penalty);
    lines[pillar] = roundLine(trackLevel(fittedLine, sums));
    levelShift[pillar] = round(lines[pillar].intercept - fittedLine.intercept, 4);
    const own = prior ? roundLine(trackedLine(sums, IDENTITY_PENALTY)) : lines[pillar];
    unpooled[pillar] = { ...own, rawMean: round(sums.sr / sums.sw, 3) };
    fitted[pillar] = points.map((point) => predict(lines[pillar], point.raw));
    leftOut[pillar] = points.map((point) =>
      predict(trackedLine(withoutPoint(sums, point), penalty), point.raw),
    );
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
  const mapMoments = memberMapMoments(input.readings, estimates);
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
    basis: prior ? 'pooled' : 'member',
    halfLifeDays,
    levelHalfLifeDays,
    levelShift,
    ...(pairs.length >= MIN_CALIBRATION_READINGS ? { unpooled } : {}),
    ...(mapMoments ? { mapMoments } : {}),
  };
};

/** The population map's lines on the fit's day, when the prior has a map and the fit a valid time. */
const mapLines = (prior: PopulationPrior, estimates: readonly DailyEstimate[], fittedAt: string) => {
  const at = Date.parse(fittedAt);
  return prior.map && Number.isFinite(at) ? populationLines(prior.map, estimates, utcDay(at)) : undefined;
};

/**
 * A member without readings: per pillar the population map's line at their estimates of the fit's day (refitted
 * daily by the sweep), else the prior's between-member line (where members with this raw level stand, or the
 * identity where raw did best), else its mean line; and the error a member predicted from the others had.
 */
const populationCalibration = (
  memberId: string,
  fittedAt: string,
  prior: PopulationPrior,
  estimates: readonly DailyEstimate[],
): Calibration => {
  const mapped = mapLines(prior, estimates, fittedAt);
  const pillars = {} as Record<Pillar, Line>;
  for (const pillar of PILLARS) {
    const { slope, intercept, between } = prior.pillars[pillar];
    const line = mapped?.[pillar] ?? between ?? { slope: slope.mean, intercept: intercept.mean };
    pillars[pillar] = roundLine({
      slope: clamp(line.slope, SLOPE_BOUNDS),
      intercept: clamp(line.intercept, INTERCEPT_BOUNDS),
    });
  }
  const mae = {} as Calibration['mae'];
  for (const scope of [...PILLARS, 'total'] as const) {
    const { raw, calibrated } = prior.expectedError[scope];
    mae[scope] = { raw, inSample: calibrated, leaveOneOut: calibrated };
  }
  return {
    memberId,
    modelVersion: MODEL_VERSION,
    fittedAt,
    readings: 0,
    pillars,
    mae,
    basis: 'population',
  };
};

const sampleSd = (values: readonly number[]): number => {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, x) => sum + (x - m) ** 2, 0) / Math.max(1, values.length - 1));
};

const correlation = (xs: readonly number[], ys: readonly number[]): number => {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
};

/**
 * The pooled prior from the members' stored calibrations (the sweep's job): per pillar, the mean, spread and
 * slope–intercept correlation of the members' own lines (`unpooled`: fitted without the prior, so the prior never
 * learns from itself), the typical scatter of a reading around its member's line, the population map from the
 * members' `mapMoments` (shared/model/population-map.ts), and the error a member without readings can expect (each
 * member predicted from the others by the map, the between-member line or the raw estimate, whichever did best on
 * the pillar, plus its scatter). Undefined with fewer than PRIOR_MIN_MEMBERS members of the current model with their
 * own lines.
 */
export const fitPopulationPrior = (
  calibrations: readonly Calibration[],
  fittedAt: string,
): PopulationPrior | undefined => {
  const members = calibrations.filter(
    (c): c is Calibration & Required<Pick<Calibration, 'unpooled'>> =>
      c.modelVersion === MODEL_VERSION && c.unpooled !== undefined,
  );
  if (members.length < PRIOR_MIN_MEMBERS) return undefined;
  const pillars = {} as Record<Pillar, PriorLine>;
  const lineMisses = members.map(() => ({}) as Record<Pillar, Miss>);
  const rawMisses = members.map(() => ({}) as Record<Pillar, Miss>);
  for (const pillar of PILLARS) {
    const slopes = members.map((c) => c.unpooled[pillar].slope);
    const intercepts = members.map((c) => c.unpooled[pillar].intercept);
    // Each member's level: their own line at their own mean raw estimate. A newcomer is predicted from where
    // members of the same raw level stand (the between-member line), which the mean of within-member lines is not
    // when the model's error depends on the level (saturation, memory). One member's worth of pull toward the mean
    // line keeps it there when the members' raw levels do not differ enough to say.
    const meanLine = { slope: mean(slopes), intercept: mean(intercepts) };
    const towardMean = linePenalty(meanLine, 1);
    const levels = members.map((c) => ({
      raw: c.unpooled[pillar].rawMean,
      official: predict(c.unpooled[pillar], c.unpooled[pillar].rawMean),
      weight: 1,
    }));
    const levelSums = sumsOf(levels);
    const between = solveLine(levelSums, towardMean);
    pillars[pillar] = {
      slope: { mean: round(mean(slopes), 4), sd: round(sampleSd(slopes), 4) },
      intercept: { mean: round(mean(intercepts), 4), sd: round(sampleSd(intercepts), 4) },
      correlation: round(correlation(slopes, intercepts), 4),
      residualSd: round(MAE_TO_SD * mean(members.map((c) => c.mae[pillar].inSample)), 4),
      between: roundLine(between),
    };
    members.forEach((c, m) => {
      const level = levels[m] as Point;
      // Leaving one member out subtracts their share: linear in the members, for a sweep over 100 000 of them.
      const othersLine = solveLine(withoutPoint(levelSums, level), towardMean);
      (lineMisses[m] as Record<Pillar, Miss>)[pillar] = {
        miss: level.official - predict(othersLine, level.raw),
        scatter: c.mae[pillar].inSample,
      };
      (rawMisses[m] as Record<Pillar, Miss>)[pillar] = {
        miss: level.official - level.raw,
        scatter: c.mae[pillar].inSample,
      };
    });
  }
  // Per pillar the population map, the between-member line or the raw estimate: whichever predicted the members
  // best. The raw estimate wins when the others cannot tell a newcomer more than the model does (few members).
  const learned = fitPopulationMap(
    members.map((c) => c.mapMoments),
    PRIOR_MIN_MEMBERS,
  );
  const { map, ways, misses } = chooseNewcomerWays(learned, lineMisses, rawMisses);
  for (const pillar of PILLARS)
    if (ways[pillar] === 'raw') pillars[pillar] = { ...pillars[pillar], between: { slope: 1, intercept: 0 } };
  const expected = expectedErrors(misses);
  const expectedError = {} as PopulationPrior['expectedError'];
  for (const scope of [...PILLARS, 'total'] as const)
    expectedError[scope] = {
      raw: round(mean(members.map((c) => c.mae[scope].raw)), 3),
      calibrated: expected[scope],
    };
  return {
    modelVersion: MODEL_VERSION,
    fittedAt,
    members: members.length,
    pillars,
    expectedError,
    ...(map ? { map } : {}),
  };
};

/** Calibrated pillars and total for one estimate; undefined when the calibration was fitted on another model. */
export const applyCalibration = (
  estimate: Pick<DailyEstimate, 'modelVersion' | 'pillars'>,
  calibration: Pick<Calibration, 'modelVersion' | 'pillars'>,
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

/**
 * The calibration's lines as fitted over the months, without the level's move toward the last week's readings: what
 * DIVERGENT compares against. A wrong official value is itself among the last week's readings and would pull the
 * level toward it within days, hiding the divergence it is.
 */
export const withoutLevelShift = <C extends Pick<Calibration, 'pillars' | 'levelShift'>>(
  calibration: C,
): C => {
  const shift = calibration.levelShift;
  if (!shift) return calibration;
  const pillars = {} as Record<Pillar, Line>;
  for (const pillar of PILLARS) {
    const line = calibration.pillars[pillar];
    pillars[pillar] = { slope: line.slope, intercept: round(line.intercept - shift[pillar], 4) };
  }
  return { ...calibration, pillars };
};

/** Each usable reading with the estimate of its day (`estimates`: the current model's) and its weights. */
const pairReadings = (
  readings: readonly OfficialReading[],
  estimates: readonly DailyEstimate[],
  halfLifeDays: number,
  levelHalfLifeDays: number,
): Pair[] => {
  const byDay = new Map(estimates.map((e) => [e.day, e]));
  const pairs: (Pair & { at: number })[] = [];
  for (const official of readings) {
    const observedAt = Date.parse(official.observedAt);
    if (!Number.isFinite(observedAt)) continue;
    const values = [official.overall, ...PILLARS.map((pillar) => official.pillars[pillar])];
    if (!values.every(Number.isFinite)) continue;
    const raw = byDay.get(utcDay(observedAt));
    if (raw) pairs.push({ raw, official, weight: 1, levelWeight: 0, at: observedAt });
  }
  // Recency: half the weight per half-life before the member's latest reading; the level's likewise, sooner.
  const latest = Math.max(...pairs.map((pair) => pair.at));
  return pairs.map(({ at, ...pair }) => ({
    ...pair,
    weight: 0.5 ** ((latest - at) / (halfLifeDays * DAY_MS)),
    levelWeight: Number.isFinite(levelHalfLifeDays)
      ? 0.5 ** ((latest - at) / (levelHalfLifeDays * DAY_MS))
      : 0,
  }));
};

/**
 * The line with its level moved to where the recent readings stand: by the residuals' mean weighted with the level's
 * (shorter) half-life, shrunk toward the line by CALIBRATION_LEVEL_PRIOR_READINGS. The slope keeps the months of
 * readings it needs; the level follows the weeks over which the model's and LinkedIn's memories drift apart.
 * Residuals are taken from the unclamped line, so the move is a function of the sums (a line below 0 or above 25
 * where a reading sits is far outside any fit's range anyway).
 */
const trackLevel = (line: Line, sums: Sums): Line => {
  if (sums.v === 0) return line;
  const residual = sums.vo - line.slope * sums.vr - line.intercept * sums.v;
  const move = residual / (sums.v + CALIBRATION_LEVEL_PRIOR_READINGS);
  return { slope: line.slope, intercept: clamp(line.intercept + move, INTERCEPT_BOUNDS) };
};

const meanError = (predicted: readonly number[], actual: readonly number[]): number =>
  round(mean(predicted.map((value, i) => Math.abs(value - (actual[i] as number)))), 3);

/** The identity pull spreads its pseudo-readings evenly over 0–25: their first and second moments. */
const UNIFORM_MEAN = PILLAR_MAX / 2;
const UNIFORM_SQUARE_MEAN = PILLAR_MAX ** 2 / 3;

/** λ·E[(slope·x + intercept − (line.slope·x + line.intercept))²] for x uniform on 0–25: λ readings on `line`. */
const linePenalty = (line: Line, readings: number): Penalty => ({
  aa: readings * UNIFORM_SQUARE_MEAN,
  ab: readings * UNIFORM_MEAN,
  bb: readings,
  a: readings * (line.slope * UNIFORM_SQUARE_MEAN + line.intercept * UNIFORM_MEAN),
  b: readings * (line.slope * UNIFORM_MEAN + line.intercept),
});

/** λ readings that agree with the raw model. */
const IDENTITY_PENALTY: Penalty = linePenalty({ slope: 1, intercept: 0 }, CALIBRATION_PRIOR_READINGS);

/**
 * The population prior as a penalty: σ²·(θ − θ̄)ᵀ Σ⁻¹ (θ − θ̄) for θ = (slope, intercept), Σ the members' spread
 * (floored) and σ the scatter of one reading. A reading is worth as much as the prior when the team's lines
 * differ by about one reading's scatter; a team that differs more gives a weaker prior. θ̄ is the population map's
 * line for the member when there is one (where members like them stand), else the members' mean line.
 */
const priorPenalty = (line: PriorLine, center?: Line): Penalty => {
  const sa = Math.max(line.slope.sd, PRIOR_MIN_SD.slope);
  const sb = Math.max(line.intercept.sd, PRIOR_MIN_SD.intercept);
  const rho = clamp(line.correlation, { min: -PRIOR_MAX_CORRELATION, max: PRIOR_MAX_CORRELATION });
  const scale = Math.max(line.residualSd, 0.05) ** 2 / (sa * sa * sb * sb * (1 - rho * rho));
  const aa = scale * sb * sb;
  const ab = -scale * rho * sa * sb;
  const bb = scale * sa * sa;
  const a0 = center?.slope ?? line.slope.mean;
  const b0 = center?.intercept ?? line.intercept.mean;
  return { aa, ab, bb, a: aa * a0 + ab * b0, b: ab * a0 + bb * b0 };
};

/** The weighted sums a line is fitted from (and, with the level weights v, its level moved by). */
interface Sums {
  sw: number;
  sr: number;
  so: number;
  srr: number;
  sro: number;
  v: number;
  vr: number;
  vo: number;
}

const sumsOf = (points: readonly Point[]): Sums => {
  const sums: Sums = { sw: 0, sr: 0, so: 0, srr: 0, sro: 0, v: 0, vr: 0, vo: 0 };
  for (const point of points) addPoint(sums, point, 1);
  return sums;
};

const addPoint = (sums: Sums, point: Point, sign: 1 | -1): void => {
  const { raw, official, weight } = point;
  const v = point.levelWeight ?? 0;
  sums.sw += sign * weight;
  sums.sr += sign * weight * raw;
  sums.so += sign * weight * official;
  sums.srr += sign * weight * raw * raw;
  sums.sro += sign * weight * raw * official;
  sums.v += sign * v;
  sums.vr += sign * v * raw;
  sums.vo += sign * v * official;
};

/** The sums without one point: what a fit on all the others starts from. */
const withoutPoint = (sums: Sums, point: Point): Sums => {
  const rest = { ...sums };
  addPoint(rest, point, -1);
  return rest;
};

/**
 * Weighted least squares of official on raw plus the penalty: minimises Σ wᵢ(slope·rawᵢ + intercept − officialᵢ)²
 * + penalty, within the slope and intercept bounds. The objective is a convex quadratic, so its minimum on the box
 * is either the free minimum or the best of the one-dimensional minima along the four edges.
 */
const solveLine = ({ sw, sr, so, srr, sro }: Sums, penalty: Penalty): Line => {
  // objective(a, b) = A·a² + 2B·a·b + C·b² − 2D·a − 2E·b + constant
  const A = srr + penalty.aa;
  const B = sr + penalty.ab;
  const C = sw + penalty.bb;
  const D = sro + penalty.a;
  const E = so + penalty.b;
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
