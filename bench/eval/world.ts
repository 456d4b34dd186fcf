import { rngFor } from '../../sample/prng';
import { addDays, dayNumber } from '../../shared/domain/days';
import { type Day, type DayActivity, EVENT_KINDS } from '../../shared/domain/kinds';
import {
  type DailyEstimate,
  LINKEDIN_PILLAR_NAMES,
  type OfficialReading,
  PILLAR_MAX,
  PILLARS,
  type Pillar,
  type PillarScores,
} from '../../shared/domain/pillars';
import type { ProfileSnapshot } from '../../shared/domain/profile';
import { estimateDays } from '../../shared/model/estimate';
import type { ObservedWindows } from '../../shared/model/observed';
import { MODEL_LOOKBACK_DAYS } from '../../shared/model/parameters';
import { parseReadingsUpload } from '../../shared/readings/parse';
import { simulateActivity } from './activity';
import { gaussian, type HiddenFormula } from './formulas';

export interface WorldConfig {
  seed: number;
  members: number;
  /** Last simulated day (the export day). */
  end: Day;
  /** Days with official readings, ending on `end`. */
  readingDays: number;
  /** LinkedIn's formula change: from this day every official value is multiplied by `recalcFactor`. */
  recalcDay: Day;
  recalcFactor: number;
  /** Day-to-day jitter of the official pillars (points, sd). */
  noise: number;
}

/** LinkedIn not recomputing: from `from` to `to`, the official value (all of it, or one pillar) stays put. */
export interface Freeze {
  scope: 'all' | Pillar;
  from: Day;
  to: Day;
  /** The first and last readings that show the frozen value (undefined when no reading fell in the freeze). */
  firstReading?: string;
  lastReading?: string;
}

export interface SimulatedMember {
  memberId: string;
  persona: string;
  activity: DayActivity[];
  profile: ProfileSnapshot;
  estimates: DailyEstimate[];
  readings: OfficialReading[];
  freezes: Freeze[];
  /** LinkedIn's true, unfrozen official value per reading day (after the recalculation, before noise). */
  truth: Map<Day, PillarScores>;
}

export interface World {
  config: WorldConfig;
  readFrom: Day;
  members: SimulatedMember[];
  rejectedReadings: number;
}

/** What LinkedIn's JSON carries: float32 values printed with 8 significant digits (0.29999998). */
const linkedInFloat = (value: number): number => Number(Math.fround(value).toPrecision(8));

const allObserved = (end: Day): ObservedWindows =>
  Object.fromEntries(EVENT_KINDS.map((kind) => [kind, [{ from: '0000-01-01', to: end }]]));

/** 0–3 non-overlapping freezes of 7–40 days inside the reading period; one in five freezes a single pillar. */
const drawFreezes = (memberId: string, config: WorldConfig, readFrom: Day): Freeze[] => {
  const rng = rngFor(config.seed, 'freezes', memberId);
  const count = rng.pick([0, 1, 1, 2, 2, 3]);
  const freezes: Freeze[] = [];
  for (let attempt = 0; attempt < 20 && freezes.length < count; attempt++) {
    const length = rng.between(7, 40);
    const from = addDays(readFrom, rng.int(config.readingDays - length));
    const to = addDays(from, length);
    const clashes = freezes.some((f) => !(to < addDays(f.from, -3) || from > addDays(f.to, 3)));
    if (clashes) continue;
    freezes.push({ scope: rng.chance(0.2) ? rng.pick(PILLARS) : 'all', from, to });
  }
  return freezes.sort((a, b) => (a.from < b.from ? -1 : 1));
};

/** The SSI page JSON for one day's shown pillars, as a tracker would upload it. */
const ssiPayload = (shown: PillarScores) => ({
  activeSeat: false,
  memberScore: {
    overall: linkedInFloat(PILLARS.reduce((sum, pillar) => sum + shown[pillar], 0)),
    subScores: PILLARS.map((pillar) => ({ pillar: LINKEDIN_PILLAR_NAMES[pillar], score: shown[pillar] })),
  },
  groupScore: [{ groupType: 'INDUSTRY', rank: 40, score: { overall: 31.5, subScores: [] } }],
});

