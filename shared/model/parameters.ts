import { EVENT_KINDS, type EventKind, SIGNALS, type SignalName } from '../domain/kinds';
import type { Pillar } from '../domain/pillars';

/** Stored with every estimate and calibration: a calibration fitted on one version does not apply to another. */
export const MODEL_VERSION = 'v1';

/**
 * How long a signal is remembered: a staircase of rolling windows (a discrete stand-in for exponential decay).
 * A signal's level is the rate per `unitDays` seen in each window, averaged with the windows' shares, so a steady
 * rate r per unit gives level r and recent days weigh more than old ones. Rolling sums of integer counts are
 * exact, which is what makes an incremental recompute identical to a full one.
 */
export interface Memory {
  unitDays: number;
  /** Shares sum to 1. */
  windows: readonly { days: number; share: number }[];
}

/** Activity habits: a rate per 4 weeks, forgotten after a quarter; the last week counts most. */
export const RECENT: Memory = {
  unitDays: 28,
  windows: [
    { days: 7, share: 0.2 },
    { days: 28, share: 0.4 },
    { days: 91, share: 0.4 },
  ],
};

/** What stays on the profile or in the network: a rate per year over two years, the last year weighing 3:1. */
export const LASTING: Memory = {
  unitDays: 365,
  windows: [
    { days: 365, share: 0.5 },
    { days: 730, share: 0.5 },
  ],
};

/** Kinds that happen to the member rather than by them: they do not make a day active. */
const RECEIVED_KINDS: ReadonlySet<EventKind> = new Set([
  'invitation_received',
  'message_received',
  'connection',
  'endorsement_received',
  'recommendation_received',
]);

/** Member-initiated kinds: a day with any of them is a day active (FIND_RIGHT_PEOPLE names "days active"). */
export const ACTIVE_KINDS: readonly EventKind[] = EVENT_KINDS.filter((kind) => !RECEIVED_KINDS.has(kind));

/** The derived series "days active in the window", counted from ACTIVE_KINDS. */
export const ACTIVE_DAYS = 'active_days';

/** A series the model reads: a kind's count, a derived signal, or the days-active indicator. */
export type SeriesName = EventKind | SignalName | typeof ACTIVE_DAYS;

/** The event kinds a series is counted from. */
export const seriesKinds = (series: SeriesName): readonly EventKind[] => {
  if (series === ACTIVE_DAYS) return ACTIVE_KINDS;
  if (series in SIGNALS) return [SIGNALS[series as SignalName]];
  return [series as EventKind];
};

/**
 * One term of a pillar: `cap · (1 − e^(−level/scale))` points, where level is the series under its memory.
 * `scale` is the level at which the term gives 63 % of its cap (86 % at twice the scale).
 */
export interface ActivityComponent {
  series: SeriesName;
  memory: Memory;
  cap: number;
  scale: number;
}

/**
 * Model v1's activity terms per pillar (docs/model.md has the reason for each number). Caps plus the profile
 * checklist (brand only, PROFILE_CAP) sum to 25, so a pillar only approaches 25 when every term saturates.
 */
