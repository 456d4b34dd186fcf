/**
 * Calibration measured prospectively, as a deployment shows it: every genuine reading (not frozen, not in a divergent
 * run) is scored with the estimate its member had before it. The member is refitted after each of their first 20
 * readings (`POST /official-scores` refits on every reading), then weekly to keep the run short, each time on the
 * readings they had (STALE repeats out, RECALCULATION findings known by then normalised) with the pooled prior of
 * the latest weekly sweep. Also: what a member with 0 readings gets from calibrated teammates (leave one member out).
 */
import { addDays, dayNumber } from '../../shared/domain/days';
import type { Day } from '../../shared/domain/kinds';
import {
  type Calibration,
  type Finding,
  type OfficialReading,
  PILLARS,
  type Pillar,
  type PopulationPrior,
} from '../../shared/domain/pillars';
import { readingsForCalibration } from '../../shared/findings/evaluate';
import { readingDay } from '../../shared/findings/series';
import { detectStale } from '../../shared/findings/stale';
import { applyCalibration, fitCalibration, fitPopulationPrior } from '../../shared/model/calibration';
import type { SimulatedMember, World } from './world';

export interface CalibrationOptions {
  /** Recency half-life passed to every fit (default: the model's). */
  halfLifeDays?: number;
  /** The level's half-life passed to every fit (default: the model's; Infinity: the line as fitted). */
  levelHalfLifeDays?: number;
  /** Prospective scoring refits a member when this many days passed since the last fit (default 1: every reading day, as `POST /official-scores` refits on each reading). */
  refitEveryDays?: number;
}

type Scope = Pillar | 'total';
const SCOPES: readonly Scope[] = [...PILLARS, 'total'];
const SWEEP_EVERY_DAYS = 7;
const REFIT_EVERY_DAYS = 1;
/** With a sparser refit (`--refit-every`), a member's first readings are still refitted one by one. */
const REFIT_EVERY_READING_UP_TO = 20;

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

/** Not shown frozen by LinkedIn and not inside a divergent run: a reading LinkedIn meant. */
export const genuine = (member: SimulatedMember, reading: OfficialReading): boolean => {
  const day = readingDay(reading);
  return (
    !member.freezes.some((f) => f.from < day && day <= f.to) &&
    !member.divergent.some((run) => run.from <= day && day <= run.to)
  );
};

/** Per scope, absolute errors of the shown (calibrated when there is a calibration) and raw estimates. */
class Errors {
  readonly shown = new Map<Scope, number[]>(SCOPES.map((s) => [s, []]));
  /** The shown errors of the readings scored with a calibration (not raw for want of one). */
  readonly calibratedOnly = new Map<Scope, number[]>(SCOPES.map((s) => [s, []]));
  readonly raw = new Map<Scope, number[]>(SCOPES.map((s) => [s, []]));
  calibratedReadings = 0;
  add(member: SimulatedMember, calibration: Calibration | undefined, reading: OfficialReading): void {
    const estimate = member.estimates.find((e) => e.day === readingDay(reading));
    if (!estimate) return;
    const calibrated = calibration && applyCalibration(estimate, calibration);
    const shown = calibrated ?? estimate;
    if (calibrated) this.calibratedReadings++;
    for (const pillar of PILLARS) {
      this.shown.get(pillar)?.push(Math.abs(shown.pillars[pillar] - reading.pillars[pillar]));
      this.raw.get(pillar)?.push(Math.abs(estimate.pillars[pillar] - reading.pillars[pillar]));
    }
    this.shown.get('total')?.push(Math.abs(shown.total - reading.overall));
    if (calibrated) {
      for (const pillar of PILLARS)
        this.calibratedOnly.get(pillar)?.push(Math.abs(calibrated.pillars[pillar] - reading.pillars[pillar]));
      this.calibratedOnly.get('total')?.push(Math.abs(calibrated.total - reading.overall));
    }
    this.raw.get('total')?.push(Math.abs(estimate.total - reading.overall));
  }
  summary() {
    const of = (errors: Map<Scope, number[]>) =>
      Object.fromEntries(SCOPES.map((scope) => [scope, mean(errors.get(scope) ?? [])])) as Record<
        Scope,
        number | null
      >;
    return {
      readings: this.shown.get('total')?.length ?? 0,
      calibratedReadings: this.calibratedReadings,
      calibrated: of(this.shown),
      calibratedOnly: of(this.calibratedOnly),
      raw: of(this.raw),
    };
  }
}

/** The member's readings a calibration fitted at `asOf` may use, cleaned as the pipeline would. */
const trainingReadings = (member: SimulatedMember, asOf: string, recalculations: readonly Finding[]) => {
  const seen = member.readings.filter((reading) => reading.observedAt < asOf);
  const stale = detectStale({
    memberId: member.memberId,
    readings: seen,
    estimates: member.estimates,
    activity: member.activity,
  });
  const known = recalculations.filter((f) => f.memberId === member.memberId && f.detectedAt < asOf);
  return readingsForCalibration(seen, [...stale, ...known]);
};

const fitMember = (
  member: SimulatedMember,
  readings: readonly OfficialReading[],
  fittedAt: string,
  options: CalibrationOptions,
  prior?: PopulationPrior,
) =>
  fitCalibration({
    memberId: member.memberId,
    readings,
    estimates: member.estimates,
    fittedAt,
    ...(prior ? { prior } : {}),
    ...(options.halfLifeDays !== undefined ? { halfLifeDays: options.halfLifeDays } : {}),
    ...(options.levelHalfLifeDays !== undefined ? { levelHalfLifeDays: options.levelHalfLifeDays } : {}),
  });