export const buildWorld = (config: WorldConfig, formula: HiddenFormula): World => {
  const readFrom = addDays(config.end, -(config.readingDays - 1));
  // Activity reaches back far enough for exact estimates from the first reading day.
  const activityDays = config.readingDays + MODEL_LOOKBACK_DAYS + 30;
  const first = addDays(config.end, -(activityDays - 1));
  const members: SimulatedMember[] = [];
  let rejectedReadings = 0;

  for (let index = 0; index < config.members; index++) {
    const memberId = `member-${String(index).padStart(3, '0')}`;
    const { persona, days, profile } = simulateActivity(
      rngFor(config.seed, 'activity', memberId),
      first,
      activityDays,
    );
    const estimates = estimateDays({
      days,
      profile,
      observed: allObserved(config.end),
      from: readFrom,
      to: config.end,
    });
    const truthOf = formula.build({
      rng: rngFor(config.seed, `formula-${formula.name}`, memberId),
      first,
      length: activityDays,
      activity: days,
      profile,
      estimates: new Map(estimates.map((estimate) => [estimate.day, estimate])),
    });

    const rng = rngFor(config.seed, 'readings', memberId);
    const readingChance = rng.chance(0.7) ? 0.9 : 0.6;
    const freezes = drawFreezes(memberId, config, readFrom);
    const truth = new Map<Day, PillarScores>();
    const official = new Map<Day, PillarScores>();
    const readings: OfficialReading[] = [];
    for (let i = 0; i < config.readingDays; i++) {
      const day = addDays(readFrom, i);
      const factor = day >= config.recalcDay ? config.recalcFactor : 1;
      const exact = truthOf(day);
      const scaled = Object.fromEntries(PILLARS.map((p) => [p, exact[p] * factor])) as PillarScores;
      truth.set(day, scaled);
      const noisy = Object.fromEntries(
        PILLARS.map((p) => [
          p,
          linkedInFloat(Math.min(PILLAR_MAX, Math.max(0, scaled[p] + gaussian(rng) * config.noise))),
        ]),
      ) as PillarScores;
      official.set(day, noisy);
      if (!rng.chance(readingChance)) continue;

      const freeze = freezes.find((f) => f.from <= day && day <= f.to);
      const frozen = freeze ? (official.get(freeze.from) as PillarScores) : undefined;
      const shown = Object.fromEntries(
        PILLARS.map((p) => [
          p,
          frozen && (freeze?.scope === 'all' || freeze?.scope === p) ? frozen[p] : noisy[p],
        ]),
      ) as PillarScores;
      const observedAt = new Date(Date.parse(`${day}T06:00:00Z`) + rng.int(14 * 3600) * 1000).toISOString();
      const upload = parseReadingsUpload(memberId, 'ssi.json', JSON.stringify(ssiPayload(shown)), {
        receivedAt: new Date(Date.parse(observedAt) + 120_000).toISOString(),
        observedAt,
      });
      rejectedReadings += upload.rejected.length;
      readings.push(...upload.readings);
      if (freeze) {
        freeze.firstReading ??= observedAt;
        freeze.lastReading = observedAt;
      }
    }
    members.push({ memberId, persona, activity: days, profile, estimates, readings, freezes, truth });
  }
  return { config, readFrom, members, rejectedReadings };
};

/** Days between the first and last readings showing a freeze's value: what the detector can see of it. */
export const visibleSpan = (freeze: Freeze): number =>
  freeze.firstReading && freeze.lastReading
    ? dayNumber(freeze.lastReading.slice(0, 10)) - dayNumber(freeze.firstReading.slice(0, 10))
    : 0;
