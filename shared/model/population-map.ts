import { addDays } from '../domain/days';
import type { Day } from '../domain/kinds';
import { clamp, MAE_TO_SD, round } from '../domain/numbers';
import {
  type CalibrationLine,
  type DailyEstimate,
  type MapMoments,
  type OfficialReading,
  PILLAR_MAX,
  PILLARS,
  type Pillar,
  type PopulationMap,
  type PopulationPrior,
} from '../domain/pillars';
import { utcDay } from '../export/dates';
import {
  INTERCEPT_BOUNDS,
  MAP_LAG_DAYS,
  MAP_RIDGE,
  MAP_WINDOW_DAYS,
  MIN_CALIBRATION_READINGS,
  SLOPE_BOUNDS,
} from './parameters';

/**
 * The population map: where a member without readings stands, learned from every calibrated member's readings at
 * once (docs/model.md, "The population map"). Per pillar,
 *
 *   official ≈ c₀ + c₁·raw + c₂·raw²/25 + c₃·raw(30 days before) + c₄·raw(60 days before)
 *
 * fitted by least squares over the members' recent readings, each member counting once. A member's own line says
 * nothing about where someone else stands; a regression over readings does: each member's readings move along
 * their own activity, so together they show the curve of LinkedIn's saturation (the square) and how much longer
 * LinkedIn remembers than the model (the lagged estimates). The sweep learns it from per-member moments stored
 * with each calibration (so it never re-reads readings), and a newcomer's calibration is the map's tangent line
 * at their estimates of the day, refitted by the daily sweep.
 *
 * Written by hand, not with a linear-algebra library: five unknowns per pillar, solved by Gaussian elimination.
 */

/** Number of features: 1, raw, raw²/25 and one per lag. */
const FEATURES = 3 + MAP_LAG_DAYS.length;
/** Index of (i, j), i ≤ j, in an upper triangle stored row by row. */
const upper = (i: number, j: number): number =>
  i <= j ? i * FEATURES - (i * (i - 1)) / 2 + (j - i) : upper(j, i);
const TRIANGLE = (FEATURES * (FEATURES + 1)) / 2;

const features = (raw: number, lagged: readonly number[]): number[] => [
  1,
  raw,
  (raw * raw) / PILLAR_MAX,
  ...lagged,
];

/** The estimate of `day` and of each lag before it, or undefined when one of them is missing. */
const withLags = (byDay: ReadonlyMap<Day, DailyEstimate>, day: Day) => {
  const today = byDay.get(day);
  const lagged = MAP_LAG_DAYS.map((lag) => byDay.get(addDays(day, -lag)));
  if (!today || lagged.some((estimate) => estimate === undefined)) return undefined;
  return { today, lagged: lagged as DailyEstimate[] };
};

/**
 * One member's share of the map: per pillar the means of xxᵀ, x·official and official² over their readings of the
 * last MAP_WINDOW_DAYS (before their latest), x the features. Undefined below MIN_CALIBRATION_READINGS usable
 * readings (each needs the estimates of its day and of the lags). `estimates` must be of one model version.
 */
export const memberMapMoments = (
  readings: readonly OfficialReading[],
  estimates: readonly DailyEstimate[],
): Record<Pillar, MapMoments> | undefined => {
  const byDay = new Map(estimates.map((estimate) => [estimate.day, estimate]));
  const timed = readings.filter((reading) => Number.isFinite(Date.parse(reading.observedAt)));
  const days = timed.map((reading) => utcDay(Date.parse(reading.observedAt)));
  const latest = days.reduce((max, day) => (day > max ? day : max), '');
  if (!latest) return undefined;
  const since = addDays(latest, -MAP_WINDOW_DAYS);
  const usable = timed.flatMap((official, i) => {
    const day = days[i] as Day;
    if (day < since) return [];
    const values = [official.overall, ...PILLARS.map((pillar) => official.pillars[pillar])];
    if (!values.every(Number.isFinite)) return [];
    const found = withLags(byDay, day);
    return found ? [{ official, ...found }] : [];
  });
  if (usable.length < MIN_CALIBRATION_READINGS) return undefined;
  const moments = {} as Record<Pillar, MapMoments>;
  for (const pillar of PILLARS) {
    const xx = new Array<number>(TRIANGLE).fill(0);
    const xy = new Array<number>(FEATURES).fill(0);
    let yy = 0;
    let rawMin = Number.POSITIVE_INFINITY;
    let rawMax = Number.NEGATIVE_INFINITY;
    for (const { official, today, lagged } of usable) {
      const raw = today.pillars[pillar];
      const x = features(
        raw,
        lagged.map((estimate) => estimate.pillars[pillar]),
      );
      const y = official.pillars[pillar];
      for (let i = 0; i < FEATURES; i++) {
        xy[i] = (xy[i] as number) + (x[i] as number) * y;
        for (let j = i; j < FEATURES; j++)
          xx[upper(i, j)] = (xx[upper(i, j)] as number) + (x[i] as number) * (x[j] as number);
      }
      yy += y * y;
      rawMin = Math.min(rawMin, raw);
      rawMax = Math.max(rawMax, raw);
    }
    const n = usable.length;
    moments[pillar] = {
      readings: n,
      xx: xx.map((value) => round(value / n, 4)),
      xy: xy.map((value) => round(value / n, 4)),
      yy: round(yy / n, 4),
      rawMin: round(rawMin, 3),
      rawMax: round(rawMax, 3),
    };
  }
  return moments;
};

