import type { Rng } from '../../sample/prng';
import { addDays } from '../../shared/domain/days';
import type { Day, DayActivity, EventKind, SignalName } from '../../shared/domain/kinds';
import {
  type DailyEstimate,
  PILLAR_MAX,
  PILLARS,
  type Pillar,
  type PillarScores,
} from '../../shared/domain/pillars';
import type { ProfileSnapshot } from '../../shared/domain/profile';

/** What a hidden formula may look at: everything about the member, including what the model cannot see. */
export interface FormulaInput {
  rng: Rng;
  /** First activity day and the number of days. */
  first: Day;
  length: number;
  activity: readonly DayActivity[];
  profile: ProfileSnapshot;
  /** The model's raw estimates by day (only the in-family formula reads them). */
  estimates: ReadonlyMap<Day, DailyEstimate>;
}

/** LinkedIn's "true" score per day, before noise, freezes and recalculation. */
export type TruthByDay = (day: Day) => PillarScores;

export interface HiddenFormula {
  name: string;
  inModelFamily: boolean;
  description: string;
  build(input: FormulaInput): TruthByDay;
}

const clampPillar = (value: number): number => Math.min(PILLAR_MAX, Math.max(0, value));

/** Standard normal (Box–Muller). */
export const gaussian = (rng: Rng): number => {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
};

/** In the model's family: each pillar is a member-specific linear map of the model's own raw estimate. */
export const LINEAR_OF_MODEL: HiddenFormula = {
  name: 'linear-of-model',
  inModelFamily: true,
  description: 'official = slope·raw + intercept per member and pillar (slope 0.7–1.4, intercept −2…3)',
  build: ({ rng, estimates }) => {
    const lines = Object.fromEntries(
      PILLARS.map((pillar) => [pillar, { slope: 0.7 + rng.next() * 0.7, intercept: -2 + rng.next() * 5 }]),
    ) as Record<Pillar, { slope: number; intercept: number }>;
    return (day) => {
      const estimate = estimates.get(day);
      if (!estimate) throw new Error(`no estimate on ${day}`);
      return Object.fromEntries(
        PILLARS.map((pillar) => [
          pillar,
          clampPillar(lines[pillar].slope * estimate.pillars[pillar] + lines[pillar].intercept),
        ]),
      ) as PillarScores;
    };
  },
};

type Series = EventKind | SignalName | 'active_days';
type Memory = 'recent' | 'lasting';

/** Out-of-family weights: per pillar, (series, memory, weight) terms and a half-saturation constant. */
const TERMS: Record<Pillar, { terms: [Series, Memory, number][]; halfAt: number }> = {
  brand: {
    terms: [
      ['post', 'recent', 0.5],
      ['media_upload', 'recent', 0.3],
      ['article', 'lasting', 1],
      ['endorsement_received', 'lasting', 0.08],
      ['recommendation_received', 'lasting', 0.8],
    ],
    halfAt: 8,
  },
  people: {
    terms: [
      ['search', 'recent', 0.1],
      ['active_days', 'recent', 0.25],
      ['connection', 'recent', 0.1],
      ['company_follow', 'recent', 0.3],
      ['member_follow', 'recent', 0.3],
      ['saved_item', 'recent', 0.3],
    ],
    halfAt: 10,
  },
  insights: {
    terms: [
      ['comment', 'recent', 0.25],
      ['reaction', 'recent', 0.04],
      ['message_sent.reply', 'recent', 0.08],
      ['post', 'recent', 0.4],
      ['reshare', 'recent', 0.4],
      ['repost', 'recent', 0.3],
      ['vote', 'recent', 0.3],
    ],
    halfAt: 10,
  },
  relationships: {
    terms: [
      ['connection', 'lasting', 0.01],
      ['connection.senior', 'lasting', 0.15],
      ['connection.coworker', 'lasting', 0.2],
      ['message_sent.people', 'recent', 0.08],
      ['invitation_sent.personalised', 'recent', 0.2],
      ['invitation_sent', 'recent', 0.03],
      ['endorsement_given', 'lasting', 0.1],
      ['recommendation_given', 'lasting', 0.5],
    ],
    halfAt: 12,
  },
};

/** Exponential memories (a rate per 28 days with a 30-day time constant; per year with a 365-day one). */
const MEMORY: Record<Memory, { tau: number; unit: number }> = {
  recent: { tau: 30, unit: 28 },
  lasting: { tau: 365, unit: 365 },
};

const LEVEL_KEYS = new Map(
  PILLARS.flatMap((pillar) =>
    TERMS[pillar].terms.map(([series, memory]) => [`${series}|${memory}`, { series, memory }] as const),
  ),
);

