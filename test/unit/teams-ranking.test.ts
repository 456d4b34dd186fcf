import { describe, expect, it } from 'vitest';
import { PutMemberBodySchema } from '../../shared/api/contract';
import type { MemberStanding } from '../../shared/domain/membership';
import type { Finding, PillarScores } from '../../shared/domain/pillars';
import { buildLeaderboard, isOpenStale } from '../../shared/teams/ranking';
import {
  calibrationOf,
  dailyEstimate,
  findingOf,
  officialReading,
  pillars,
} from '../support/scores-builders';

const DATE = '2026-03-31';
const official = (memberId: string, p: PillarScores, observedAt = '2026-03-20T08:00:00.000Z') =>
  officialReading(memberId, observedAt, p, `h-${memberId}`);
const estimate = (p: PillarScores, modelVersion = 'v1') => dailyEstimate(DATE, p, modelVersion);
const calibration = (memberId: string, modelVersion = 'v1') =>
  calibrationOf(memberId, { intercept: 2, readings: 5, modelVersion });
const stale = (from: string, to: string, type: Finding['type'] = 'STALE') => findingOf('x', type, from, to);

const board = (standings: Record<string, Partial<MemberStanding>>) =>
  buildLeaderboard({
    teamId: 'sales',
    date: DATE,
    staleDays: 14,
    members: Object.keys(standings).map((memberId) => ({ memberId, displayName: memberId.toUpperCase() })),
    standings: new Map(
      Object.entries(standings).map(([id, standing]) => [id, { staleFindings: [], ...standing }]),
    ),
  });

describe('isOpenStale', () => {
  it('is open while the plateau ended at most staleDays before the date and started by it', () => {
    expect(isOpenStale(stale('2026-01-01', '2026-03-17'), DATE, 14)).toBe(true);
    expect(isOpenStale(stale('2026-01-01', '2026-03-16'), DATE, 14)).toBe(false);
    // A plateau still going on after the date was already open on it.
    expect(isOpenStale(stale('2026-03-01', '2026-04-20'), DATE, 14)).toBe(true);
    // Not yet started on the date.
    expect(isOpenStale(stale('2026-04-01', '2026-04-20'), DATE, 14)).toBe(false);
    expect(isOpenStale(stale('2026-03-01', '2026-03-31', 'DIVERGENT'), DATE, 14)).toBe(false);
  });

  it('follows the lifecycle: resolved on or before the date is not open; resolved later was open then', () => {
    const resolvedOn = (day: string): Finding => ({
      ...stale('2026-03-01', '2026-03-25'),
      status: 'resolved',
      resolution: 'moved-again',
      resolvedOnDay: day,
    });
    expect(isOpenStale(resolvedOn('2026-03-26'), DATE, 14)).toBe(false);
    expect(isOpenStale(resolvedOn('2026-03-31'), DATE, 14)).toBe(false);
    expect(isOpenStale(resolvedOn('2026-04-02'), DATE, 14)).toBe(true);
    // Withdrawn: re-evaluation no longer supports it, so it was never a current problem.
    expect(isOpenStale({ ...resolvedOn('2026-04-02'), resolution: 'withdrawn' }, DATE, 14)).toBe(false);
    expect(isOpenStale({ ...stale('2026-03-01', '2026-03-25'), status: 'open' }, DATE, 14)).toBe(true);
  });
});