/** Solves A·x = b (A symmetric positive definite after the ridge) by elimination with partial pivoting. */
const solve = (a: number[][], b: number[]): number[] | undefined => {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++)
      if (Math.abs(m[row]?.[col] as number) > Math.abs(m[pivot]?.[col] as number)) pivot = row;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const lead = m[col] as number[];
    if (Math.abs(lead[col] as number) < 1e-12) return undefined;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const target = m[row] as number[];
      const factor = (target[col] as number) / (lead[col] as number);
      for (let k = col; k <= n; k++) target[k] = (target[k] as number) - factor * (lead[k] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
};

/** Members' moments summed: one member, one vote, whatever their number of readings. */
interface Summed {
  xx: number[];
  xy: number[];
}

const sumMoments = (moments: readonly MapMoments[]): Summed => {
  const xx = new Array<number>(TRIANGLE).fill(0);
  const xy = new Array<number>(FEATURES).fill(0);
  for (const member of moments) {
    member.xx.forEach((value, k) => {
      xx[k] = (xx[k] as number) + value;
    });
    member.xy.forEach((value, k) => {
      xy[k] = (xy[k] as number) + value;
    });
  }
  return { xx, xy };
};

const without = (sum: Summed, member: MapMoments): Summed => ({
  xx: sum.xx.map((value, k) => value - (member.xx[k] as number)),
  xy: sum.xy.map((value, k) => value - (member.xy[k] as number)),
});

/**
 * Least squares with a small ridge on every term but the intercept (MAP_RIDGE of the term's spread across the
 * readings): it keeps the solution finite and tame when the members' estimates barely move (raw, its square and its
 * lags then say the same).
 */
const coefficientsOf = ({ xx, xy }: Summed): number[] | undefined => {
  // xx[0] is the members' count (each member's mean of 1·1); a term's spread is its pooled variance.
  const members = xx[0] as number;
  const ridge = (i: number): number => {
    const square = xx[upper(i, i)] as number;
    const spread = square - (xx[upper(0, i)] as number) ** 2 / members;
    return MAP_RIDGE * Math.max(0, spread) + 1e-9 * square;
  };
  const a = Array.from({ length: FEATURES }, (_, i) =>
    Array.from({ length: FEATURES }, (_, j) => {
      const value = xx[upper(i, j)] as number;
      return i === j && i > 0 ? value + ridge(i) : value;
    }),
  );
  const coefficients = solve(a, xy);
  return coefficients?.every(Number.isFinite) ? coefficients : undefined;
};

const predictFrom = (coefficients: readonly number[], x: readonly number[]): number =>
  x.reduce((sum, value, i) => sum + value * (coefficients[i] as number), 0);

const wellFormed = (moments: MapMoments | undefined): boolean =>
  moments !== undefined &&
  Array.isArray(moments.xx) &&
  Array.isArray(moments.xy) &&
  moments.xx.length === TRIANGLE &&
  moments.xy.length === FEATURES &&
  [...moments.xx, ...moments.xy, moments.yy, moments.rawMin, moments.rawMax].every(Number.isFinite);

/** A member's mean miss (official − map) and its scatter's variance, from their moments alone. */
const missOf = (coefficients: readonly number[], member: MapMoments) => {
  let fitted = 0;
  let square = 0;
  for (let i = 0; i < FEATURES; i++) {
    fitted += (coefficients[i] as number) * (member.xx[upper(0, i)] as number);
    for (let j = 0; j < FEATURES; j++)
      square +=
        (coefficients[i] as number) * (coefficients[j] as number) * (member.xx[upper(i, j)] as number);
  }
  let cross = 0;
  for (let i = 0; i < FEATURES; i++) cross += (coefficients[i] as number) * (member.xy[i] as number);
  const meanSquare = Math.max(0, member.yy - 2 * cross + square);
  // Column 0 of xx holds the features' means, xy[0] the official's mean.
  const miss = (member.xy[0] as number) - fitted;
  return { miss, variance: Math.max(0, meanSquare - miss * miss) };
};

