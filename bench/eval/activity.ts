import type { Rng } from '../../sample/prng';
import { addDays } from '../../shared/domain/days';
import type { DayActivity, EventKind, SignalName } from '../../shared/domain/kinds';
import { emptyProfile, type ProfileSnapshot } from '../../shared/domain/profile';

/** A steady member's events per day; personas and phases multiply these. */
const BASE_RATES: Partial<Record<EventKind, number>> = {
  post: 0.15,
  reshare: 0.05,
  repost: 0.05,
  article: 0.005,
  comment: 0.6,
  reaction: 2.5,
  vote: 0.02,
  search: 1.2,
  invitation_sent: 0.6,
  invitation_received: 0.4,
  message_sent: 2,
  message_received: 2.2,
  connection: 0.5,
  endorsement_received: 0.05,
  endorsement_given: 0.03,
  recommendation_received: 0.004,
  recommendation_given: 0.003,
  company_follow: 0.03,
  member_follow: 0.04,
  saved_item: 0.05,
  media_upload: 0.02,
  job_application: 0.01,
};

/** A signal as a share of its kind's count that day. */
const SIGNAL_SHARES: Record<SignalName, { kind: EventKind; share: number }> = {
  'invitation_sent.personalised': { kind: 'invitation_sent', share: 0.4 },
  'message_sent.people': { kind: 'message_sent', share: 0.6 },
  'message_sent.reply': { kind: 'message_sent', share: 0.6 },
  'connection.senior': { kind: 'connection', share: 0.15 },
  'connection.coworker': { kind: 'connection', share: 0.05 },
};

const PERSONAS = [
  { name: 'quiet', factor: 0.1 },
  { name: 'steady', factor: 0.35 },
  { name: 'busy', factor: 0.8 },
  { name: 'power', factor: 1.6 },
] as const;

/** Poisson by inversion; rates here stay small. */
const poisson = (rng: Rng, rate: number): number => {
  const limit = Math.exp(-rate);
  let k = 0;
  let product = rng.next();
  while (product > limit) {
    k++;
    product *= rng.next();
  }
  return k;
};

const binomial = (rng: Rng, n: number, p: number): number => {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.chance(p)) k++;
  return k;
};

export interface SimulatedActivity {
  persona: string;
  days: DayActivity[];
  profile: ProfileSnapshot;
  /** Stretches with no activity at all (a holiday, a leave): the model's memory is longer than LinkedIn's. */
  quiet: { from: string; to: string }[];
  /** Short stretches at several times the usual pace (a campaign, a conference). */
  bursts: { from: string; to: string }[];
}

/** Windows of `minLength`–`maxLength` days inside the last `within` days of a `length`-day series. */
const windows = (
  rng: Rng,
  count: number,
  length: number,
  within: number,
  minLength: number,
  maxLength: number,
) =>
  Array.from({ length: count }, () => {
    const days = rng.between(minLength, maxLength);
    const start = length - within + rng.int(within - days);
    return { start, end: start + days - 1 };
  });

/**
 * A member's activity from `first` for `length` days: a persona's pace, changed in 2–5 phases (a busy quarter, a
 * quiet summer) so the score has somewhere to go, weekends at a third; with `confoundedDays`, quiet windows and
 * bursts in the last that many days.
 */
export const simulateActivity = (
  rng: Rng,
  first: string,
  length: number,
  confoundedDays = 0,
): SimulatedActivity => {
  const persona = rng.pick(PERSONAS);
  const phaseStarts = Array.from({ length: rng.between(2, 5) }, () => rng.int(length)).sort((a, b) => a - b);
  const phaseFactors = [1, ...phaseStarts.map(() => 0.15 + rng.next() * 2.35)];
  // Confounders, in the last `confoundedDays` (the reading period): 40 % of members go quiet once for 20–45 days,
  // 40 % have 1–3 bursts of 3–7 days at 6× their pace.
  const quiet = confoundedDays > 0 && rng.chance(0.4) ? windows(rng, 1, length, confoundedDays, 20, 45) : [];
  const bursts =
    confoundedDays > 0 && rng.chance(0.4)
      ? windows(rng, rng.between(1, 3), length, confoundedDays, 3, 7)
      : [];
  const inside = (i: number, list: { start: number; end: number }[]) =>
    list.some((w) => w.start <= i && i <= w.end);
  const days: DayActivity[] = [];
  let phase = 0;
  for (let i = 0; i < length; i++) {
    while (phase < phaseStarts.length && (phaseStarts[phase] as number) <= i) phase++;
    const day = addDays(first, i);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const pace =
      persona.factor *
      (phaseFactors[phase] as number) *
      (weekday === 0 || weekday === 6 ? 0.3 : 1) *
      (inside(i, quiet) ? 0 : inside(i, bursts) ? 6 : 1);
    const counts: DayActivity['counts'] = {};
    for (const [kind, rate] of Object.entries(BASE_RATES) as [EventKind, number][]) {
      const count = poisson(rng, rate * pace);
      if (count > 0) counts[kind] = count;
    }
    const signals: DayActivity['signals'] = {};
    for (const [signal, { kind, share }] of Object.entries(SIGNAL_SHARES) as [
      SignalName,
      { kind: EventKind; share: number },
    ][]) {
      const value = binomial(rng, counts[kind] ?? 0, share);
      if (value > 0) signals[signal] = value;
    }
    if (Object.keys(counts).length > 0) days.push({ day, counts, signals });
  }
  const profile: ProfileSnapshot = {
    ...emptyProfile(`${addDays(first, length - 1)}T23:59:59.000Z`),
    hasHeadline: rng.chance(0.9),
    hasSummary: rng.chance(0.6),
    positions: rng.between(1, 6),
    currentPositions: 1,
    education: rng.between(0, 3),
    skills: rng.between(0, 30),
    languages: rng.between(0, 3),
    certifications: rng.between(0, 4),
    filesPresent: [
      'Profile',
      'Profile Summary',
      'Positions',
      'Education',
      'Skills',
      'Languages',
      'Certifications',
    ],
  };
  const asDays = (list: { start: number; end: number }[]) =>
    list.map((w) => ({ from: addDays(first, w.start), to: addDays(first, w.end) }));
  return { persona: persona.name, days, profile, quiet: asDays(quiet), bursts: asDays(bursts) };
};
