import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { authorize, managesTeam } from '../../shared/api/authorize';
import { BOM, CSV_DIALECTS, toCsv } from '../../shared/domain/csv-out';
import type { DayActivity } from '../../shared/domain/kinds';
import { isoWeekMonday, weekStart, weeksOverlapping } from '../../shared/domain/weeks';
import { SnsFindingPublisher } from '../../shared/notify/finding-publisher';
import { parseBusinessGoals } from '../../shared/teams/business-goals';
import { buildCompetition } from '../../shared/teams/competition';
import type { MemberHistory } from '../../shared/teams/history';
import { buildKpi, DEFAULT_KPI, type KpiDefinition } from '../../shared/teams/kpi';
import { buildTiers, DEFAULT_TIER_THRESHOLDS, tierOf } from '../../shared/teams/tiers';
import {
  calibrationOf,
  dailyEstimate,
  findingOf,
  officialReading,
  pillars,
} from '../support/scores-builders';

const history = (memberId: string, parts: Partial<MemberHistory> = {}): MemberHistory => ({
  memberId,
  displayName: memberId.toUpperCase(),
  readings: [],
  estimates: [],
  ...parts,
});
const reading = (memberId: string, day: string, quarter: number) =>
  officialReading(memberId, `${day}T09:00:00.000Z`, pillars(quarter));

