import { addDays, dayNumber } from '../domain/days';
import { type Day, type DayActivity, EVENT_KINDS, type EventKind, type SignalName } from '../domain/kinds';
import { type Calibration, type DailyEstimate, PILLARS, type PillarScores } from '../domain/pillars';
import type { ProfileSnapshot } from '../domain/profile';
import { applyCalibration } from '../model/calibration';
import { estimateDays } from '../model/estimate';
import type { ObservedWindows } from '../model/observed';
import { MODEL_LOOKBACK_DAYS, MODEL_VERSION } from '../model/parameters';

/** "The next 4 weeks" and "the member's recent 4 weeks". */
export const PLAN_HORIZON_DAYS = 28;
export const RECENT_DAYS = 28;
/** Actions a plan lists (at least 3 are always listed). */
export const PLAN_ACTIONS = 5;
/** Data older than this (days before today) is flagged stale on the plan and the page. */
export const STALE_DATA_DAYS = 14;

/** What one occurrence of an action adds to a day: counts per kind and the derived signals it carries. */
interface Occurrence {
  counts: Partial<Record<EventKind, number>>;
  signals?: Partial<Record<SignalName, number>>;
}

/** An action a member can take, at a pace people keep up; ids are stable (the catalogue words them). */
export interface CandidateAction {
  action: string;
  perWeek: number;
  adds: Occurrence;
}

/** Realistic weekly paces: the plan compares them on the model, it does not push volume. */
export const CANDIDATE_ACTIONS: readonly CandidateAction[] = [
  { action: 'post', perWeek: 2, adds: { counts: { post: 1 } } },
  { action: 'comment', perWeek: 5, adds: { counts: { comment: 1 } } },
  { action: 'reaction', perWeek: 10, adds: { counts: { reaction: 1 } } },
  {
    action: 'personalised_invitation',
    perWeek: 5,
    adds: { counts: { invitation_sent: 1 }, signals: { 'invitation_sent.personalised': 1 } },
  },
  {
    action: 'message',
    perWeek: 3,
    adds: { counts: { message_sent: 1 }, signals: { 'message_sent.people': 1 } },
  },
  {
    action: 'reply',
    perWeek: 5,
    adds: { counts: { message_sent: 1 }, signals: { 'message_sent.reply': 1 } },
  },
  { action: 'search', perWeek: 5, adds: { counts: { search: 1 } } },
  { action: 'reshare', perWeek: 1, adds: { counts: { reshare: 1 } } },
  { action: 'follow', perWeek: 2, adds: { counts: { member_follow: 1 } } },
  { action: 'endorse', perWeek: 2, adds: { counts: { endorsement_given: 1 } } },
  { action: 'article', perWeek: 0.25, adds: { counts: { article: 1 } } },
];

export interface PlanAction {
  action: string;
  perWeek: number;
  /** Expected points per pillar after the horizon, over the current pace; every gain ≥ 0. */
  gain: PillarScores;
  total: number;
}

export interface ScorePoint {
  day: Day;
  total: number;
  pillars: PillarScores;
}

/** Where the score heads if the member keeps their recent 4 weeks' pace. */
export interface Forecast {
  from: ScorePoint;
  to: ScorePoint;
  change: number;
}

export interface Plan {
  horizonDays: number;
  /** The latest day the member's data describes: "recent" is the 4 weeks up to it. */
  dataAsOf: Day;
  calibrated: boolean;
  actions: PlanAction[];
  forecast: Forecast;
}

export interface PlanInput {
  /** Stored activity days from `dataAsOf − RECENT_DAYS − MODEL_LOOKBACK_DAYS` (or earlier) to `dataAsOf`. */
  days: readonly DayActivity[];
  profile?: ProfileSnapshot;
  observed: ObservedWindows;
  dataAsOf: Day;
  calibration?: Calibration;
  horizonDays?: number;
}

/** The stored days the plan needs, so the caller reads no more than that. */
export const planDaysFrom = (dataAsOf: Day): Day => addDays(dataAsOf, -(RECENT_DAYS + MODEL_LOOKBACK_DAYS));

const round2 = (value: number): number => Math.round(value * 100) / 100;

const addTo = (day: DayActivity, occurrence: Occurrence, times: number): DayActivity => {
  const counts = { ...day.counts };
  const signals = { ...day.signals };
  for (const [kind, n] of Object.entries(occurrence.counts) as [EventKind, number][])
    counts[kind] = (counts[kind] ?? 0) + n * times;
  for (const [signal, n] of Object.entries(occurrence.signals ?? {}) as [SignalName, number][])
    signals[signal] = (signals[signal] ?? 0) + n * times;
  return { day: day.day, counts, signals };
};

