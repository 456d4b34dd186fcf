import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DayActivity,
  EVENT_KINDS,
  type EventKind,
  SIGNAL_NAMES,
  type SignalName,
} from '../../shared/domain/kinds';
import { type DailyEstimate, PILLAR_MAX, PILLARS } from '../../shared/domain/pillars';
import { emptyProfile, type ProfileSnapshot } from '../../shared/domain/profile';
import { estimateDays } from '../../shared/model/estimate';
import { firstObservationChange, type ObservedWindows, observedWindows } from '../../shared/model/observed';
import {
  ACTIVE_DAYS,
  COMPONENTS,
  MODEL_LOOKBACK_DAYS,
  MODEL_VERSION,
  PROFILE_CONTRIBUTION,
} from '../../shared/model/parameters';
import { PROFILE_CAP, profileCompleteness } from '../../shared/model/profile-completeness';

const day = (n: number) => new Date(Date.UTC(2021, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const everything = (to: number, kinds: readonly EventKind[] = EVENT_KINDS): ObservedWindows =>
  Object.fromEntries(kinds.map((kind) => [kind, [{ from: day(-2000), to: day(to) }]]));

const fullProfile: ProfileSnapshot = {
  ...emptyProfile('2024-01-01T00:00:00.000Z'),
  hasHeadline: true,
  hasSummary: true,
  positions: 4,
  currentPositions: 1,
  education: 2,
  skills: 12,
  languages: 2,
  certifications: 1,
  projects: 1,
  courses: 3,
  honors: 1,
  publications: 1,
  volunteering: 1,
  filesPresent: [
    'Profile',
    'Positions',
    'Education',
    'Skills',
    'Languages',
    'Certifications',
    'Projects',
    'Courses',
    'Honors',
    'Publications',
    'Volunteering',
  ],
};

interface Week {
  counts: Partial<Record<EventKind, number>>;
  signals: Partial<Record<SignalName, number>>;
}

/** n days of a member doing `week` every week, spread over the five weekdays (5 = one each weekday). */
const member = (n: number, week: Week): DayActivity[] => {
  const share = (total: number, weekday: number) => Math.floor(total / 5) + (weekday < total % 5 ? 1 : 0);
  const spread = <K extends string>(record: Partial<Record<K, number>>, weekday: number) =>
    Object.fromEntries(
      Object.entries<number | undefined>(record)
        .map(([key, total]) => [key, share(total ?? 0, weekday)] as const)
        .filter(([, count]) => count > 0),
    ) as Partial<Record<K, number>>;
  const days: DayActivity[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 7 >= 5) continue;
    const counts = spread(week.counts, i % 7);
    if (Object.keys(counts).length > 0)
      days.push({ day: day(i), counts, signals: spread(week.signals, i % 7) });
  }
  return days;
};

/** About what LinkedIn's 2015 study calls an average sales professional. */
const AVERAGE: Week = {
  counts: { reaction: 4, search: 3, connection: 1, message_sent: 3, comment: 1 },
  signals: { 'message_sent.people': 2, 'message_sent.reply': 1 },
};

/** A member who works LinkedIn daily: posts twice a week, comments every day, invites with a note. */
const ACTIVE: Week = {
  counts: {
    post: 2,
    reshare: 1,
    comment: 10,
    reaction: 25,
    search: 15,
    connection: 10,
    invitation_sent: 15,
    message_sent: 20,
    endorsement_received: 1,
  },
  signals: {
    'message_sent.people': 10,
    'message_sent.reply': 10,
    'invitation_sent.personalised': 8,
    'connection.senior': 2,
    'connection.coworker': 1,
  },
};

const last = (estimates: DailyEstimate[]): DailyEstimate => estimates.at(-1) as DailyEstimate;

describe('model parameters', () => {
  it('gives every pillar terms whose caps sum to 25, with one contribution name per term', () => {
    for (const pillar of PILLARS) {
      const caps = COMPONENTS[pillar].reduce((sum, c) => sum + c.cap, pillar === 'brand' ? PROFILE_CAP : 0);
      expect(caps, pillar).toBeCloseTo(PILLAR_MAX, 10);
      const names = COMPONENTS[pillar].map((c) => c.series);
      expect(new Set(names).size, pillar).toBe(names.length);
      expect(names).not.toContain(PROFILE_CONTRIBUTION);
    }
  });

  it('needs the longest window (two years) less one day of lookback', () => {
    expect(MODEL_LOOKBACK_DAYS).toBe(729);
  });
});

describe('estimateDays', () => {
  it('estimates every day from the first activity to the last export day', () => {
    const days: DayActivity[] = [
      { day: day(10), counts: { comment: 1 }, signals: {} },
      { day: day(40), counts: { reaction: 2 }, signals: {} },
    ];
    const estimates = estimateDays({ days, observed: everything(50), to: day(50) });
    expect(estimates.map((e) => e.day)).toEqual(Array.from({ length: 41 }, (_, i) => day(10 + i)));
    expect(estimates.every((e) => e.modelVersion === MODEL_VERSION)).toBe(true);
    expect(estimateDays({ days: [], observed: everything(50), to: day(50) })).toEqual([]);
  });

  it('lands an average member in the population prior and a very active one near 70–85', () => {
    const average = last(
      estimateDays({
        days: member(800, AVERAGE),
        profile: fullProfile,
        observed: everything(800),
        to: day(800),
      }),
    );
    const active = last(
      estimateDays({
        days: member(800, ACTIVE),
        profile: fullProfile,
        observed: everything(800),
        to: day(800),
      }),
    );
    expect(average.total).toBeGreaterThan(20);
    expect(average.total).toBeLessThan(40);
    expect(active.total).toBeGreaterThan(65);
    expect(active.total).toBeLessThan(85);
  });

  it('keeps every pillar at or under 25 however much activity there is', () => {
    const flood: DayActivity[] = Array.from({ length: 800 }, (_, i) => ({
      day: day(i),
      counts: Object.fromEntries(EVENT_KINDS.map((kind) => [kind, 10_000])),
      signals: Object.fromEntries(SIGNAL_NAMES.map((name) => [name, 10_000])),
    }));
    const top = last(
      estimateDays({ days: flood, profile: fullProfile, observed: everything(800), to: day(800) }),
    );
    for (const pillar of PILLARS) {
      expect(top.pillars[pillar]).toBeLessThanOrEqual(PILLAR_MAX);
      // Days active saturates at 28 of 28 days (level 4 scales): 7·e^−4 ≈ 0.13 short of its cap.
      expect(top.pillars[pillar]).toBeGreaterThan(24.8);
    }
    expect(top.total).toBeLessThanOrEqual(100);
  });

  it('never gives less for more activity (any kind, any day)', () => {
    const kindOrSignal = fc.constantFrom(...EVENT_KINDS, ...SIGNAL_NAMES);
    const event = fc.record({
      offset: fc.integer({ min: 0, max: 120 }),
      key: kindOrSignal,
      n: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), event, (events, extra) => {
        const build = (list: typeof events): DayActivity[] => {
          const byDay = new Map<number, DayActivity>();
          for (const { offset, key, n } of list) {
            const activity = byDay.get(offset) ?? { day: day(offset), counts: { comment: 1 }, signals: {} };
            const target = (SIGNAL_NAMES as string[]).includes(key) ? activity.signals : activity.counts;
            (target as Record<string, number>)[key] = ((target as Record<string, number>)[key] ?? 0) + n;
            byDay.set(offset, activity);
          }
          return [...byDay.values()];
        };
        const input = { observed: everything(130), from: day(0), to: day(130) };
        const before = estimateDays({ ...input, days: build(events) });
        const after = estimateDays({ ...input, days: build([...events, extra]) });
        for (const [i, estimate] of after.entries()) {
          for (const pillar of PILLARS) {
            expect(estimate.pillars[pillar]).toBeGreaterThanOrEqual(
              (before[i] as DailyEstimate).pillars[pillar],
            );
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('decays back to the profile baseline after a burst followed by inactivity', () => {
    const burst = member(30, ACTIVE);
    const estimates = estimateDays({
      days: burst,
      profile: fullProfile,
      observed: everything(900),
      to: day(900),
    });
    const at = (n: number) => estimates[n] as DailyEstimate;
    const baseline = profileCompleteness(fullProfile).points;
    expect(at(29).total).toBeGreaterThan(40);
    expect(at(60).total).toBeLessThan(at(29).total);
    expect(at(120).total).toBeLessThan(at(60).total);
    // After the recent memory (91 days) only lasting terms remain; after two years nothing but the profile.
    expect(at(121).pillars.insights).toBe(0);
    expect(at(121).pillars.relationships).toBeGreaterThan(0);
    expect(at(800).pillars).toEqual({
      brand: Math.round(baseline * 100) / 100,
      people: 0,
      insights: 0,
      relationships: 0,
    });
    expect(at(800).contributions.brand).toEqual({ [PROFILE_CONTRIBUTION]: Math.round(baseline * 100) / 100 });
  });

  it('raises brand, and only brand, with a more complete profile', () => {
    const days = member(200, ACTIVE);
    const sparse: ProfileSnapshot = {
      ...fullProfile,
      hasSummary: false,
      skills: 1,
      certifications: 0,
      projects: 0,
    };
    const input = { days, observed: everything(200), to: day(200) };
    const full = last(estimateDays({ ...input, profile: fullProfile }));
    const partial = last(estimateDays({ ...input, profile: sparse }));
    const none = last(
      estimateDays({ ...input, profile: { ...emptyProfile('x'), filesPresent: ['Profile'] } }),
    );
    expect(full.pillars.brand).toBeGreaterThan(partial.pillars.brand);
    expect(partial.pillars.brand).toBeGreaterThan(none.pillars.brand);
    expect(full.contributions.brand[PROFILE_CONTRIBUTION]).toBeCloseTo(PROFILE_CAP, 2);
    for (const pillar of ['people', 'insights', 'relationships'] as const) {
      expect(partial.pillars[pillar]).toBe(full.pillars[pillar]);
    }
  });

  it('is fully confident only when every kind and the whole profile were observed', () => {
    const estimate = last(
      estimateDays({
        days: member(200, ACTIVE),
        profile: fullProfile,
        observed: everything(200),
        to: day(200),
      }),
    );
    expect(estimate.confidence).toEqual({ brand: 1, people: 1, insights: 1, relationships: 1, total: 1 });
  });

  it('treats missing Shares, Comments and Reactions as unknown: no points and lower confidence', () => {
    const missing: EventKind[] = ['post', 'reshare', 'comment', 'reaction'];
    const input = { days: member(200, ACTIVE), profile: fullProfile, to: day(200) };
    const seen = last(estimateDays({ ...input, observed: everything(200) }));
    const blind = last(
      estimateDays({
        ...input,
        observed: everything(
          200,
          EVENT_KINDS.filter((k) => !missing.includes(k)),
        ),
      }),
    );
    // Insights loses the caps of post (3), reshare (3), comment (7) and reaction (5): 18 of 25.
    expect(blind.confidence.insights).toBe(0.28);
    // Brand loses post (6) of 25; days active is still partly seen through the other kinds.
    expect(blind.confidence.brand).toBe(0.76);
    expect(blind.confidence.people).toBeLessThan(1);
    expect(blind.confidence.people).toBeGreaterThan(0.9);
    expect(blind.confidence.relationships).toBe(1);
    expect(blind.confidence.total).toBeLessThan(seen.confidence.total);
    // The counts stored for those kinds are ignored, not read as activity.
    expect(blind.contributions.insights).not.toHaveProperty('comment');
    expect(blind.contributions.insights).not.toHaveProperty('reaction');
    expect(blind.pillars.insights).toBeLessThan(seen.pillars.insights);
    expect(blind.pillars.relationships).toBe(seen.pillars.relationships);
  });

  it('lowers confidence for days outside a partial window (Invitations keep recent months)', () => {
    const observed: ObservedWindows = {
      ...everything(400),
      invitation_sent: [{ from: day(300), to: day(400) }],
    };
    const estimates = estimateDays({
      days: member(400, ACTIVE),
      profile: fullProfile,
      observed,
      to: day(400),
    });
    const at = (n: number) => estimates[n] as DailyEstimate;
    expect(at(200).confidence.relationships).toBe(0.84); // 1 − (3 + 1) / 25
    expect(at(400).confidence.relationships).toBe(1);
    // Half-seen windows give a confidence in between.
    expect(at(330).confidence.relationships).toBeGreaterThan(0.84);
    expect(at(330).confidence.relationships).toBeLessThan(1);
    // Days active is built from many kinds, one of them invitations: people's confidence barely moves.
    expect(at(200).confidence.people).toBeGreaterThan(0.98);
  });

  it('gives no profile points and lower brand confidence without a profile snapshot', () => {
    const days = member(100, ACTIVE);
    const without = last(estimateDays({ days, observed: everything(100), to: day(100) }));
    expect(without.contributions.brand).not.toHaveProperty(PROFILE_CONTRIBUTION);
    expect(without.confidence.brand).toBe(Math.round((1 - PROFILE_CAP / 25) * 1000) / 1000);
  });

  it('explains each pillar by contributions that sum to it (within rounding)', () => {
    const estimates = estimateDays({
      days: member(500, ACTIVE),
      profile: fullProfile,
      observed: everything(500),
      to: day(500),
    });
    for (const estimate of estimates) {
      for (const pillar of PILLARS) {
        const parts = Object.values(estimate.contributions[pillar]);
        const sum = parts.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - estimate.pillars[pillar])).toBeLessThanOrEqual(0.005 * (parts.length + 1));
      }
      const pillarSum = PILLARS.reduce((a, p) => a + estimate.pillars[p], 0);
      expect(Math.abs(pillarSum - estimate.total)).toBeLessThanOrEqual(0.02 + 1e-9);
    }
    const sample = last(estimates);
    expect(Object.keys(sample.contributions.people)).toContain(ACTIVE_DAYS);
    expect(Object.keys(sample.contributions.insights)).toEqual(
      expect.arrayContaining(['comment', 'reaction']),
    );
  });

  it('gives the same numbers recomputing from a changed day with the lookback as a full recompute', () => {
    // Irregular activity over four years so every window matters.
    const days: DayActivity[] = member(1500, ACTIVE).filter((_, i) => (i * 7919) % 13 < 6);
    const profile = fullProfile;
    const observed = { ...everything(1500), invitation_sent: [{ from: day(1200), to: day(1500) }] };
    const full = estimateDays({ days, profile, observed, to: day(1500) });
    const changed = 1100;
    const from = day(changed);
    const supplied = days.filter((d) => d.day >= day(changed - MODEL_LOOKBACK_DAYS));
    const incremental = estimateDays({ days: supplied, profile, observed, from, to: day(1500) });
    const firstDay = days[0]?.day as string;
    expect(incremental).toEqual(full.slice(full.findIndex((e) => e.day === from)));
    expect(incremental[0]?.day).toBe(from);
    expect(full[0]?.day).toBe(firstDay);
    // One day less of lookback changes the result: the test would catch a wrong MODEL_LOOKBACK_DAYS.
    const short = days.filter((d) => d.day >= day(changed - 400));
    expect(estimateDays({ days: short, profile, observed, from, to: day(1500) })).not.toEqual(incremental);
  });
});

describe('observedWindows', () => {
  it('unions every export and extends full-history files back to the beginning', () => {
    const observed = observedWindows({
      exports: [
        {
          fingerprint: 'a',
          exportedAt: '2024-03-01T00:00:00.000Z',
          windows: {
            comment: [{ from: '2022-05-01', to: '2024-03-01' }],
            invitation_sent: [
              { from: '2019-01-01', to: '2019-01-01' },
              { from: '2023-12-01', to: '2024-03-01' },
            ],
          },
        },
        {
          fingerprint: 'b',
          exportedAt: '2024-09-01T00:00:00.000Z',
          windows: {
            comment: [{ from: '2022-06-01', to: '2024-09-01' }],
            invitation_sent: [{ from: '2024-06-01', to: '2024-09-01' }],
          },
        },
      ],
    });
    expect(observed).toEqual({
      comment: [{ from: '0000-01-01', to: '2024-09-01' }],
      invitation_sent: [
        { from: '2019-01-01', to: '2019-01-01' },
        { from: '2023-12-01', to: '2024-03-01' },
        { from: '2024-06-01', to: '2024-09-01' },
      ],
    });
  });

  it('feeds estimateDays: a comment before the first comment row is a known zero', () => {
    const observed = observedWindows({
      exports: [
        {
          fingerprint: 'a',
          exportedAt: '2021-03-01T00:00:00.000Z',
          windows: { comment: [{ from: day(30), to: day(59) }] },
        },
      ],
    });
    const days: DayActivity[] = [{ day: day(30), counts: { comment: 1 }, signals: {} }];
    const first = estimateDays({ days, observed, from: day(0), to: day(59) })[0] as DailyEstimate;
    // Insights confidence counts the comment term (7 of 25) as fully seen on day 0.
    expect(first.confidence.insights).toBe(0.28);
  });

  it('finds the first day whose observation changed', () => {
    const before: ObservedWindows = {
      comment: [{ from: '0000-01-01', to: '2024-03-01' }],
      invitation_sent: [{ from: '2023-12-01', to: '2024-03-01' }],
    };
    expect(firstObservationChange(before, before)).toBeUndefined();
    // A newer export extends comments past the old end and adds a later invitation run.
    const extended: ObservedWindows = {
      comment: [{ from: '0000-01-01', to: '2024-09-01' }],
      invitation_sent: [
        { from: '2023-12-01', to: '2024-03-01' },
        { from: '2024-06-01', to: '2024-09-01' },
      ],
    };
    expect(firstObservationChange(before, extended)).toBe('2024-03-02');
    // A kind seen for the first time changes every day.
    expect(
      firstObservationChange(before, { ...before, reaction: [{ from: '0000-01-01', to: '2024-03-01' }] }),
    ).toBe('0000-01-01');
    expect(firstObservationChange({ ...before, invitation_sent: [] }, before)).toBe('2023-12-01');
  });
});
