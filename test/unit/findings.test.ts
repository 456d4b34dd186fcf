import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import type { DayActivity } from '../../shared/domain/kinds';
import type { Finding, OfficialReading, PillarScores } from '../../shared/domain/pillars';
import type { RecalculationEvent } from '../../shared/domain/population';
import { detectDivergent } from '../../shared/findings/divergent';
import { evaluateMember } from '../../shared/findings/evaluate';
import type { MemberScores, ScoredDay } from '../../shared/findings/series';
import { detectStale } from '../../shared/findings/stale';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { readingHash } from '../../shared/readings/normalise';
import { readingOn, START } from '../support/recalculation-team';

const pillarsOf = (brand: number, people: number, insights: number, relationships: number): PillarScores => ({
  brand,
  people,
  insights,
  relationships,
});

/** A reading on day `day` after START (the recalculation teams' builder). */
const reading = readingOn;

/** A member whose score drifts a little every day, reading daily. */
const drifting = (day: number, scale = 1): PillarScores =>
  pillarsOf(
    Number(((10.118 + day * 0.013) * scale).toFixed(6)),
    Number(((5.371 + day * 0.007) * scale).toFixed(6)),
    Number(((3.29 + (day % 3) * 0.011) * scale).toFixed(6)),
    Number(((6.607 + day * 0.004) * scale).toFixed(6)),
  );

const estimates = (days: number, value: (day: number) => PillarScores): ScoredDay[] =>
  Array.from({ length: days }, (_, day) => {
    const pillars = value(day);
    return {
      day: addDays(START, day),
      pillars,
      total: pillars.brand + pillars.people + pillars.insights + pillars.relationships,
    };
  });

const flat = (days: number): ScoredDay[] => estimates(days, () => pillarsOf(10, 5, 3, 6));

/** Comments (insights) on the given days. */
const commentsOn = (days: number[]): DayActivity[] =>
  days.map((day) => ({ day: addDays(START, day), counts: { comment: 2 }, signals: {} }));

/** Readings on `days`; from `freezeFrom` on, every reading repeats the one of that day. */
const withPlateau = (memberId: string, days: number[], freezeFrom: number): OfficialReading[] =>
  days.map((day) => {
    const frozen = day >= freezeFrom;
    const r = reading(memberId, frozen ? freezeFrom : day, drifting(frozen ? freezeFrom : day));
    if (!frozen) return r;
    const observedAt = `${addDays(START, day)}T09:00:00.000Z`;
    return {
      ...r,
      observedAt,
      receivedAt: observedAt,
      readingHash: readingHash(observedAt, r.overall, r.pillars),
    };
  });

const member = (overrides: Partial<MemberScores>): MemberScores => ({
  memberId: 'jane',
  readings: [],
  estimates: flat(80),
  activity: [],
  ...overrides,
});

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

const staleOverall = (findings: Finding[]) =>
  findings.filter((finding) => finding.type === 'STALE' && finding.pillar === 'overall');

