import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import type { DayActivity } from '../../shared/domain/kinds';
import type { Finding, OfficialReading, PillarScores } from '../../shared/domain/pillars';
import { detectDivergent } from '../../shared/findings/divergent';
import { evaluateMember, readingsForCalibration } from '../../shared/findings/evaluate';
import { detectRecalculations, type MemberHistory } from '../../shared/findings/recalculation';
import type { MemberScores, ScoredDay } from '../../shared/findings/series';
import { detectStale } from '../../shared/findings/stale';
import { readingHash } from '../../shared/readings/normalise';

const START = '2026-01-01';

const pillarsOf = (brand: number, people: number, insights: number, relationships: number): PillarScores => ({
  brand,
  people,
  insights,
  relationships,
});

const reading = (memberId: string, day: number, pillars: PillarScores): OfficialReading => {
  const observedAt = `${addDays(START, day)}T09:00:00.000Z`;
  const overall = Number(
    (pillars.brand + pillars.people + pillars.insights + pillars.relationships).toFixed(6),
  );
  return {
    memberId,
    observedAt,
    receivedAt: observedAt,
    source: 'api-json',
    overall,
    pillars,
    readingHash: readingHash(observedAt, overall, pillars),
  };
};

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
  const official = (_day: number) => pillarsOf(12.5, 5.25, 3.125, 6.0625);
  const readings = range(0, 9).map((day) => reading('jane', day, official(day)));
  /** Calibrated brand 5 points below the official value on the given days. */
  const calibratedOff = (offDays: number[]) =>
    estimates(10, (day) => ({ ...official(day), brand: offDays.includes(day) ? 7.5 : 12.5 }));

  it('needs the tolerance exceeded on three consecutive reading days', () => {
    expect(detectDivergent(member({ readings, calibrated: calibratedOff([1, 2, 5, 6]) }))).toEqual([]);
    const findings = detectDivergent(member({ readings, calibrated: calibratedOff([1, 2, 4, 5, 6, 7]) }));
    expect(findings.map((finding) => [finding.pillar, finding.from, finding.to, finding.detectedAt])).toEqual(
      [['brand', addDays(START, 4), addDays(START, 7), `${addDays(START, 6)}T09:00:00.000Z`]],
    );
    expect(findings[0]?.evidence).toMatchObject({
      tolerance: 4,
      readings: [
        { official: 12.5, estimate: 7.5, difference: 5 },
        { official: 12.5, estimate: 7.5, difference: 5 },
        { official: 12.5, estimate: 7.5, difference: 5 },
        { official: 12.5, estimate: 7.5, difference: 5 },
      ],
    });
  });

  it('uses the total tolerance for the overall, and nothing without a calibration', () => {
    // Every pillar 3 points high: no pillar beyond 4, but the total is 12 off (> 8).
    const calibrated = estimates(10, (day) => {
      const p = official(day);
      return pillarsOf(p.brand - 3, p.people - 3, p.insights - 3, p.relationships - 3);
    });
    expect(detectDivergent(member({ readings, calibrated })).map((finding) => finding.pillar)).toEqual([
      'overall',
    ]);
    expect(detectDivergent(member({ readings }))).toEqual([]);
  });

  it('counts a day read several times once', () => {
    const repeated = [1, 1, 1].map((_, i) => ({
      ...reading('jane', 4, official(4)),
      observedAt: `${addDays(START, 4)}T0${i}:00:00.000Z`,
      readingHash: `h${i}`,
    }));
    expect(detectDivergent(member({ readings: repeated, calibrated: calibratedOff([4]) }))).toEqual([]);
  });
});