/**
 * The next `horizon` days at the current pace: day k repeats day k of the recent 4 weeks (same weekdays),
 * then, for an action, its occurrences spread evenly over the horizon.
 */
const futureDays = (
  recent: ReadonlyMap<Day, DayActivity>,
  dataAsOf: Day,
  horizon: number,
  action?: CandidateAction,
): DayActivity[] => {
  const future: DayActivity[] = [];
  for (let k = 1; k <= horizon; k++) {
    const model = recent.get(addDays(dataAsOf, ((k - 1) % RECENT_DAYS) - RECENT_DAYS + 1));
    future.push({ day: addDays(dataAsOf, k), counts: { ...model?.counts }, signals: { ...model?.signals } });
  }
  if (action) {
    const occurrences = Math.max(1, Math.round((action.perWeek * horizon) / 7));
    const perDay = new Map<number, number>();
    for (let i = 0; i < occurrences; i++) {
      const index = Math.floor(((i + 0.5) * horizon) / occurrences);
      perDay.set(index, (perDay.get(index) ?? 0) + 1);
    }
    for (const [index, times] of perDay)
      future[index] = addTo(future[index] as DayActivity, action.adds, times);
  }
  return future;
};

/**
 * The few actions that would raise the score most over the next 4 weeks, from the member's own recent activity
 * (docs/coaching.md): the member's recent 4 weeks go on for the horizon (the forecast), and each candidate adds its
 * weekly pace on top; an action's gain is the model's difference at the horizon's end, on the calibrated scale
 * when a calibration applies. Pure and deterministic.
 */
export const planActions = (input: PlanInput): Plan => {
  const horizon = input.horizonDays ?? PLAN_HORIZON_DAYS;
  const end = addDays(input.dataAsOf, horizon);
  const past = input.days.filter((day) => day.day <= input.dataAsOf);
  const recentFrom = addDays(input.dataAsOf, -RECENT_DAYS + 1);
  const recent = new Map(past.filter((day) => day.day >= recentFrom).map((day) => [day.day, day]));
  // The simulated days are known (not "unknown"): every kind counts as observed on them.
  const future = { from: addDays(input.dataAsOf, 1), to: end };
  const observed: ObservedWindows = Object.fromEntries(
    EVENT_KINDS.map((kind) => [kind, [...(input.observed[kind] ?? []), future]]),
  );
  const estimateOn = (day: Day, days: readonly DayActivity[]): DailyEstimate =>
    estimateDays({ days, profile: input.profile, observed, from: day, to: day })[0] as DailyEstimate;
  const calibration = input.calibration?.modelVersion === MODEL_VERSION ? input.calibration : undefined;
  const scored = (estimate: DailyEstimate): ScorePoint => {
    const mapped = calibration ? applyCalibration(estimate, calibration) : undefined;
    return { day: estimate.day, ...(mapped ?? { pillars: estimate.pillars, total: estimate.total }) };
  };
  const now = scored(estimateOn(input.dataAsOf, past));
  const baseline = scored(estimateOn(end, [...past, ...futureDays(recent, input.dataAsOf, horizon)]));
  const actions = CANDIDATE_ACTIONS.map((candidate, order) => {
    const withAction = scored(
      estimateOn(end, [...past, ...futureDays(recent, input.dataAsOf, horizon, candidate)]),
    );
    const gain = Object.fromEntries(
      PILLARS.map((pillar) => [
        pillar,
        Math.max(0, round2(withAction.pillars[pillar] - baseline.pillars[pillar])),
      ]),
    ) as PillarScores;
    const total = round2(PILLARS.reduce((sum, pillar) => sum + gain[pillar], 0));
    return { action: candidate.action, perWeek: candidate.perWeek, gain, total, order };
  })
    .sort((a, b) => b.total - a.total || a.order - b.order)
    .slice(0, PLAN_ACTIONS)
    .map(({ order: _, ...action }) => action);
  return {
    horizonDays: horizon,
    dataAsOf: input.dataAsOf,
    calibrated: calibration !== undefined,
    actions,
    forecast: { from: now, to: baseline, change: round2(baseline.total - now.total) },
  };
};

/** Whole days between the data's last day and today: the page and the plan say when it is old. */
export const dataAge = (dataAsOf: Day, today: Day): number => dayNumber(today) - dayNumber(dataAsOf);