/** A member predicted from the others: their mean miss (official − predicted) and their readings' scatter (MAE). */
export interface Miss {
  miss: number;
  scatter: number;
}

/**
 * The error a member without readings can expect, averaged over members predicted from the others: per pillar
 * √(miss² + scatter²); for the total the pillars' misses add and their scatters add in quadrature.
 */
export const expectedErrors = (
  members: readonly Record<Pillar, Miss>[],
): Record<Pillar | 'total', number> => {
  const average = (values: number[]) => round(values.reduce((sum, x) => sum + x, 0) / values.length, 3);
  const expected = {} as Record<Pillar | 'total', number>;
  for (const pillar of PILLARS)
    expected[pillar] = average(members.map((m) => Math.hypot(m[pillar].miss, m[pillar].scatter)));
  expected.total = average(
    members.map((m) =>
      Math.hypot(
        PILLARS.reduce((sum, pillar) => sum + m[pillar].miss, 0),
        Math.hypot(...PILLARS.map((pillar) => m[pillar].scatter)),
      ),
    ),
  );
  return expected;
};

/**
 * The map from the members' moments (`undefined` entries: members without them), undefined with fewer than
 * `minMembers` members carrying moments or when a pillar's system is singular; and each such member's miss under
 * the map of the others (leave one member out, a subtraction: linear in the members).
 */
export const fitPopulationMap = (
  members: readonly (Record<Pillar, MapMoments> | undefined)[],
  minMembers: number,
): { map: PopulationMap; misses: (Record<Pillar, Miss> | undefined)[] } | undefined => {
  // Moments of another shape (stored before a change of terms, or damaged) are left out, never summed.
  const usable = members.map((member) =>
    member && PILLARS.every((p) => wellFormed(member[p])) ? member : undefined,
  );
  const present = usable.filter((member) => member !== undefined);
  if (present.length < minMembers) return undefined;
  const pillars = {} as PopulationMap['pillars'];
  const misses = usable.map((member) => (member ? ({} as Record<Pillar, Miss>) : undefined));
  for (const pillar of PILLARS) {
    const moments = present.map((member) => member[pillar]);
    const sum = sumMoments(moments);
    const coefficients = coefficientsOf(sum);
    if (!coefficients) return undefined;
    pillars[pillar] = {
      coefficients: coefficients.map((c) => round(c, 5)),
      rawMin: Math.min(...moments.map((m) => m.rawMin)),
      rawMax: Math.max(...moments.map((m) => m.rawMax)),
    };
    usable.forEach((member, m) => {
      const target = misses[m];
      if (!member || !target) return;
      const others = coefficientsOf(without(sum, member[pillar])) ?? coefficients;
      const { miss, variance } = missOf(others, member[pillar]);
      target[pillar] = { miss, scatter: Math.sqrt(variance) / MAE_TO_SD };
    });
  }
  return { map: { lagDays: [...MAP_LAG_DAYS], members: present.length, pillars }, misses };
};

/** The ways a member without readings can be placed, per pillar. */
export type NewcomerWay = 'map' | 'line' | 'raw';

/**
 * Per pillar, the way that predicted the members best, each member left out (the raw model leaves nothing out):
 * the population map, the line through the members' levels (`line`), or the raw estimate itself (`raw`).
 * Compared on the members the map could score (all members without a map). With a handful of members, five terms
 * can fit their few levels and miss the one left out, and a line through three levels can be worse than the raw
 * model: then the simpler way is the better guess. Returns the map on the pillars it won (undefined when none),
 * the way per pillar, and every member's misses under the chosen ways.
 */