describe('RECALCULATION', () => {
  const RECALC_DAY = 20;
  /** Daily readings for days 0–34; from RECALC_DAY on LinkedIn's formula gives 7 % less. */
  const history = (memberId: string, recalculated: boolean, activity: DayActivity[] = []): MemberHistory => ({
    readings: range(0, 34).map((day) =>
      reading(memberId, day, drifting(day, recalculated && day >= RECALC_DAY ? 0.93 : 1)),
    ),
    activity,
  });

  it('finds the step shared by five members, one finding per member, and scales earlier readings', () => {
    const members = new Map(['a', 'b', 'c', 'd', 'e'].map((id) => [id, history(id, true)]));
    const findings = detectRecalculations(members);
    const overall = findings.filter((finding) => finding.pillar === 'overall');
    expect(overall.map((finding) => [finding.memberId, finding.from, finding.to])).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((id) => [id, addDays(START, RECALC_DAY - 1), addDays(START, RECALC_DAY)]),
    );
    expect(overall[0]?.evidence).toMatchObject({
      direction: 'down',
      membersStepping: 5,
      membersObserved: 5,
      clusterDay: addDays(START, RECALC_DAY),
    });
    // The brand pillar (≈10) steps by ≈0.7, over a quarter point: found too; insights (≈3.3, −0.23) is not.
    expect(new Set(findings.map((finding) => finding.pillar))).toEqual(
      new Set(['overall', 'brand', 'people', 'relationships']),
    );

    const ratio = overall[0]?.evidence.ratio as number;
    expect(ratio).toBeCloseTo(0.93, 2);
    const normalised = readingsForCalibration(members.get('a')?.readings ?? [], findings);
    expect(normalised[0]?.overall).toBeCloseTo((members.get('a')?.readings[0]?.overall ?? 0) * ratio, 6);
    expect(normalised[RECALC_DAY]?.overall).toBe(members.get('a')?.readings[RECALC_DAY]?.overall);
  });

  it('does not blame LinkedIn for one member’s step, nor for a minority, nor for a rise the member caused', () => {
    const one = new Map([
      ['a', history('a', true)],
      ['b', history('b', false)],
      ['c', history('c', false)],
      ['d', history('d', false)],
      ['e', history('e', false)],
    ]);
    expect(detectRecalculations(one)).toEqual([]);

    const minority = new Map(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => [id, history(id, i < 3)] as const),
    );
    expect(detectRecalculations(minority)).toEqual([]);

    // Three members' brand and insights rise 20 % on one day, each after a burst of posts and comments that day.
    const burst = [{ day: addDays(START, 20), counts: { post: 3, comment: 12 }, signals: {} }];
    const rising = (id: string): MemberHistory => ({
      readings: range(0, 34).map((day) => {
        const base = drifting(day);
        const lift = day >= 20 ? 1.2 : 1;
        return reading(id, day, { ...base, brand: base.brand * lift, insights: base.insights * lift });
      }),
      activity: burst,
    });
    const risers = new Map(['a', 'b', 'c'].map((id) => [id, rising(id)]));
    expect(detectRecalculations(risers)).toEqual([]);
    // The same rise without the burst is LinkedIn's.
    const unexplained = new Map(['a', 'b', 'c'].map((id) => [id, { ...rising(id), activity: [] }]));
    expect(new Set(detectRecalculations(unexplained).map((finding) => finding.pillar))).toEqual(
      new Set(['overall', 'brand', 'insights']),
    );
  });

  it('keeps a recalculation from reading as divergence', () => {
    const members = new Map(['a', 'b', 'c', 'd', 'e'].map((id) => [id, history(id, true)]));
    const recalculations = detectRecalculations(members);
    // Calibrated to the new formula everywhere, but the total tolerance is tight enough for the step to show.
    const calibrated = estimates(35, (day) => drifting(day, 0.93));
    const scores = member({ memberId: 'a', readings: members.get('a')?.readings ?? [], calibrated });
    const tight = {
      staleDays: 14,
      minDelta: 1,
      minActiveDays: 5,
      divergentPillar: 4,
      divergentTotal: 1.5,
      divergentRuns: 3,
      recalcMaxGapDays: 2,
      recalcStepShare: 0.05,
      recalcStepPoints: 1,
      recalcMinMembers: 3,
      recalcMemberShare: 0.5,
    };
    expect(detectDivergent(scores, [], tight).map((finding) => finding.pillar)).toEqual(['overall']);
    expect(detectDivergent(scores, recalculations, tight)).toEqual([]);
  });
});

describe('idempotence', () => {
  it('gives the same findings for the same inputs in any order', () => {
    const readings = withPlateau('jane', range(0, 40), 5);
    const activity = commentsOn(range(0, 40).filter((day) => day % 3 === 0));
    const calibrated = estimates(41, (day) => pillarsOf(day > 30 ? 3 : 10.2, 5.4, 3.3, 6.6));
    const first = evaluateMember(member({ readings, activity, calibrated }));
    const again = evaluateMember(
      member({ readings: [...readings].reverse(), activity: [...activity].reverse(), calibrated }),
    );
    // Comments feed insights and, as days active, people: only those plateaus (and the overall) count.
    expect(first.map((finding) => [finding.type, finding.pillar])).toEqual([
      ['STALE', 'insights'],
      ['STALE', 'overall'],
      ['STALE', 'people'],
      ['DIVERGENT', 'brand'],
    ]);
    expect(again).toEqual(first);
    expect(evaluateMember(member({ readings, activity, calibrated }))).toEqual(first);
  });
});