const ACTIVE: readonly EventKind[] = [
  'post',
  'comment',
  'reaction',
  'search',
  'message_sent',
  'invitation_sent',
];

/** Latent (unobserved: profile views, engagement received) drift per pillar: an AR(1) with sd 1 point. */
const LATENT = { sd: 1, tau: 30 };

/** A day's value of a series: its count, a derived signal, or 1 on an active day. */
const seriesValue = (today: DayActivity | undefined, series: Series): number => {
  if (series === 'active_days') return ACTIVE.some((kind) => (today?.counts[kind] ?? 0) > 0) ? 1 : 0;
  if (series.includes('.')) return today?.signals[series as SignalName] ?? 0;
  return today?.counts[series as EventKind] ?? 0;
};

/**
 * Per day and pillar, Σ weight · rate of the pillar's terms, each (series, memory) level an exponential decay with
 * the given time constants (a rate per 28 days for 'recent', per 365 for 'lasting').
 */
const exponentialRates = (
  first: Day,
  length: number,
  activity: readonly DayActivity[],
  tau: Record<Memory, number>,
): Map<Day, PillarScores> => {
  const byDay = new Map(activity.map((day) => [day.day, day]));
  const levels = new Map<string, number>();
  const rates = new Map<Day, PillarScores>();
  for (let i = 0; i < length; i++) {
    const day = addDays(first, i);
    // Each (series, memory) level decays and takes the day's events once, whichever pillars read it.
    for (const [key, { series, memory }] of LEVEL_KEYS)
      levels.set(
        key,
        (levels.get(key) ?? 0) * Math.exp(-1 / tau[memory]) + seriesValue(byDay.get(day), series),
      );
    const pillars = {} as PillarScores;
    for (const pillar of PILLARS) {
      let x = 0;
      for (const [series, memory, weight] of TERMS[pillar].terms)
        x += weight * (((levels.get(`${series}|${memory}`) ?? 0) * MEMORY[memory].unit) / tau[memory]);
      pillars[pillar] = x;
    }
    rates.set(day, pillars);
  }
  return rates;
};

/**
 * Not in the model's family: exponential rather than windowed memory, hyperbolic rather than exponential
 * saturation (25·x / (x + k)), different weights, and a latent term per pillar the export cannot see.
 */
export const SATURATING_WITH_LATENT: HiddenFormula = {
  name: 'saturating-with-latent',
  inModelFamily: false,
  description:
    '25·x/(x+k) of exponentially decayed activity (τ 30 d / 365 d), other weights, + an unobserved AR(1) drift (sd 1 point)',
  build: ({ rng, first, length, activity, profile }) => {
    const profileShare =
      [
        profile.hasHeadline,
        profile.hasSummary,
        profile.positions > 0,
        profile.education > 0,
        profile.skills >= 5,
      ].filter(Boolean).length / 5;
    const latent = Object.fromEntries(
      PILLARS.map((pillar) => [pillar, gaussian(rng) * LATENT.sd]),
    ) as PillarScores;
    const keep = 1 - 1 / LATENT.tau;
    const step = LATENT.sd * Math.sqrt(1 - keep * keep);
    const truth = new Map<Day, PillarScores>();
    const rates = exponentialRates(first, length, activity, { recent: 30, lasting: 365 });
    for (let i = 0; i < length; i++) {
      const day = addDays(first, i);
      const pillars = {} as PillarScores;
      for (const pillar of PILLARS) {
        const x = (pillar === 'brand' ? 4 * profileShare : 0) + (rates.get(day)?.[pillar] ?? 0);
        latent[pillar] = latent[pillar] * keep + gaussian(rng) * step;
        pillars[pillar] = clampPillar((PILLAR_MAX * x) / (x + TERMS[pillar].halfAt) + latent[pillar]);
      }
      truth.set(day, pillars);
    }
    return (day) => {
      const scores = truth.get(day);
      if (!scores) throw new Error(`no truth on ${day}`);
      return scores;
    };
  },
};

/** Windows of the third formula: 60 days for 'recent' series, 540 for 'lasting' ones. */
const WINDOW_DAYS: Record<Memory, number> = { recent: 60, lasting: 540 };

/**
 * Not in the model's family either: plain sliding windows of other lengths than the model's, exponential
 * saturation 25·(1 − e^(−x/k)), and a member-specific offset per pillar (sd `offsetSd` points) that never changes.
 */
