/**
 * Calibration measured prospectively: every genuine reading is scored with the calibration its member had before
 * it, as a deployment would show it. The sweep is replayed weekly: each week every member is refitted on the
 * readings they had (STALE repeats out, known recalculations normalised) with the pooled prior of the previous
 * week's calibrations, then the prior is relearned. Also: what a member with 0 readings gets from calibrated
 * teammates (leave one member out).
 */
import { addDays } from '../../shared/domain/days';
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

export interface CalibrationVariant {
  name: string;
  /** Learn and use the pooled prior. */
  pooled: boolean;
  halfLifeDays?: number;
}

type Scope = Pillar | 'total';
const SCOPES: readonly Scope[] = [...PILLARS, 'total'];
const REFIT_EVERY_DAYS = 7;

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

const genuine = (member: SimulatedMember, reading: OfficialReading): boolean =>
  !member.freezes.some((f) => f.from <= readingDay(reading) && readingDay(reading) <= f.to);

/** Per scope, absolute errors of calibrated (and raw) estimates against readings. */
class Errors {
  readonly calibrated = new Map<Scope, number[]>(SCOPES.map((s) => [s, []]));
  readonly raw = new Map<Scope, number[]>(SCOPES.map((s) => [s, []]));
  add(member: SimulatedMember, calibration: Calibration, reading: OfficialReading): void {
    const estimate = member.estimates.find((e) => e.day === readingDay(reading));
    const calibrated = estimate && applyCalibration(estimate, calibration);
    if (!estimate || !calibrated) return;
    for (const pillar of PILLARS) {
      this.calibrated.get(pillar)?.push(Math.abs(calibrated.pillars[pillar] - reading.pillars[pillar]));
      this.raw.get(pillar)?.push(Math.abs(estimate.pillars[pillar] - reading.pillars[pillar]));
    }
    this.calibrated.get('total')?.push(Math.abs(calibrated.total - reading.overall));
    this.raw.get('total')?.push(Math.abs(estimate.total - reading.overall));
  }
  summary() {
    const of = (errors: Map<Scope, number[]>) =>
      Object.fromEntries(SCOPES.map((scope) => [scope, mean(errors.get(scope) ?? [])]));
    return {
      readings: this.calibrated.get('total')?.length ?? 0,
      calibrated: of(this.calibrated),
      raw: of(this.raw),
    };
  }
}

/** The member's readings a calibration fitted at `asOf` may use, cleaned as the pipeline would. */
const trainingReadings = (member: SimulatedMember, asOf: Day, recalculations: readonly Finding[]) => {
  const seen = member.readings.filter((reading) => readingDay(reading) < asOf);
  const stale = detectStale({
    memberId: member.memberId,
    readings: seen,
    estimates: member.estimates,
    activity: member.activity,
  });
  const known = recalculations.filter((f) => f.memberId === member.memberId && f.to < asOf);
  return readingsForCalibration(seen, [...stale, ...known]);
};

/**
 * Prospective MAE per scope: readings in (t, t + 7 days] are scored with the calibration of week t. Members with
 * 0–4 readings are scored too when the variant pools (they have a calibration from the prior); `byReadings` splits
 * the errors by how many readings the member had when scored.
 */
export const prospectiveCalibration = (
  world: World,
  variant: CalibrationVariant,
  recalculations: readonly Finding[],
) => {
  const all = new Errors();
  const byReadings = { '0-4': new Errors(), '5-29': new Errors(), '30+': new Errors() };
  let prior: PopulationPrior | undefined;
  for (let week = world.readFrom; week <= world.config.end; week = addDays(week, REFIT_EVERY_DAYS)) {
    const calibrations: Calibration[] = [];
    for (const member of world.members) {
      const readings = trainingReadings(member, week, recalculations);
      const calibration = fitCalibration({
        memberId: member.memberId,
        readings,
        estimates: member.estimates,
        fittedAt: `${week}T00:00:00.000Z`,
        ...(variant.pooled && prior ? { prior } : {}),
        ...(variant.halfLifeDays !== undefined ? { halfLifeDays: variant.halfLifeDays } : {}),
      });
      if (!calibration) continue;
      calibrations.push(calibration);
      const next = addDays(week, REFIT_EVERY_DAYS);
      const bucket = calibration.readings < 5 ? '0-4' : calibration.readings < 30 ? '5-29' : '30+';
      for (const reading of member.readings) {
        const day = readingDay(reading);
        if (day < week || day >= next || !genuine(member, reading)) continue;
        all.add(member, calibration, reading);
        byReadings[bucket].add(member, calibration, reading);
      }
    }
    if (variant.pooled) prior = fitPopulationPrior(calibrations, `${week}T00:00:00.000Z`) ?? prior;
  }
  return {
    variant: variant.name,
    ...all.summary(),
    byReadings: Object.fromEntries(Object.entries(byReadings).map(([k, errors]) => [k, errors.summary()])),
  };
};

/**
 * A thin member among calibrated teammates: each member in turn is left out, the prior is learned from the others'
 * calibrations at the end of the period, and the member is calibrated on only their last k readings before the
 * final 30 days (k = 0: the prior's map), then scored on their genuine readings of those 30 days. `expectedTotal`
 * is the leave-one-out error the calibration reported.
 */
export const thinMemberErrors = (
  world: World,
  recalculations: readonly Finding[],
  sizes: readonly number[],
) => {
  const end = world.config.end;
  const holdout = addDays(end, -29);
  const calibrations = new Map(
    world.members.map((member) => [
      member.memberId,
      fitCalibration({
        memberId: member.memberId,
        readings: trainingReadings(member, addDays(end, 1), recalculations),
        estimates: member.estimates,
        fittedAt: `${end}T00:00:00.000Z`,
      }),
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
      const calibration = fitCalibration({
        memberId: member.memberId,
        readings: size === 0 ? [] : before.slice(-size),
        estimates: member.estimates,
        fittedAt: `${holdout}T00:00:00.000Z`,
        prior,
      }) as Calibration;
      const slot = bySize[i] as (typeof bySize)[number];
      slot.expected.push(calibration.mae.total.leaveOneOut);
      for (const reading of member.readings)
        if (readingDay(reading) >= holdout && genuine(member, reading))
          slot.errors.add(member, calibration, reading);
    });
  }
  return Object.fromEntries(
    sizes.map((size, i) => {
      const slot = bySize[i] as (typeof bySize)[number];
      return [`readings${size}`, { ...slot.errors.summary(), expectedTotal: mean(slot.expected) }];
    }),
  );
};
