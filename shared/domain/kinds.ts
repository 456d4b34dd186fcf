/**
 * The one vocabulary of activity kinds, used by the parsers, the store, the API and the docs.
 * A kind names something the member did (or that happened to them) on one UTC day.
 */
export const EVENT_KINDS = [
  'post',
  'reshare',
  'repost',
  'article',
  'comment',
  'reaction',
  'vote',
  'search',
  'invitation_sent',
  'invitation_received',
  'message_sent',
  'message_received',
  'connection',
  'endorsement_received',
  'endorsement_given',
  'recommendation_received',
  'recommendation_given',
  'company_follow',
  'member_follow',
  'saved_item',
  'media_upload',
  'job_application',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

const KIND_SET: ReadonlySet<string> = new Set(EVENT_KINDS);

/**
 * Kinds whose file keeps only recent months (Invitations: about six), not the member's whole history. Their
 * windows start at the recent run (merge) and the days before are unknown, not zero (model).
 */
export const ROLLING_HISTORY_KINDS: readonly EventKind[] = ['invitation_sent', 'invitation_received'];
export const isRollingHistoryKind = (kind: EventKind): boolean => ROLLING_HISTORY_KINDS.includes(kind);
export const isEventKind = (value: string): value is EventKind => KIND_SET.has(value);

/**
 * Derived per-day signals the pillar model needs beyond plain counts. Each belongs to one kind, so it is
 * replaced together with that kind's counts when a newer export covers the day.
 */
export const SIGNALS = {
  'invitation_sent.personalised': 'invitation_sent',
  'message_sent.people': 'message_sent',
  'message_sent.reply': 'message_sent',
  'connection.senior': 'connection',
  'connection.coworker': 'connection',
} as const satisfies Record<string, EventKind>;

export type SignalName = keyof typeof SIGNALS;
export const SIGNAL_NAMES = Object.keys(SIGNALS) as SignalName[];
export const signalKind = (signal: SignalName): EventKind => SIGNALS[signal];

/** A UTC calendar day, `YYYY-MM-DD`. */
export type Day = string;

/** Sorts before every real day: "from the beginning". */
export const EARLIEST_DAY: Day = '0000-01-01';

/** What one export says about one day: counts per kind and derived signals. Zeroes are omitted. */
export interface DayActivity {
  day: Day;
  counts: Partial<Record<EventKind, number>>;
  signals: Partial<Record<SignalName, number>>;
}