const windowedExponential = (name: string, offsetSd: number, description: string): HiddenFormula => ({
  name,
  inModelFamily: false,
  description,
  build: ({ rng, first, length, activity, profile }) => {
    const byDay = new Map(activity.map((day) => [day.day, day]));
    const offset = Object.fromEntries(
      PILLARS.map((pillar) => [pillar, gaussian(rng) * offsetSd]),
    ) as PillarScores;
    const profileShare =
      [profile.hasHeadline, profile.hasSummary, profile.skills >= 5].filter(Boolean).length / 3;
    // Running sums per (series, memory): add today's events, drop those that left the window.
    const daily = new Map<string, number[]>();
    const sums = new Map<string, number>();
    const truth = new Map<Day, PillarScores>();
    for (let i = 0; i < length; i++) {
      const day = addDays(first, i);
      const today = byDay.get(day);
      for (const [key, { series, memory }] of LEVEL_KEYS) {
        const value = seriesValue(today, series);
        const history = daily.get(key) ?? [];
        history.push(value);
        daily.set(key, history);
        const window = WINDOW_DAYS[memory];
        sums.set(
          key,
          (sums.get(key) ?? 0) +
            value -
            (history.length > window ? (history[history.length - 1 - window] as number) : 0),
        );
      }
      const pillars = {} as PillarScores;
      for (const pillar of PILLARS) {
        let x = pillar === 'brand' ? 3 * profileShare : 0;
        for (const [series, memory, weight] of TERMS[pillar].terms)
          x +=
            weight * (((sums.get(`${series}|${memory}`) ?? 0) * MEMORY[memory].unit) / WINDOW_DAYS[memory]);
        pillars[pillar] = clampPillar(
          PILLAR_MAX * (1 - Math.exp(-x / (1.4 * TERMS[pillar].halfAt))) + offset[pillar],
        );
      }
      truth.set(day, pillars);
    }
    return (day) => {
      const scores = truth.get(day);
      if (!scores) throw new Error(`no truth on ${day}`);
      return scores;
    };
  },
});

export const WINDOWED_EXPONENTIAL = windowedExponential(
  'windowed-exponential',
  1.5,
  '25·(1 − e^(−x/k)) of 60-day / 540-day windowed activity, other weights, + a fixed member offset (sd 1.5 points)',
);

/**
 * The same formula without the member offset: every member follows one map the model does not know, so teammates'
 * calibrations say where a newcomer stands (what a member with 0 readings can get when that premise holds).
 */
export const WINDOWED_EXPONENTIAL_SHARED = windowedExponential(
  'windowed-exponential-shared',
  0,
  'windowed-exponential without the member offset: one map for every member, unknown to the model',
);

/**
 * Held out (never tuned on): not in the model's family, and LinkedIn's own map drifts. Exponential memories of other
 * lengths (τ 45 d / 500 d), an S-shaped saturation 25·x²/(x² + k²) (little credit for a little activity), a fixed
 * member offset (sd 1 point), and a per-member, per-pillar scale that drifts linearly by up to ±20 % over the
 * simulated span: a calibration fitted months ago is off today.
 */
export const DRIFTING_SIGMOID: HiddenFormula = {
  name: 'drifting-sigmoid',
  inModelFamily: false,
  description:
    '25·x²/(x²+k²) of exponentially decayed activity (τ 45 d / 500 d), a fixed member offset (sd 1), a scale drifting ±20 % over the span',
  build: ({ rng, first, length, activity, profile }) => {
    const offset = Object.fromEntries(PILLARS.map((pillar) => [pillar, gaussian(rng)])) as PillarScores;
    const drift = Object.fromEntries(
      PILLARS.map((pillar) => [pillar, -0.2 + rng.next() * 0.4]),
    ) as PillarScores;
    const profileShare =
      [profile.hasHeadline, profile.hasSummary, profile.positions > 0].filter(Boolean).length / 3;
    const rates = exponentialRates(first, length, activity, { recent: 45, lasting: 500 });
    const truth = new Map<Day, PillarScores>();
    for (let i = 0; i < length; i++) {
      const day = addDays(first, i);
      const pillars = {} as PillarScores;
      for (const pillar of PILLARS) {
        const x = (pillar === 'brand' ? 5 * profileShare : 0) + (rates.get(day)?.[pillar] ?? 0);
        const k = 0.8 * TERMS[pillar].halfAt;
        const scale = 1 + (drift[pillar] * i) / length;
        pillars[pillar] = clampPillar((scale * PILLAR_MAX * x * x) / (x * x + k * k) + offset[pillar]);
      }
      truth.set(day, pillars);
    }
    return (day) => {
      const scores = truth.get(day);
      if (!scores) throw new Error(`no truth on ${day}`);
      return scores;
    };
  },
};

export const HIDDEN_FORMULAS: readonly HiddenFormula[] = [
  LINEAR_OF_MODEL,
  SATURATING_WITH_LATENT,
  WINDOWED_EXPONENTIAL,
  WINDOWED_EXPONENTIAL_SHARED,
  DRIFTING_SIGMOID,
];
