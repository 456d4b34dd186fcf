import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import {
  type DailyEstimate,
  type MapMoments,
  type OfficialReading,
  PILLARS,
  type Pillar,
  type PillarScores,
} from '../../shared/domain/pillars';
import { MAP_WINDOW_DAYS, MODEL_VERSION } from '../../shared/model/parameters';
import {
  chooseNewcomerWays,
  expectedErrors,
  fitPopulationMap,
  type Miss,
  memberMapMoments,
  populationLines,
} from '../../shared/model/population-map';
import { dailyEstimate, officialReading } from '../support/scores-builders';

const FIRST = '2026-01-01';
const DAYS = 200;
const day = (n: number) => addDays(FIRST, n);

/**
 * LinkedIn in these tests: saturating (the square) and with a longer memory than the model (the lags), the same for
 * every member but for an optional offset of their own.
 */
const truth = (raw: number, raw30: number, raw60: number) =>
  1 + 0.6 * raw + (0.5 * raw * raw) / 25 + 0.3 * raw30 - 0.1 * raw60;

/** A member whose raw estimates move around their own level (`base`) in their own rhythm, read every other day. */
const member = (i: number, { base = 6 + i, offset = 0, days = DAYS } = {}) => {
  const raw = (n: number, p: number) => base + 3 * Math.sin((n + 9 * i) / (9 + i) + p) + 0.01 * n;
  const estimates: DailyEstimate[] = Array.from({ length: days }, (_, n) =>
    dailyEstimate(
      day(n),
      Object.fromEntries(PILLARS.map((pillar, p) => [pillar, raw(n, p)])) as PillarScores,
      MODEL_VERSION,
    ),
  );
  const officialOn = (n: number): PillarScores =>
    Object.fromEntries(
      PILLARS.map((pillar, p) => [pillar, truth(raw(n, p), raw(n - 30, p), raw(n - 60, p)) + offset]),
    ) as PillarScores;
  const readings: OfficialReading[] = [];
  for (let n = 60; n < days; n += 2)
    readings.push(officialReading(`m${i}`, `${day(n)}T09:00:00.000Z`, officialOn(n)));
  return { estimates, readings, officialOn, raw };
};

const team = (size: number, options: (i: number) => Parameters<typeof member>[1] = () => ({})) =>
  Array.from({ length: size }, (_, i) => member(i, options(i)));

const momentsOf = (members: ReturnType<typeof member>[]) =>
  members.map((m) => memberMapMoments(m.readings, m.estimates) as Record<Pillar, MapMoments>);

const predict = (line: { slope: number; intercept: number }, raw: number) =>
  line.slope * raw + line.intercept;

