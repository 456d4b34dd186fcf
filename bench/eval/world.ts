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

/** LinkedIn showing a wrong value: from `from` to `to`, one pillar is `offset` points off its true value. */
export interface DivergentRun {
  pillar: Pillar;
  from: Day;
  to: Day;
  offset: number;
  /** Reading days inside the run: what a detector can see of it. */
  readingDays: Day[];
}

/** How often a member reads: most daily-ish, some every few days, some (thin) every two weeks or so. */
const READING_HABITS = [
  { name: 'daily', chance: 0.9, share: 0.5 },
  { name: 'often', chance: 0.6, share: 0.3 },
  { name: 'thin', chance: 0.07, share: 0.2 },
] as const;

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
  divergent: DivergentRun[];
  habit: string;
  quiet: { from: Day; to: Day }[];
  bursts: { from: Day; to: Day }[];
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

/** 0–3 non-overlapping freezes of 3–45 days inside the reading period; one in five freezes a single pillar. */
const drawFreezes = (memberId: string, config: WorldConfig, readFrom: Day): Freeze[] => {
  const rng = rngFor(config.seed, 'freezes', memberId);
  const count = rng.pick([0, 1, 1, 2, 2, 3]);
  const freezes: Freeze[] = [];
  for (let attempt = 0; attempt < 20 && freezes.length < count; attempt++) {
    const length = rng.between(3, 45);
    const from = addDays(readFrom, rng.int(config.readingDays - length));
    const to = addDays(from, length);
    const clashes = freezes.some((f) => !(to < addDays(f.from, -3) || from > addDays(f.to, 3)));
    if (clashes) continue;
    freezes.push({ scope: rng.chance(0.2) ? rng.pick(PILLARS) : 'all', from, to });
  }
  return freezes.sort((a, b) => (a.from < b.from ? -1 : 1));
};

/**
 * In a third of members, one run of 7–21 days where one pillar shows 6–9 points off LinkedIn's own value (away
 * from the nearer bound), kept 5 days clear of every freeze and of the recalculation day.
 */
const drawDivergentRun = (
  memberId: string,
  config: WorldConfig,
  readFrom: Day,
  freezes: readonly Freeze[],
): Omit<DivergentRun, 'offset' | 'readingDays'> | undefined => {
  const rng = rngFor(config.seed, 'divergent', memberId);
  if (!rng.chance(1 / 3)) return undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    const length = rng.between(7, 21);
    const from = addDays(readFrom, 20 + rng.int(config.readingDays - length - 20));
    const to = addDays(from, length);
    const clear = (a: Day, b: Day) => to < addDays(a, -5) || from > addDays(b, 5);
    if (freezes.every((f) => clear(f.from, f.to)) && clear(config.recalcDay, config.recalcDay))
      return { pillar: rng.pick(PILLARS), from, to };
  }
  return undefined;
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
    const { persona, days, profile, quiet, bursts } = simulateActivity(
      rngFor(config.seed, 'activity', memberId),
      first,
      activityDays,
      config.readingDays,
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
    const pick = rng.next();
    let cumulative = 0;
    const habit =
      READING_HABITS.find((h) => {
        cumulative += h.share;
        return pick < cumulative;
      }) ?? READING_HABITS[0];
    const freezes = drawFreezes(memberId, config, readFrom);
    const drawn = drawDivergentRun(memberId, config, readFrom, freezes);
    const divergent: DivergentRun[] = [];
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
      const run = drawn && drawn.from <= day && day <= drawn.to ? drawn : undefined;
      if (run) {
        if (divergent.length === 0) {
          const value = noisy[run.pillar];
          divergent.push({
            ...run,
            offset: (value > PILLAR_MAX / 2 ? -1 : 1) * (6 + rng.next() * 3),
            readingDays: [],
          });
        }
        const shift = divergent[0] as DivergentRun;
        noisy[run.pillar] = linkedInFloat(
          Math.min(PILLAR_MAX, Math.max(0, noisy[run.pillar] + shift.offset)),
        );
      }
      official.set(day, noisy);
      if (!rng.chance(habit.chance)) continue;
      if (run) divergent[0]?.readingDays.push(day);

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
    members.push({
      memberId,
      persona,
      habit: habit.name,
      quiet,
      bursts,
      activity: days,
      profile,
      estimates,
      readings,
      freezes,
      divergent,
      truth,
    });
  }
  return { config, readFrom, members, rejectedReadings };
};

/** Days between the first and last readings showing a freeze's value: what the detector can see of it. */
export const visibleSpan = (freeze: Freeze): number =>
  freeze.firstReading && freeze.lastReading
    ? dayNumber(freeze.lastReading.slice(0, 10)) - dayNumber(freeze.firstReading.slice(0, 10))
    : 0;