describe('CSV for spreadsheets', () => {
  it('writes a BOM, CRLF records and RFC 4180 quoting', () => {
    const csv = toCsv(
      ['name', 'note'],
      [
        ['Müller, Jörg', 'said "hi"\nthen left'],
        ['plain', null],
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('name,note\r\n"Müller, Jörg","said ""hi""\nthen left"\r\nplain,\r\n');
  });

  it('guards text that a spreadsheet would run as a formula, but keeps negative numbers numbers', () => {
    const csv = toCsv(
      ['x'],
      [['=HYPERLINK("evil")'], ['+1'], ['-2'], ['@SUM(A1)'], ['\tx'], ['\rx'], [-2.5]],
    );
    expect(csv.slice(1).split('\r\n').slice(1, -1)).toEqual([
      '"\'=HYPERLINK(""evil"")"',
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
      '-2.5',
    ]);
  });

  it('uses ; and a decimal comma for German and Polish spreadsheets', () => {
    expect(toCsv(['a', 'b'], [[70.25, 'x;y']], CSV_DIALECTS.de).slice(1)).toBe('a;b\r\n70,25;"x;y"\r\n');
    expect(toCsv(['a', 'b'], [[70.25, 'x;y']], CSV_DIALECTS.en).slice(1)).toBe('a,b\r\n70.25,x;y\r\n');
  });
});

describe('ISO weeks', () => {
  it('names a week by its Monday and reads 2026-W14', () => {
    expect(weekStart('2026-04-01')).toBe('2026-03-30');
    expect(weekStart('2026-03-30')).toBe('2026-03-30');
    expect(weekStart('2026-04-05')).toBe('2026-03-30');
    expect(isoWeekMonday('2026-W14')).toBe('2026-03-30');
    expect(isoWeekMonday('2026-W01')).toBe('2025-12-29');
    expect(isoWeekMonday('2025-W53')).toBeUndefined();
    expect(isoWeekMonday('2026-W53')).toBe('2026-12-28');
    expect(isoWeekMonday('2020-W53')).toBe('2020-12-28');
    expect(weeksOverlapping('2026-04-01', '2026-04-13')).toEqual(['2026-03-30', '2026-04-06', '2026-04-13']);
  });
});

describe('competition', () => {
  const FROM = '2026-04-01';
  const TO = '2026-04-30';
  const run = (histories: MemberHistory[]) =>
    buildCompetition({ teamId: 'sales', from: FROM, to: TO, metric: 'total', histories });

  it('ranks by improvement: official at both ends when close enough, else estimates, ties share a rank', () => {
    const result = run([
      history('off', { readings: [reading('off', '2026-03-29', 15), reading('off', '2026-04-28', 17)] }),
      // The end reading is 10 days before `to`: not close enough, so the calibrated estimates are used.
      history('est', {
        readings: [reading('est', '2026-04-01', 10), reading('est', '2026-04-20', 20)],
        estimates: [dailyEstimate('2026-03-30', pillars(10)), dailyEstimate('2026-04-30', pillars(12.5))],
        calibration: calibrationOf('est', { intercept: 1 }),
      }),
      history('tie', { readings: [reading('tie', '2026-04-01', 16), reading('tie', '2026-04-30', 18)] }),
      history('raw', {
        estimates: [dailyEstimate('2026-04-01', pillars(5)), dailyEstimate('2026-04-29', pillars(4))],
      }),
      history('late', { readings: [reading('late', '2026-04-30', 20)] }),
      history('none'),
    ]);
    expect(result.standings.map((s) => [s.memberId, s.rank, s.improvement, s.basis, s.reason])).toEqual([
      ['est', 1, 10, 'calibrated', undefined],
      ['off', 2, 8, 'official', undefined],
      ['tie', 2, 8, 'official', undefined],
      ['raw', 4, -4, 'raw', undefined],
      ['late', null, null, null, 'no-data-at-start'],
      ['none', null, null, null, 'no-data'],
    ]);
    expect(result.standings[1]).toMatchObject({
      start: 60,
      end: 68,
      startDay: '2026-03-29',
      endDay: '2026-04-28',
    });
  });
});

describe('tiers', () => {
  it('places members by the defaults (70 advanced, 80 star) and reports who moved', () => {
    expect(DEFAULT_TIER_THRESHOLDS).toEqual({ advanced: 70, star: 80 });
    expect([69.99, 70, 79.9, 80, 95].map((s) => tierOf(s, DEFAULT_TIER_THRESHOLDS))).toEqual([
      'beginner',
      'advanced',
      'advanced',
      'star',
      'star',
    ]);
    const result = buildTiers({
      teamId: 'sales',
      from: '2026-04-01',
      to: '2026-04-15',
      thresholds: DEFAULT_TIER_THRESHOLDS,
      histories: [
        history('up', { readings: [reading('up', '2026-04-01', 17), reading('up', '2026-04-14', 18)] }),
        history('down', {
          readings: [reading('down', '2026-04-01', 20.5), reading('down', '2026-04-10', 19)],
        }),
        // A reading older than 30 days places nobody; without a calibrated estimate the member is unplaced.
        history('old', { readings: [reading('old', '2026-01-01', 24)] }),
      ],
    });
    expect(result.members.map((m) => [m.memberId, m.tier, m.score, m.basis])).toEqual([
      ['down', 'advanced', 76, 'official'],
      ['old', null, null, null],
      ['up', 'advanced', 72, 'official'],
    ]);
    expect(result.makeup.map((p) => [p.day, p.beginner, p.advanced, p.star, p.unplaced])).toEqual([
      ['2026-04-01', 1, 0, 1, 1],
      ['2026-04-08', 1, 0, 1, 1],
      ['2026-04-15', 0, 2, 0, 1],
    ]);
    expect(result.moves.map((m) => [m.memberId, m.from, m.to, m.direction])).toEqual([
      ['down', 'star', 'advanced', 'down'],
      ['up', 'beginner', 'advanced', 'up'],
    ]);
  });
});

describe('company KPI', () => {
  const definition: KpiDefinition = {
    weights: { ssi: 0.4, strategic: 0.3, business: 0.3 },
    strategic: { post: 2, 'connection.senior': 4 },
    business: { calls: 20, meetings: 5 },
  };
  const days: DayActivity[] = [
    { day: '2026-03-30', counts: { post: 1 }, signals: { 'connection.senior': 1 } },
    { day: '2026-04-02', counts: { post: 2 }, signals: { 'connection.senior': 1 } },
    { day: '2026-04-06', counts: { post: 9 }, signals: {} },
  ];

  it('computes the documented worked example and counts missing parts as 0', () => {
    const result = buildKpi({
      teamId: 'sales',
      from: '2026-03-30',
      to: '2026-04-05',
      definition,
      defaultDefinition: false,
      histories: [
        history('ana', { readings: [reading('ana', '2026-04-03', 18)] }),
        history('bo', { readings: [reading('bo', '2026-04-03', 15)] }),
      ],
      activity: new Map([['ana', days]]),
      goals: [{ memberId: 'ana', week: '2026-03-30', values: { calls: 30, meetings: 2 } }],
    });
    const [ana, bo] = result.members;
    // ssi 72/100 = 0.72; strategic: posts min(1, 3/2) = 1, senior connections 2/4 = 0.5 → 0.75;
    // business: calls min(1, 30/20) = 1, meetings 2/5 = 0.4 → 0.7; KPI = 100·(0.4·0.72 + 0.3·0.75 + 0.3·0.7) = 72.3
    expect(ana).toMatchObject({
      week: '2026-03-30',
      ssi: 0.72,
      strategic: 0.75,
      business: 0.7,
      kpi: 72.3,
      missing: [],
    });
    expect(ana?.activity).toEqual({ post: 3, 'connection.senior': 2 });
    // No activity and no business row: strategic 0, business missing (counts 0): 100·0.4·0.6 = 24
    expect(bo).toMatchObject({ ssi: 0.6, strategic: 0, business: null, kpi: 24, missing: ['business'] });
    expect(result.weeks).toEqual([
      { week: '2026-03-30', kpi: 48.15, ssi: 0.66, strategic: 0.375, business: 0.7, members: 2 },
    ]);
  });

  it('drops the weight of a part without targets (the default has no business goals)', () => {
    const result = buildKpi({
      teamId: 'sales',
      from: '2026-03-30',
      to: '2026-03-30',
      definition: DEFAULT_KPI,
      defaultDefinition: true,
      histories: [history('ana', { readings: [reading('ana', '2026-04-03', 20)] })],
      activity: new Map(),
      goals: [],
    });
    expect(result.members[0]).toMatchObject({ ssi: 0.8, strategic: 0, business: null, kpi: 40, missing: [] });
  });
});

describe('business goals upload', () => {
  it('reads member, week and any named columns, in either dialect, and reports rejected lines', () => {
    const file = parseBusinessGoals(
      `${BOM}Member;Week;Calls;Meetings;Leads\r\nana@example.com;2026-W14;12;3,5;\r\nbo;2026-04-01;7;1;2\r\n` +
        'bo;2026-03-31;1;1;1\r\n=cmd|x;2026-W14;1;1;1\r\ncy;someday;1;1;1\r\ncy;2026-W14;many;1;1\r\n',
    );
    expect(file.columns).toEqual(['calls', 'meetings', 'leads']);
    expect(file.rows).toEqual([
      { memberId: 'ana@example.com', week: '2026-03-30', values: { calls: 12, meetings: 3.5 } },
      { memberId: 'bo', week: '2026-03-30', values: { calls: 7, meetings: 1, leads: 2 } },
    ]);
    expect(file.rejected.map((r) => r.line)).toEqual([4, 5, 6, 7]);
    expect(file.rejected[0]?.reason).toMatch(/already on line 3/);
    expect(file.rejected[3]?.reason).toMatch(/calls: "many" is not a number/);
  });

  it('rejects a header without member and week', () => {
    expect(parseBusinessGoals('name,calls\nx,1\n').rejected[0]?.reason).toMatch(/member and the week/);
  });
});

describe('team scope and alert routing', () => {
  const event = (groups: string) =>
    ({
      requestContext: { authorizer: { claims: { 'cognito:username': 'lead', 'cognito:groups': groups } } },
    }) as unknown as APIGatewayProxyEvent;

  it('lets manager:<team> see that team only; managers see every team', () => {
    expect(managesTeam(['manager:emea'], 'emea')).toBe(true);
    expect(
      authorize('cognito', event('[manager:emea]'), undefined, { managersOnly: true, teamId: 'emea' }),
    ).toBeUndefined();
    expect(
      authorize('cognito', event('[manager:emea]'), undefined, { managersOnly: true, teamId: 'dach' })
        ?.statusCode,
    ).toBe(403);
    // A per-team manager is not a manager of members' profiles.
    expect(authorize('cognito', event('[manager:emea]'), undefined, { managersOnly: true })?.statusCode).toBe(
      403,
    );
    expect(
      authorize('cognito', event('managers'), undefined, { managersOnly: true, teamId: 'dach' }),
    ).toBeUndefined();
  });

  it('publishes memberId, teamId and type as SNS message attributes', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishBatchCommand).resolves({ Successful: [], Failed: [] });
    const teamsOf = async (id: string) => (id === 'ana' ? ['dach', 'emea'] : []);
    await new SnsFindingPublisher(new SNSClient({}), 'arn:topic', teamsOf).publish([
      findingOf('ana', 'STALE', '2026-04-01', '2026-04-20'),
      findingOf('bo', 'DIVERGENT', '2026-04-01', '2026-04-20'),
    ]);
    const entries = sns.commandCalls(PublishBatchCommand)[0]?.args[0].input.PublishBatchRequestEntries ?? [];
    expect(entries[0]?.MessageAttributes).toEqual({
      memberId: { DataType: 'String', StringValue: 'ana' },
      type: { DataType: 'String', StringValue: 'STALE' },
      teamId: { DataType: 'String.Array', StringValue: '["dach","emea"]' },
    });
    expect(entries[1]?.MessageAttributes).toEqual({
      memberId: { DataType: 'String', StringValue: 'bo' },
      type: { DataType: 'String', StringValue: 'DIVERGENT' },
    });
    sns.restore();
  });
});