describe('the population map', () => {
  const learned = fitPopulationMap(momentsOf(team(10)), 3);
  const fitted = learned as NonNullable<typeof learned>;
  const pillarOf = (pillar: Pillar) =>
    fitted.map.pillars[pillar] as NonNullable<(typeof fitted.map.pillars)[Pillar]>;
  const errorsOf = (result: NonNullable<typeof learned>) =>
    expectedErrors(result.misses as Record<Pillar, Miss>[]);

  it('learns LinkedIn’s curve and memory from teammates’ readings and places a newcomer on it', () => {
    expect(learned).toBeDefined();
    const { map } = learned as NonNullable<typeof learned>;
    expect(map.members).toBe(10);
    expect(map.lagDays).toEqual([30, 60]);
    // The square and the lags are found (a straight line of raw alone could not have them).
    expect(pillarOf('brand').coefficients[2]).toBeGreaterThan(0.3);
    expect(pillarOf('brand').coefficients[3]).toBeGreaterThan(0.15);
    // A newcomer in between the teammates' levels, on a rhythm of their own.
    const newcomer = member(20, { base: 9.5 });
    const lines = populationLines(map, newcomer.estimates, day(150)) as Record<
      Pillar,
      { slope: number; intercept: number }
    >;
    PILLARS.forEach((pillar, p) => {
      expect(
        Math.abs(predict(lines[pillar], newcomer.raw(150, p)) - newcomer.officialOn(150)[pillar]),
      ).toBeLessThan(0.2);
    });
  });

  it('gives the tangent at the day’s estimate: exact that day, close on the days after', () => {
    const { map } = learned as NonNullable<typeof learned>;
    const newcomer = member(21, { base: 8 });
    const lines = populationLines(map, newcomer.estimates, day(140)) as Record<
      Pillar,
      { slope: number; intercept: number }
    >;
    const [c0, c1, c2, c3, c4] = pillarOf('people').coefficients as [number, number, number, number, number];
    const raw = newcomer.raw(140, 1);
    const onMap =
      c0 + c1 * raw + (c2 * raw * raw) / 25 + c3 * newcomer.raw(110, 1) + c4 * newcomer.raw(80, 1);
    expect(predict(lines.people, raw)).toBeCloseTo(onMap, 2);
    expect(lines.people.slope).toBeCloseTo(c1 + (2 * c2 * raw) / 25, 3);
    // Three days on, the same line is still within half a point of where LinkedIn stands.
    expect(
      Math.abs(predict(lines.people, newcomer.raw(143, 1)) - newcomer.officialOn(143).people),
    ).toBeLessThan(0.5);
  });

  it('goes on straight beyond the raw levels the members covered, instead of extrapolating the curve', () => {
    const { map } = learned as NonNullable<typeof learned>;
    const { coefficients, rawMax } = pillarOf('brand');
    const busy = member(22, { base: rawMax + 8 });
    const lines = populationLines(map, busy.estimates, day(150)) as Record<
      Pillar,
      { slope: number; intercept: number }
    >;
    const edgeSlope = (coefficients[1] as number) + (2 * (coefficients[2] as number) * rawMax) / 25;
    expect(lines.brand.slope).toBeCloseTo(edgeSlope, 3);
  });

  it('reports the error a member without readings can expect, each member predicted from the others', () => {
    expect(errorsOf(fitted).total).toBeLessThan(0.3);
    // Members ±1.5 points per pillar apart: no teammate can say which way a newcomer leans.
    const apart = errorsOf(
      fitPopulationMap(
        momentsOf(team(10, (i) => ({ offset: (i % 2 === 0 ? 1 : -1) * 1.5 }))),
        3,
      ) as NonNullable<typeof learned>,
    );
    for (const pillar of PILLARS) {
      expect(apart[pillar]).toBeGreaterThan(1.2);
      expect(apart[pillar]).toBeLessThan(2.2);
    }
    // The pillars' misses add: about 4 × 1.5.
    expect(apart.total).toBeGreaterThan(4.5);
  });

  it('is kept per pillar only where it beats the line through the members’ levels and the raw estimate', () => {
    const misses = (miss: number, scatter = 0.1): Record<Pillar, Miss> =>
      Object.fromEntries(PILLARS.map((pillar) => [pillar, { miss, scatter }])) as Record<Pillar, Miss>;
    const each = (m: Record<Pillar, Miss>) => fitted.misses.map(() => m);
    // Line and raw miss by 2 points on every member: the map (≈ 0 here) is kept everywhere.
    const mapWins = chooseNewcomerWays(fitted, each(misses(2)), each(misses(3)));
    expect(Object.keys(mapWins.map?.pillars ?? {})).toEqual(PILLARS);
    expect(Object.values(mapWins.ways)).toEqual(['map', 'map', 'map', 'map']);
    expect(mapWins.misses).toEqual(fitted.misses);
    // A line that never misses: no pillar keeps the map, and the misses are the line's.
    const lineWins = chooseNewcomerWays(fitted, each(misses(0, 0)), each(misses(3)));
    expect(lineWins.map).toBeUndefined();
    expect(lineWins.ways.people).toBe('line');
    expect(lineWins.misses).toEqual(each(misses(0, 0)));
    // One pillar where the raw estimate is best: only that one leaves the map, for raw.
    const mixed = chooseNewcomerWays(
      fitted,
      each(misses(2)),
      each({ ...misses(3), insights: { miss: 0, scatter: 0 } }),
    );
    expect(mixed.ways).toEqual({ brand: 'map', people: 'map', insights: 'raw', relationships: 'map' });
    expect(Object.keys(mixed.map?.pillars ?? {}).sort()).toEqual(['brand', 'people', 'relationships']);
    const lines = populationLines(mixed.map as NonNullable<typeof mixed.map>, member(24).estimates, day(150));
    expect(lines?.brand).toBeDefined();
    expect(lines?.insights).toBeUndefined();
    // Without a map: line against raw on every member.
    expect(chooseNewcomerWays(undefined, each(misses(2)), each(misses(1))).ways.brand).toBe('raw');
  });

  it('needs the lags’ estimates, enough readings and enough members', () => {
    // 40 days of estimates: no reading has an estimate 60 days before it.
    const short = member(1, { days: 40 });
    const early = Array.from({ length: 8 }, (_, k) =>
      officialReading('m1', `${day(30 + k)}T09:00:00.000Z`, short.officialOn(30 + k)),
    );
    expect(memberMapMoments(early, short.estimates)).toBeUndefined();
    const full = member(2);
    expect(memberMapMoments(full.readings.slice(0, 4), full.estimates)).toBeUndefined();
    // A reading without a valid time is skipped, not thrown on.
    const untimed = full.readings.map((r) => ({ ...r, observedAt: 'yesterday' }));
    expect(memberMapMoments(untimed, full.estimates)).toBeUndefined();
    expect(memberMapMoments([...untimed, ...full.readings], full.estimates)).toEqual(
      memberMapMoments(full.readings, full.estimates),
    );
    expect(fitPopulationMap(momentsOf(team(2)), 3)).toBeUndefined();
    // Moments of another shape (a change of terms, a damaged item) are left out: two good members are too few.
    const [first, second, third] = momentsOf(team(3)) as [
      Record<Pillar, MapMoments>,
      Record<Pillar, MapMoments>,
      Record<Pillar, MapMoments>,
    ];
    const oldShape = { ...third, brand: { ...third.brand, xy: third.brand.xy.slice(0, 3) } };
    expect(fitPopulationMap([first, second, oldShape], 3)).toBeUndefined();
    const damaged = { ...third, people: { ...third.people, yy: Number.NaN } };
    expect(fitPopulationMap([first, second, damaged, undefined], 3)).toBeUndefined();
    expect(fitPopulationMap([first, second, third, undefined], 3)?.misses[3]).toBeUndefined();
    const { map } = learned as NonNullable<typeof learned>;
    // A newcomer whose estimates start 20 days back: no lag, no map line.
    const fresh = member(23).estimates.slice(-20);
    expect(populationLines(map, fresh, day(DAYS - 1))).toBeUndefined();
    expect(populationLines({ ...map, lagDays: [28, 56] }, member(23).estimates, day(150))).toBeUndefined();
  });

  it('learns from each member’s readings of the last MAP_WINDOW_DAYS, one vote per member', () => {
    const m = member(3);
    const recent = memberMapMoments(m.readings, m.estimates) as Record<Pillar, MapMoments>;
    // Readings long before the window, with nonsense values, change nothing.
    const latest = m.readings.at(-1) as OfficialReading;
    const old = m.readings
      .filter((r) => r.observedAt < `${addDays(latest.observedAt.slice(0, 10), -MAP_WINDOW_DAYS)}`)
      .map((r) => ({ ...r, pillars: { brand: 25, people: 25, insights: 25, relationships: 25 } }));
    expect(old.length).toBeGreaterThan(0);
    const kept = m.readings.filter((r) => !old.some((o) => o.observedAt === r.observedAt));
    expect(memberMapMoments([...old, ...kept], m.estimates)).toEqual(recent);
    // Moments are means: a member reading twice as often does not count twice.
    const doubled = memberMapMoments([...m.readings, ...m.readings], m.estimates) as Record<
      Pillar,
      MapMoments
    >;
    expect(doubled.brand.xx).toEqual(recent.brand.xx);
    expect(doubled.brand.readings).toBe(2 * recent.brand.readings);
  });

  it('stays finite when the members’ estimates never move', () => {
    const flat = Array.from({ length: 4 }, (_, i) => {
      const estimates = Array.from({ length: 100 }, (_, n) =>
        dailyEstimate(day(n), { brand: 10, people: 10, insights: 10, relationships: 10 }, MODEL_VERSION),
      );
      const readings = Array.from({ length: 10 }, (_, k) =>
        officialReading(`f${i}`, `${day(70 + 2 * k)}T09:00:00.000Z`, {
          brand: 7 + i * 0.1,
          people: 7,
          insights: 7,
          relationships: 7,
        }),
      );
      return memberMapMoments(readings, estimates) as Record<Pillar, MapMoments>;
    });
    const flatFit = fitPopulationMap(flat, 3) as NonNullable<ReturnType<typeof fitPopulationMap>>;
    expect(flatFit).toBeDefined();
    for (const pillar of PILLARS)
      expect(flatFit.map.pillars[pillar]?.coefficients.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(expectedErrors(flatFit.misses as Record<Pillar, Miss>[]).total)).toBe(true);
    // Where everyone stands at raw 10, a newcomer at raw 10 is placed with them.
    const newcomer = Array.from({ length: 100 }, (_, n) =>
      dailyEstimate(day(n), { brand: 10, people: 10, insights: 10, relationships: 10 }, MODEL_VERSION),
    );
    const lines = populationLines(flatFit.map, newcomer, day(99)) as Record<
      Pillar,
      { slope: number; intercept: number }
    >;
    expect(predict(lines.people, 10)).toBeCloseTo(7, 1);
  });
});