export const COMPONENTS: Record<Pillar, readonly ActivityComponent[]> = {
  brand: [
    { series: 'post', memory: RECENT, cap: 6, scale: 4 },
    { series: 'media_upload', memory: RECENT, cap: 1, scale: 2 },
    { series: 'article', memory: LASTING, cap: 3, scale: 2 },
    { series: 'endorsement_received', memory: LASTING, cap: 3, scale: 10 },
    { series: 'recommendation_received', memory: LASTING, cap: 3, scale: 2 },
  ],
  people: [
    { series: 'search', memory: RECENT, cap: 7, scale: 20 },
    { series: ACTIVE_DAYS, memory: RECENT, cap: 7, scale: 7 },
    { series: 'connection', memory: RECENT, cap: 6, scale: 15 },
    { series: 'company_follow', memory: RECENT, cap: 1.5, scale: 3 },
    { series: 'member_follow', memory: RECENT, cap: 1.5, scale: 3 },
    { series: 'saved_item', memory: RECENT, cap: 2, scale: 3 },
  ],
  insights: [
    { series: 'comment', memory: RECENT, cap: 7, scale: 10 },
    { series: 'reaction', memory: RECENT, cap: 5, scale: 30 },
    { series: 'message_sent.reply', memory: RECENT, cap: 4, scale: 20 },
    { series: 'post', memory: RECENT, cap: 3, scale: 4 },
    { series: 'reshare', memory: RECENT, cap: 3, scale: 3 },
    { series: 'repost', memory: RECENT, cap: 2, scale: 3 },
    { series: 'vote', memory: RECENT, cap: 1, scale: 2 },
  ],
  relationships: [
    { series: 'connection', memory: LASTING, cap: 7, scale: 150 },
    { series: 'connection.senior', memory: LASTING, cap: 5, scale: 15 },
    { series: 'connection.coworker', memory: LASTING, cap: 2, scale: 8 },
    { series: 'message_sent.people', memory: RECENT, cap: 4, scale: 15 },
    { series: 'invitation_sent.personalised', memory: RECENT, cap: 3, scale: 8 },
    { series: 'invitation_sent', memory: RECENT, cap: 1, scale: 15 },
    { series: 'endorsement_given', memory: LASTING, cap: 1.5, scale: 10 },
    { series: 'recommendation_given', memory: LASTING, cap: 1.5, scale: 2 },
  ],
};

/** The name the profile term carries in contributions. */
export const PROFILE_CONTRIBUTION = 'profile';

/** Days before `from` that `estimateDays` needs for exact results: the longest window, less the day itself. */
export const MODEL_LOOKBACK_DAYS =
  Math.max(...[RECENT, LASTING].flatMap((memory) => memory.windows.map((window) => window.days))) - 1;

/** Calibration: fewer paired readings than this give no calibration. */
export const MIN_CALIBRATION_READINGS = 5;

/** Calibration bounds: official ≈ slope · raw + intercept. */
export const SLOPE_BOUNDS = { min: 0.2, max: 5 } as const;
export const INTERCEPT_BOUNDS = { min: -25, max: 25 } as const;

/**
 * How strongly a calibration is pulled toward the identity (slope 1, intercept 0): worth this many readings that
 * agree with the raw model, spread evenly over 0–25.
 */
export const CALIBRATION_PRIOR_READINGS = 1;

/**
 * Recency: a reading this many days older than the member's latest weighs half as much. LinkedIn's score follows
 * the last weeks to months of activity and its formula drifts, so a reading a quarter old says less about today's
 * map than last week's; two half-lives keep enough weight for a member who reads weekly.
 */
export const CALIBRATION_HALF_LIFE_DAYS = 60;

/**
 * The level follows recent readings faster than the slope: after the recency-weighted fit, the intercept moves by
 * the residuals' mean weighted with this half-life. Where LinkedIn remembers activity differently from the model,
 * their difference drifts over weeks; a slope needs months of readings to be sure of, a level only the last few.
 */
export const CALIBRATION_LEVEL_HALF_LIFE_DAYS = 7;

/** The level's move is shrunk toward the fitted line by this many pseudo-readings (one reading moves it half-way). */
export const CALIBRATION_LEVEL_PRIOR_READINGS = 1;

/** The population prior needs this many members with their own lines; fewer give no prior. */
export const PRIOR_MIN_MEMBERS = 3;

/**
 * Floors of the prior's spread (slope, intercept in points): a team that happens to agree closely must not give
 * a prior so tight that a member's own readings cannot move it.
 */
export const PRIOR_MIN_SD = { slope: 0.05, intercept: 0.5 } as const;

/** The prior's slope–intercept correlation is capped so its precision stays finite. */
export const PRIOR_MAX_CORRELATION = 0.95;

/**
 * The population map (shared/model/population-map.ts) reads the estimates this many days before a reading's: where
 * LinkedIn remembers activity longer than the model, a member who just got busier stands lower than their estimate
 * of the day says, and teammates' readings show by how much.
 */
export const MAP_LAG_DAYS = [30, 60] as const;

/** A member's share of the population map covers their readings of this many days before their latest. */
export const MAP_WINDOW_DAYS = 120;

/** Ridge on the map's terms (but the intercept), relative to each term's spread: keeps it finite, barely biased. */
export const MAP_RIDGE = 0.01;