describe('STALE', () => {
  const active = commentsOn([3, 6, 8, 11, 13, 16, 19, 22, 25, 28, 31, 34]);

  it.each([
    [13, 0],
    [14, 1],
    [20, 1],
  ])('a plateau spanning %i days (active member) gives %i finding(s)', (span, expected) => {
    const readings = withPlateau('jane', range(0, 5 + span), 5);
    const findings = staleOverall(detectStale(member({ readings, activity: active })));
    expect(findings).toHaveLength(expected);
    if (expected === 1)
      expect(findings[0]).toMatchObject({
        from: addDays(START, 5),
        to: addDays(START, 5 + span),
        detectedAt: `${addDays(START, 19)}T09:00:00.000Z`,
        evidence: {
          daysSpanned: span,
          readings: span + 1,
          thresholdDay: addDays(START, 19),
          flaggedBy: `${addDays(START, 19)}T09:00:00.000Z`,
          reason: 'active',
          activity: { comment: expect.any(Number) },
        },
      });
  });

  it('is raised by the first reading past the threshold when readings are sparse', () => {
    const readings = withPlateau('jane', [0, 5, 12, 17, 22, 30], 5);
    const [finding] = staleOverall(detectStale(member({ readings, activity: active })));
    expect(finding?.detectedAt).toBe(`${addDays(START, 22)}T09:00:00.000Z`);
    expect(finding?.to).toBe(addDays(START, 30));
  });

  it('needs activity on minActiveDays days or an estimate that moved by minDelta', () => {
    const readings = withPlateau('jane', range(0, 30), 5);
    expect(detectStale(member({ readings }))).toEqual([]);
    // Four active days in the span: not enough.
    expect(detectStale(member({ readings, activity: commentsOn([6, 9, 12, 15]) }))).toEqual([]);
    expect(
      staleOverall(detectStale(member({ readings, activity: commentsOn([6, 9, 12, 15, 18]) })))[0]?.evidence
        .reason,
    ).toBe('active');

    // The total moves by 0.9 (too little), then by 1.2.
    const moving = (by: number) => estimates(80, (day) => pillarsOf(10 + (day > 12 ? by : 0), 5, 3, 6));
    expect(staleOverall(detectStale(member({ readings, estimates: moving(0.9) })))).toEqual([]);
    const [moved] = staleOverall(detectStale(member({ readings, estimates: moving(1.2) })));
    expect(moved?.evidence).toMatchObject({
      reason: 'estimate-moved',
      estimate: { atFrom: 24, atTo: 25.2, largestMove: 1.2 },
    });
  });

  it('flags a pillar that stands still while the overall moves', () => {
    const readings = range(0, 25).map((day) => {
      const moving = drifting(day);
      return reading('jane', day, { ...moving, insights: 3.2999999 });
    });
    const findings = detectStale(member({ readings, activity: active }));
    expect(findings.map((finding) => [finding.pillar, finding.from, finding.to])).toEqual([
      ['insights', START, addDays(START, 25)],
    ]);
    expect(findings[0]?.evidence).toMatchObject({
      value: 3.2999999,
      activity: { comment: expect.any(Number) },
    });
  });

  it('ignores values that repeat legitimately: a bound or a whole (rounded, typed) number', () => {
    const readings = range(0, 25).map((day) => reading('jane', day, { ...drifting(day), brand: 25 }));
    const rounded = range(0, 25).map((day) => reading('jane', day, { ...drifting(day), people: 5 }));
    expect(detectStale(member({ readings, activity: active }))).toEqual([]);
    expect(detectStale(member({ readings: rounded, activity: active }))).toEqual([]);
  });

  it('keeps the identity (from, type, pillar) of a plateau that goes on', () => {
    const readings = withPlateau('jane', range(0, 40), 5);
    const early = staleOverall(detectStale(member({ readings: readings.slice(0, 22), activity: active })));
    const later = staleOverall(detectStale(member({ readings, activity: active })));
    expect(early[0]?.from).toBe(later[0]?.from);
    expect(early[0]?.detectedAt).toBe(later[0]?.detectedAt);
    expect([early[0]?.to, later[0]?.to]).toEqual([addDays(START, 21), addDays(START, 40)]);
  });
});