export const chooseNewcomerWays = (
  learned: { map: PopulationMap; misses: readonly (Record<Pillar, Miss> | undefined)[] } | undefined,
  line: readonly Record<Pillar, Miss>[],
  raw: readonly Record<Pillar, Miss>[],
): { map: PopulationMap | undefined; ways: Record<Pillar, NewcomerWay>; misses: Record<Pillar, Miss>[] } => {
  const error = (miss: Miss) => Math.hypot(miss.miss, miss.scatter);
  const scored = line.map((_, m) => !learned || learned.misses[m] !== undefined);
  const ways = {} as Record<Pillar, NewcomerWay>;
  const kept: Partial<PopulationMap['pillars']> = {};
  for (const pillar of PILLARS) {
    const totals: Record<NewcomerWay, number> = { map: Number.POSITIVE_INFINITY, line: 0, raw: 0 };
    if (learned) totals.map = 0;
    line.forEach((lineMiss, m) => {
      if (!scored[m]) return;
      const mapped = learned?.misses[m];
      if (mapped) totals.map += error(mapped[pillar]);
      totals.line += error(lineMiss[pillar]);
      totals.raw += error((raw[m] as Record<Pillar, Miss>)[pillar]);
    });
    // Ties go to the simpler way.
    const way = (['raw', 'line', 'map'] as const).reduce((best, candidate) =>
      totals[candidate] < totals[best] ? candidate : best,
    );
    ways[pillar] = way;
    if (way === 'map' && learned) kept[pillar] = learned.map.pillars[pillar];
  }
  const misses = line.map(
    (lineMiss, m) =>
      Object.fromEntries(
        PILLARS.map((pillar) => {
          const way = ways[pillar];
          const chosen =
            way === 'map'
              ? (learned?.misses[m]?.[pillar] ?? lineMiss[pillar])
              : way === 'raw'
                ? (raw[m] as Record<Pillar, Miss>)[pillar]
                : lineMiss[pillar];
          return [pillar, chosen];
        }),
      ) as Record<Pillar, Miss>,
  );
  const map = learned && Object.keys(kept).length > 0 ? { ...learned.map, pillars: kept } : undefined;
  return { map, ways, misses };
};

/** How a stored prior places a member without readings, per pillar, and the error it expects on the total. */
export interface NewcomerPlacement {
  /** Calibrated members the prior was learned from. */
  members: number;
  ways: Record<Pillar, NewcomerWay>;
  expectedTotalError: { raw: number; calibrated: number };
}

export const newcomerPlacement = (prior: PopulationPrior): NewcomerPlacement => ({
  members: prior.members,
  ways: Object.fromEntries(
    PILLARS.map((pillar) => {
      const between = prior.pillars[pillar].between;
      const way: NewcomerWay = prior.map?.pillars[pillar]
        ? 'map'
        : between?.slope === 1 && between.intercept === 0
          ? 'raw'
          : 'line';
      return [pillar, way];
    }),
  ) as Record<Pillar, NewcomerWay>,
  expectedTotalError: prior.expectedError.total,
});

/**
 * A newcomer's lines on `day`: per pillar the map's tangent at their estimate of the day (lags as they were), so
 * the line is exact on that day and close on the days around it. Outside the raw range the members covered the
 * tangent at the range's edge goes on straight: no quadratic extrapolation. The latest estimate on or before
 * `day` is used; undefined when it or a lag's estimate is missing, or the map was learned on other lags.
 */
export const populationLines = (
  map: PopulationMap,
  estimates: readonly DailyEstimate[],
  day: Day,
): Partial<Record<Pillar, CalibrationLine>> | undefined => {
  if (map.lagDays.join() !== MAP_LAG_DAYS.join()) return undefined;
  const latest = estimates.reduce<DailyEstimate | undefined>(
    (best, estimate) => (estimate.day <= day && (!best || estimate.day > best.day) ? estimate : best),
    undefined,
  );
  if (!latest) return undefined;
  const found = withLags(new Map(estimates.map((estimate) => [estimate.day, estimate])), latest.day);
  if (!found) return undefined;
  const lines: Partial<Record<Pillar, CalibrationLine>> = {};
  for (const pillar of PILLARS) {
    const mapped = map.pillars[pillar];
    if (!mapped) continue;
    const { coefficients, rawMin, rawMax } = mapped;
    const raw = found.today.pillars[pillar];
    const lagged = found.lagged.map((estimate) => estimate.pillars[pillar]);
    const edge = Math.min(rawMax, Math.max(rawMin, raw));
    const tangent = (coefficients[1] as number) + (2 * (coefficients[2] as number) * edge) / PILLAR_MAX;
    const valueAtRaw = predictFrom(coefficients, features(edge, lagged)) + tangent * (raw - edge);
    const slope = clamp(tangent, SLOPE_BOUNDS);
    lines[pillar] = {
      slope: round(slope, 4),
      intercept: round(clamp(valueAtRaw - slope * raw, INTERCEPT_BOUNDS), 4),
    };
  }
  return lines;
};