describe('buildLeaderboard', () => {
  it('shows each reading’s day and age, and ranks a reading older than 30 days after current figures', () => {
    const result = board({
      april: { official: official('april', pillars(24, 24, 24, 24), '2025-04-01T08:00:00.000Z') },
      aprilWithEstimate: {
        official: official('aprilWithEstimate', pillars(24, 24, 24, 23), '2025-04-01T08:00:00.000Z'),
        estimate: estimate(pillars(5, 5, 5, 5)),
      },
      today: { official: official('today', pillars(10, 10, 10, 10), '2026-03-31T07:00:00.000Z') },
      edge: { official: official('edge', pillars(9, 9, 9, 9), '2026-03-01T07:00:00.000Z') },
      none: {},
    });
    expect(result.readingMaxAgeDays).toBe(30);
    expect(result.members.map((m) => [m.memberId, m.rankedBy, m.official?.ageDays])).toEqual([
      ['today', 'official', 0],
      ['edge', 'official', 30],
      ['aprilWithEstimate', 'estimate', 364],
      ['april', 'official-old', 364],
      ['none', 'none', undefined],
    ]);
    expect(result.members[3]?.official).toMatchObject({ day: '2025-04-01', current: false, overall: 96 });
    expect(result.ranking).toBe('mixed');
  });

  it('ranks official readings first by overall, then estimates, then members with nothing; ties by id', () => {
    const result = board({
      zed: { estimate: estimate(pillars(20, 20, 20, 20)) },
      amy: { official: official('amy', pillars(10, 10, 10, 10)) },
      bob: { official: official('bob', pillars(15, 10, 10, 10)) },
      cat: { official: official('cat', pillars(10, 10, 10, 10)) },
      dan: {},
      eve: { estimate: estimate(pillars(5, 5, 5, 5)) },
    });
    expect(result.members.map((m) => [m.memberId, m.rank, m.rankedBy])).toEqual([
      ['bob', 1, 'official'],
      ['amy', 2, 'official'],
      ['cat', 3, 'official'],
      ['zed', 4, 'estimate'],
      ['eve', 5, 'estimate'],
      ['dan', 6, 'none'],
    ]);
    expect(result.ranking).toBe('mixed');
    expect(result.members[0]).toMatchObject({
      displayName: 'BOB',
      official: { overall: 45 },
      estimate: null,
    });
  });

  it('ranks estimates by the calibrated total when a calibration of the same model applies', () => {
    const result = board({
      raw: { estimate: estimate(pillars(10, 10, 10, 11)) },
      fit: { estimate: estimate(pillars(10, 10, 10, 10)), calibration: calibration('fit') },
      old: { estimate: estimate(pillars(9, 9, 9, 9)), calibration: calibration('old', 'v0') },
    });
    expect(result.ranking).toBe('estimate');
    expect(result.members.map((m) => m.memberId)).toEqual(['fit', 'raw', 'old']);
    expect(result.members[0]?.estimate).toEqual({
      total: 40,
      pillars: pillars(10, 10, 10, 10),
      calibrated: { total: 48, pillars: pillars(12, 12, 12, 12) },
    });
    expect(result.members[2]?.estimate?.calibrated).toBeNull();
  });

  it('averages official and estimated pillars over the members that have them', () => {
    const result = board({
      a: { official: official('a', pillars(10, 12, 14, 16)), estimate: estimate(pillars(1, 2, 3, 4)) },
      b: { official: official('b', pillars(11, 13, 15, 17.5)) },
      c: { estimate: estimate(pillars(3, 4, 5, 6)), calibration: calibration('c') },
    });
    expect(result.ranking).toBe('mixed');
    expect(result.averages.official).toEqual({
      overall: 54.25,
      pillars: pillars(10.5, 12.5, 14.5, 16.75),
      members: 2,
    });
    expect(result.averages.estimate).toEqual({ total: 14, pillars: pillars(2, 3, 4, 5), members: 2 });
    expect(result.averages.calibrated).toEqual({ total: 26, pillars: pillars(5, 6, 7, 8), members: 1 });
  });

  it('has no averages and ranking "none" when nobody has a figure', () => {
    const result = board({ a: {}, b: {} });
    expect(result.ranking).toBe('none');
    expect(result.averages).toEqual({ official: null, estimate: null, calibrated: null });
    expect(result.members.map((m) => m.rank)).toEqual([1, 2]);
  });

  it('lists members with an open STALE finding, sorted', () => {
    const result = board({
      c: { staleFindings: [stale('2026-01-01', '2026-03-30')] },
      a: { staleFindings: [stale('2026-01-01', '2026-03-20'), stale('2025-01-01', '2025-02-01')] },
      b: { staleFindings: [stale('2025-01-01', '2025-02-01')] },
    });
    expect(result.staleMembers).toEqual(['a', 'c']);
    expect(Object.fromEntries(result.members.map((m) => [m.memberId, m.staleOpen]))).toEqual({
      a: true,
      b: false,
      c: true,
    });
  });
});

describe('PutMemberBodySchema', () => {
  it('normalises the teams to a sorted set and trims the name', () => {
    expect(PutMemberBodySchema.parse({ displayName: ' Jane ', teams: ['b', 'a', 'b'] })).toEqual({
      displayName: 'Jane',
      teams: ['a', 'b'],
    });
  });

  it.each([
    ['an empty name', { displayName: '  ', teams: [] }],
    ['a 101-character name', { displayName: 'x'.repeat(101), teams: [] }],
    ['a team id with a slash', { displayName: 'J', teams: ['a/b'] }],
    ['a dot-dot team id', { displayName: 'J', teams: ['..'] }],
    ['a 65-character team id', { displayName: 'J', teams: ['t'.repeat(65)] }],
    ['21 teams', { displayName: 'J', teams: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
    ['an unknown field', { displayName: 'J', teams: [], role: 'admin' }],
  ])('rejects %s', (_, body) => {
    expect(PutMemberBodySchema.safeParse(body).success).toBe(false);
  });
});