describe('DIVERGENT', () => {
  const official = (day: number) =>
    pillarsOf(
      Number((12.5 + day * 0.011).toFixed(6)),
      Number((5.25 + day * 0.007).toFixed(6)),
      Number((3.125 + day * 0.003).toFixed(6)),
      Number((6.0625 + day * 0.005).toFixed(6)),
    );
  const readings = range(0, 12).map((day) => reading('jane', day, official(day)));
  /** Calibrated brand `by` points below the official value on the given days. */
  const calibratedOff = (offDays: number[], by = 5) =>
    estimates(40, (day) => {
      const value = official(day);
      return { ...value, brand: value.brand - (offDays.includes(day) ? by : 0) };
    });
  /** Posts (brand) and comments (the rest) every other day: not a quiet member. */
  const busy = range(-100, 70)
    .filter((day) => day % 2 === 0)
    .map((day) => ({ day: addDays(START, day), counts: { post: 1, comment: 2, search: 2 }, signals: {} }));

  it('needs the tolerance exceeded the same way on three reading days spanning four days', () => {
    const divergent = (offDays: number[]) =>
      detectDivergent(member({ readings, activity: busy, calibrated: calibratedOff(offDays) }));
    expect(divergent([1, 2, 5, 6])).toEqual([]);
    // Three days in a row (4–6) are not yet persistence; the fourth day spans it.
    expect(divergent([4, 5, 6])).toEqual([]);
    const findings = divergent([4, 5, 6, 7, 8]);
    expect(findings.map((finding) => [finding.pillar, finding.from, finding.to, finding.detectedAt])).toEqual(
      [['brand', addDays(START, 4), addDays(START, 8), `${addDays(START, 8)}T09:00:00.000Z`]],
    );
    expect(findings[0]?.evidence).toMatchObject({
      tolerance: 4,
      readings: Array.from({ length: 5 }, () => expect.objectContaining({ difference: 5 })),
    });
    // Readings a week apart: three of them span the days by themselves.
    const weekly = [0, 7, 14, 21].map((day) => reading('jane', day, official(day)));
    expect(
      detectDivergent(member({ readings: weekly, activity: busy, calibrated: calibratedOff([7, 14, 21]) })),
    ).toHaveLength(1);
  });

  it('opens a run on a step from the reading day before, whatever the model could not see', () => {
    // Brand 5 points off from day 4 on, for a member without any activity (quiet): the jump between two reading
    // days is LinkedIn's, not the model's slow memory, so the base tolerance applies.
    const [finding, ...others] = detectDivergent(
      member({ readings, activity: [], calibrated: calibratedOff(range(4, 12)) }),
    );
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ pillar: 'brand', from: addDays(START, 4), to: addDays(START, 12) });
    expect(finding?.evidence).toMatchObject({ onset: 'step', stepFrom: 0, tolerance: 4 });
    expect(finding?.evidence.readings).not.toContainEqual(expect.objectContaining({ widenedBy: ['quiet'] }));
  });

  it('does not open a run on a difference that grew gradually while the member read', () => {
    // Brand drifting 1 point further each day (the model's memory parting from LinkedIn's): beyond 4 from day 5
    // for a week, but never a step, so never a divergence.
    const drift = estimates(40, (day) => {
      const value = official(day);
      return { ...value, brand: value.brand - Math.max(0, day - 1) };
    });
    expect(detectDivergent(member({ readings, activity: busy, calibrated: drift }))).toEqual([]);
    // Off from the first reading on: nothing agreed before, so the calibration cannot be told from LinkedIn.
    expect(
      detectDivergent(member({ readings, activity: busy, calibrated: calibratedOff(range(0, 12), 6) })),
    ).toEqual([]);
    // The same difference appearing at once is one.
    expect(
      detectDivergent(member({ readings, activity: busy, calibrated: calibratedOff(range(5, 12), 6) })),
    ).toHaveLength(1);
    // A step back toward the estimate ends a run, and does not open one the other way.
    const back = estimates(40, (day) => {
      const value = official(day);
      return { ...value, brand: value.brand - (day >= 3 && day <= 8 ? 6 : 0) - (day >= 9 ? 1 : 0) };
    });
    expect(
      detectDivergent(member({ readings, activity: busy, calibrated: back })).map((f) => [f.from, f.to]),
    ).toEqual([[addDays(START, 3), addDays(START, 8)]]);
  });

  it('without a reading in the three days before, widens the tolerance for a quiet member, a recent recalculation, a recent freeze and low confidence', () => {
    // Readings on days 0–2, then from day 6: nothing tells a step on day 6 from a drift.
    const gapped = [...range(0, 2), ...range(6, 14)].map((day) => reading('jane', day, official(day)));
    const offDays = range(6, 14);
    const at = (by: number, overrides: Partial<MemberScores>) =>
      detectDivergent(
        member({ readings: gapped, activity: busy, calibrated: calibratedOff(offDays, by), ...overrides }),
      );
    // 5 points off: beyond 4, inside 4 × 1.5 for a member without activity in the four weeks before.
    const [level] = at(5, {});
    expect(level?.evidence).toMatchObject({ onset: 'level' });
    const quiet = at(5, { activity: [] });
    expect(quiet).toEqual([]);
    const [widened] = at(6.5, { activity: [] });
    expect(widened?.evidence.readings).toContainEqual(
      expect.objectContaining({ tolerance: 6, widenedBy: ['quiet'] }),
    );
    // Within such a stretch a run opens wherever the widened tolerance is exceeded, not only on its first day.
    const late = estimates(40, (day) => {
      const value = official(day);
      return { ...value, brand: value.brand - (day >= 6 ? (day >= 8 ? 6.5 : 5) : 0) };
    });
    expect(
      detectDivergent(member({ readings: gapped, activity: [], calibrated: late })).map((f) => f.from),
    ).toEqual([addDays(START, 8)]);
    // A three-week holiday that ended a month before still counts (the model remembers 91 days), as does a burst.
    const holiday = busy.filter((d) => d.day < addDays(START, -50) || d.day > addDays(START, -29));
    expect(at(5, { activity: holiday })).toEqual([]);
    const burst = [
      ...busy.filter((d) => d.day < addDays(START, -20) || d.day > addDays(START, -14)),
      ...range(-20, -14).map((day) => ({ day: addDays(START, day), counts: { comment: 20 }, signals: {} })),
    ];
    expect(at(5, { activity: burst })).toEqual([]);

    const recalculation: Finding = {
      memberId: 'jane',
      type: 'RECALCULATION',
      pillar: 'overall',
      from: START,
      to: addDays(START, 1),
      detectedAt: `${addDays(START, 1)}T09:00:00.000Z`,
      evidence: { ratio: 1, clusterDay: addDays(START, 1), before: { observedAt: `${START}T09:00:00.000Z` } },
    };
    expect(
      detectDivergent(member({ readings: gapped, activity: busy, calibrated: calibratedOff(offDays) }), [
        recalculation,
      ]),
    ).toEqual([]);

    // A brand value frozen on days 1–2: the repeat is not compared, and the tolerance widens after it.
    const frozen = gapped.map((r, i) =>
      i === 1 || i === 2 ? reading('jane', i, { ...official(i), brand: 12.4999 }) : r,
    );
    expect(at(5, { readings: frozen })).toEqual([]);

    const lowConfidence = calibratedOff(offDays).map((day) => ({
      ...day,
      confidence: { ...pillarsOf(0.6, 1, 1, 1), total: 0.9 },
    }));
    expect(at(5, { estimates: lowConfidence })).toEqual([]);
  });

  it('uses the total tolerance for the overall, and nothing without a calibration', () => {
    // From day 2, every pillar 3 points high: no pillar beyond 4, but the total steps 12 off (> 8).
    const calibrated = estimates(20, (day) => {
      const p = official(day);
      const by = day >= 2 ? 3 : 0;
      return pillarsOf(p.brand - by, p.people - by, p.insights - by, p.relationships - by);
    });
    expect(
      detectDivergent(member({ readings, activity: busy, calibrated })).map((finding) => finding.pillar),
    ).toEqual(['overall']);
    expect(detectDivergent(member({ readings, activity: busy }))).toEqual([]);
  });

  it('counts a day read several times once', () => {
    const repeated = [1, 1, 1].map((_, i) => ({
      ...reading('jane', 4, official(4)),
      observedAt: `${addDays(START, 4)}T0${i}:00:00.000Z`,
      readingHash: `h${i}`,
    }));
    expect(
      detectDivergent(member({ readings: repeated, activity: busy, calibrated: calibratedOff([4]) })),
    ).toEqual([]);
  });

  it('keeps a recalculation from reading as divergence', () => {
    const event: RecalculationEvent = {
      day: addDays(START, 20),
      pillar: 'overall',
      shift: -0.07,
      members: 30,
      detectedAt: `${addDays(START, 20)}T09:00:00.000Z`,
    };
    const history = range(0, 60).map((day) => reading('a', day, drifting(day, day >= 20 ? 0.93 : 1)));
    // Calibrated to the old formula everywhere, and the total tolerance tight enough for the step to show.
    const calibrated = estimates(61, (day) => drifting(day));
    const scores = member({ memberId: 'a', readings: history, activity: busy, calibrated });
    const tight = { ...DEFAULT_THRESHOLDS, divergentTotal: 1.5 };
    expect(detectDivergent(scores, [], tight).map((finding) => finding.pillar)).toEqual(['overall']);
    const own = evaluateMember(scores, [event], tight);
    expect(own.filter((finding) => finding.type === 'DIVERGENT')).toEqual([]);
    expect(own.filter((finding) => finding.type === 'RECALCULATION')).toHaveLength(1);
  });
});

describe('idempotence', () => {
  it('gives the same findings for the same inputs in any order', () => {
    const readings = withPlateau('jane', range(0, 40), 5);
    const activity = commentsOn(range(0, 40).filter((day) => day % 3 === 0));
    const calibrated = estimates(41, (day) => pillarsOf(day >= 1 && day <= 5 ? 3 : 10.2, 5.4, 3.3, 6.6));
    const first = evaluateMember(member({ readings, activity, calibrated }));
    const again = evaluateMember(
      member({ readings: [...readings].reverse(), activity: [...activity].reverse(), calibrated }),
    );
    // Comments feed insights and, as days active, people: only those plateaus (and the overall) count.
    // The calibrated brand is 7 points low on days 1–5, a step from day 0 (held against the base tolerance, 4).
    expect(first.map((finding) => [finding.type, finding.pillar])).toEqual([
      ['DIVERGENT', 'brand'],
      ['STALE', 'insights'],
      ['STALE', 'overall'],
      ['STALE', 'people'],
    ]);
    expect(again).toEqual(first);
    expect(evaluateMember(member({ readings, activity, calibrated }))).toEqual(first);
  });
});