/**
 * The weekly sweep replayed: on each sweep day every member is fitted on the readings they had (with the previous
 * sweep's prior, as stored calibrations are), then the prior is relearned from those calibrations.
 */
export const sweepPriors = (
  world: World,
  recalculations: readonly Finding[],
  options: CalibrationOptions = {},
): Map<Day, PopulationPrior> => {
  const priors = new Map<Day, PopulationPrior>();
  let prior: PopulationPrior | undefined;
  for (let week = world.readFrom; week <= world.config.end; week = addDays(week, SWEEP_EVERY_DAYS)) {
    const at = `${week}T00:00:00.000Z`;
    const calibrations = world.members.flatMap(
      (member) => fitMember(member, trainingReadings(member, at, recalculations), at, options, prior) ?? [],
    );
    prior = fitPopulationPrior(calibrations, at) ?? prior;
    if (prior) priors.set(week, prior);
  }
  return priors;
};

/** The prior of the latest sweep strictly before `day`. */
const priorBefore = (priors: Map<Day, PopulationPrior>, readFrom: Day, day: Day) => {
  const weeks = Math.floor((dayNumber(day) - 1 - dayNumber(readFrom)) / SWEEP_EVERY_DAYS);
  for (let w = weeks; w >= 0; w--) {
    const prior = priors.get(addDays(readFrom, w * SWEEP_EVERY_DAYS));
    if (prior) return prior;
  }
  return undefined;
};

/** Buckets by how many readings the member had before the one scored. */
const BUCKETS = [
  { name: '0', min: 0, max: 0 },
  { name: '1-4', min: 1, max: 4 },
  { name: '5-29', min: 5, max: 29 },
  { name: '30+', min: 30, max: Number.POSITIVE_INFINITY },
] as const;

/**
 * Prospective MAE per pillar and for the total, over every genuine reading, and split by how many readings the
 * member had before it (`0`: the prior's map, or raw before the first prior; `1-4`: pooled with the prior).
 */
export const prospectiveCalibration = (
  world: World,
  recalculations: readonly Finding[],
  priors: Map<Day, PopulationPrior>,
  options: CalibrationOptions = {},
) => {
  const all = new Errors();
  const buckets = new Map(BUCKETS.map((bucket) => [bucket.name, new Errors()]));
  for (const member of world.members) {
    let calibration: Calibration | undefined;
    let fittedDay: Day | undefined;
    member.readings.forEach((target, i) => {
      const day = readingDay(target);
      const prior = priorBefore(priors, world.readFrom, day);
      const due =
        i <= REFIT_EVERY_READING_UP_TO ||
        !fittedDay ||
        dayNumber(day) - dayNumber(fittedDay) >= (options.refitEveryDays ?? REFIT_EVERY_DAYS);
      if (due) {
        calibration = fitMember(
          member,
          trainingReadings(member, target.observedAt, recalculations),
          target.observedAt,
          options,
          prior,
        );
        fittedDay = day;
      }
      if (!genuine(member, target)) return;
      all.add(member, calibration, target);
      const bucket = BUCKETS.find((b) => i >= b.min && i <= b.max);
      if (bucket) buckets.get(bucket.name)?.add(member, calibration, target);
    });
  }
  return {
    ...all.summary(),
    byReadingsBefore: Object.fromEntries([...buckets].map(([name, errors]) => [name, errors.summary()])),
  };
};

/**
 * A thin member among calibrated teammates: each member in turn is left out, the prior is learned from the others'
 * calibrations at the end of the period, and the member is calibrated on only their last k readings before the
 * final 30 days (k = 0: the prior's map), refitted daily as the sweep does, then scored on their genuine readings of
 * those 30 days. `expectedTotal`
 * is the leave-one-out error the calibration reported.
 */
export const thinMemberErrors = (
  world: World,
  recalculations: readonly Finding[],
  sizes: readonly number[],
  options: CalibrationOptions = {},
) => {
  const end = world.config.end;
  const holdout = addDays(end, -29);
  const calibrations = new Map(
    world.members.map((member) => [
      member.memberId,
      fitMember(
        member,
        trainingReadings(member, addDays(end, 1), recalculations),
        `${end}T00:00:00.000Z`,
        options,
      ),
    ]),
  );
  const bySize = sizes.map(() => ({ errors: new Errors(), expected: [] as number[] }));
  for (const member of world.members) {
    const others = world.members
      .filter((m) => m.memberId !== member.memberId)
      .flatMap((m) => calibrations.get(m.memberId) ?? []);
    const prior = fitPopulationPrior(others, `${end}T00:00:00.000Z`);
    if (!prior) continue;
    const before = trainingReadings(member, holdout, recalculations);
    sizes.forEach((size, i) => {
      const readings = size === 0 ? [] : before.slice(-size);
      // Refitted the day before each scored reading, as the daily sweep refits every member (a member without
      // readings gets the population map's tangent at that day's estimates).
      const fitOn = (day: Day) =>
        fitMember(member, readings, `${addDays(day, -1)}T00:00:00.000Z`, options, prior) as Calibration;
      const slot = bySize[i] as (typeof bySize)[number];
      slot.expected.push(fitOn(holdout).mae.total.leaveOneOut);
      for (const reading of member.readings)
        if (readingDay(reading) >= holdout && genuine(member, reading))
          slot.errors.add(member, fitOn(readingDay(reading)), reading);
    });
  }
  return Object.fromEntries(
    sizes.map((size, i) => {
      const slot = bySize[i] as (typeof bySize)[number];
      return [`readings${size}`, { ...slot.errors.summary(), expectedTotal: mean(slot.expected) }];
    }),
  );
};
