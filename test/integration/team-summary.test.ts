import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { PutMemberBodySchema } from '../../shared/api/contract';
import { addDays } from '../../shared/domain/days';
import type { Day, DayActivity } from '../../shared/domain/kinds';
import { emptyManifest } from '../../shared/domain/manifest';
import type { DailyEstimate, OfficialReading } from '../../shared/domain/pillars';
import { weekStart } from '../../shared/domain/weeks';
import { eraseMember } from '../../shared/members/erase-member';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { keys } from '../../shared/store/dynamodb/keys';
import { DynamoDbErasureMarks, DynamoDbMemberItemsEraser } from '../../shared/store/dynamodb/member-items';
import { DynamoDbMemberLock } from '../../shared/store/dynamodb/member-lock';
import { DynamoDbScoresStore } from '../../shared/store/dynamodb/scores-store';
import { DynamoTable } from '../../shared/store/dynamodb/table';
import { DynamoDbTeamSettingsStore } from '../../shared/store/dynamodb/team-settings-store';
import { DynamoDbTeamsStore } from '../../shared/store/dynamodb/teams-store';
import { type TeamReportDeps, teamReport } from '../../shared/teams/team-report';
import { putMember } from '../../shared/teams/teams';
import { calibrationOf, dailyEstimate, officialReading, pillars } from '../support/scores-builders';
import { storeStandingOf } from '../support/standings';
import { localDocumentClient } from '../support/table-dump';

/**
 * The team page from the materialised summaries (one Query of the team's partition) against the page read
 * member by member, on DynamoDB Local: the same `TeamReportData`, for members with and without a summary.
 */

const TO: Day = '2026-04-12';
const FROM: Day = addDays(TO, -90);
/** The summaries are written on the page's last day: the default page of any later day reads them alike. */
const AS_OF = new Date(`${TO}T18:00:00.000Z`);
const NOW = () => new Date('2026-04-13T08:00:00.000Z');
const RUN = `summary-${Date.now().toString(36)}`;
const TEAM = `${RUN}-team`;
const ids = ['ann', 'ben', 'cid', 'dan', 'eve', 'fay'].map((name) => `${RUN}-${name}`);
const [ANN, BEN, CID, DAN, EVE] = ids as [string, string, string, string, string];
/** Eve's data is older than summaries: she has none and is read from her own items. */
const LEGACY = EVE;

let client: DynamoDBDocumentClient;
let scores: DynamoDbScoresStore;
let teams: DynamoDbTeamsStore;
let activity: DynamoDbActivityStore;
let settings: DynamoDbTeamSettingsStore;
let deps: TeamReportDeps;

/** A fixed pseudo-random walk, so every member has different, uneven figures. */
const walk = (seed: number) => {
  let x = seed;
  return () => {
    x = (x * 9301 + 49297) % 233280;
    return x / 233280;
  };
};
const days = (from: Day, to: Day): Day[] => {
  const out: Day[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
};
const estimatesOf = (seed: number, from: Day, to: Day, version = (_day: Day) => 'v1'): DailyEstimate[] => {
  const r = walk(seed);
  const two = (x: number) => Math.round(x * 100) / 100;
  return days(from, to).map((day) =>
    dailyEstimate(
      day,
      pillars(two(8 + 10 * r()), two(8 + 10 * r()), two(8 + 10 * r()), two(8 + 10 * r())),
      version(day),
    ),
  );
};
const readingsOf = (memberId: string, seed: number, from: Day, to: Day, every: number): OfficialReading[] => {
  const r = walk(seed);
  return days(from, to)
    .filter((_, i) => i % every === 0)
    .map((day) => {
      const reading = officialReading(
        memberId,
        `${day}T09:30:00.000Z`,
        pillars(10 + 10 * r(), 10 + 10 * r(), 10 + 10 * r(), 10 + 10 * r()),
      );
      return { ...reading, overall: reading.overall + 0.123456 };
    });
};
const activityOf = (seed: number, from: Day, to: Day): DayActivity[] => {
  const r = walk(seed);
  return days(from, to)
    .filter(() => r() < 0.6)
    .map((day) => ({
      day,
      counts: { post: Math.floor(3 * r()), comment: Math.floor(6 * r()), connection: Math.floor(4 * r()) },
      signals: { 'connection.senior': Math.floor(3 * r()), 'message_sent.reply': 0.5 * Math.floor(4 * r()) },
    }));
};

beforeAll(async () => {
  client = localDocumentClient(inject('dynamoEndpoint'));
  const table = inject('tableName');
  scores = new DynamoDbScoresStore(client, table);
  teams = new DynamoDbTeamsStore(client, table);
  activity = new DynamoDbActivityStore(client, table);
  settings = new DynamoDbTeamSettingsStore(client, table);
  deps = {
    teams,
    scores,
    activity,
    latestIngests: activity,
    settings,
    leaderboard: { teams, thresholds: { staleDays: 14 } },
  };
  for (const id of ids)
    await putMember(
      deps.leaderboard,
      id,
      PutMemberBodySchema.parse({ displayName: id.slice(-3), teams: [TEAM] }),
    );
  const since = addDays(FROM, -40);
  // Ann: weekly readings, daily estimates, a calibration, activity, goals and an export.
  // Ben: raw estimates only (no calibration). Cid: estimates whose model version changes, a v1 calibration.
  // Dan: one old reading (quiet). Eve: like Ann, without a summary. Fay: nothing.
  for (const [i, id] of [ANN, BEN, CID, EVE].entries())
    await scores.writeEstimates(
      id,
      estimatesOf(i + 1, since, TO, id === CID ? (day) => (day < '2026-03-20' ? 'v1' : 'v2') : undefined),
    );
  for (const [i, id] of [ANN, EVE].entries()) {
    await scores.saveReadings(id, readingsOf(id, 10 + i, since, addDays(TO, -3), 7));
    await activity.writeDays(id, activityOf(20 + i, since, TO), []);
    await scores.saveCalibration(calibrationOf(id, { intercept: 1.5 }));
  }
  await scores.saveCalibration(calibrationOf(CID, { intercept: -2 }));
  await scores.saveReadings(DAN, readingsOf(DAN, 30, addDays(FROM, -20), addDays(FROM, -20), 1));
  await activity.saveManifest({
    ...emptyManifest({ memberId: ANN, objectKey: 'exports/a.zip' }, AS_OF),
    exportedAt: `${TO}T07:00:00.000Z`,
  });
  // Eve's export predates the latest-ingest items: only her manifest tells.
  await new DynamoTable(client, table).put({
    pk: keys.member(EVE),
    sk: keys.ingest('2026-01-02T10:00:00.000Z', 'exports/e.zip'),
    manifest: emptyManifest(
      { memberId: EVE, objectKey: 'exports/e.zip' },
      new Date('2026-01-02T10:00:00.000Z'),
    ),
  });
  await settings.saveKpi(TEAM, {
    weights: { ssi: 0.4, strategic: 0.3, business: 0.3 },
    strategic: { post: 2, 'connection.senior': 3, 'message_sent.reply': 1 },
    business: { calls: 10 },
  });
  const lastWeek = weekStart(TO);
  await settings.saveBusinessGoals(TEAM, [
    { memberId: ANN, week: lastWeek, values: { calls: 12, meetings: 2 } },
    { memberId: ANN, week: addDays(lastWeek, -14), values: { calls: 4 } },
    { memberId: EVE, week: addDays(lastWeek, -7), values: { calls: 7 } },
  ]);
  const updatedAt = AS_OF.toISOString();
  await settings.saveCompetition(TEAM, {
    name: 'march',
    from: '2026-03-01',
    to: '2026-04-05',
    metric: 'brand',
    updatedAt,
  });
  await settings.saveTiers(TEAM, { advanced: 55, star: 62 });
});

const storeStanding = (memberId: string) => storeStandingOf({ teams, scores }, memberId, AS_OF);

/** The partitions `work` reads, by the key its requests name. */
const partitionsRead = async <T>(work: () => Promise<T>) => {
  const send = vi.spyOn(client, 'send');
  try {
    const result = await work();
    const pks = send.mock.calls.flatMap(([command]) => {
      const input = command.input as {
        ExpressionAttributeValues?: Record<string, unknown>;
        Key?: { pk: string };
      };
      const pk = input.ExpressionAttributeValues?.[':pk'] ?? input.Key?.pk;
      return typeof pk === 'string' ? [pk] : [];
    });
    return { result, pks: new Set(pks), requests: send.mock.calls.length };
  } finally {
    send.mockRestore();
  }
};

describe('the team page from materialised summaries', () => {
  it('shows what reading every member shows, reading only members without a summary', async () => {
    // Before any summary: the page read member by member, without the latest-ingest index.
    const exact = await teamReport({ ...deps, latestIngests: undefined }, TEAM, FROM, TO, NOW);
    expect(exact.quiet.map((q) => q.memberId)).toContain(EVE);
    expect(exact.competitions[0]?.standings.some((s) => s.basis === 'raw')).toBe(true);

    for (const id of ids) if (id !== LEGACY) await storeStanding(id);
    const fast = await partitionsRead(() => teamReport(deps, TEAM, FROM, TO, NOW));
    expect(fast.result).toEqual(exact);
    // Member partitions are read by key (goals, latest ingests), by Query only for the member without a summary.
    const queried = [...fast.pks].filter((pk) => pk.startsWith('MEMBER#'));
    expect(queried).toEqual([keys.member(LEGACY)]);

    // A competition older than the summaries is read from the members' own items: still the same standings.
    await settings.saveCompetition(TEAM, {
      name: 'autumn',
      from: '2025-11-01',
      to: '2025-12-01',
      metric: 'total',
      updatedAt: AS_OF.toISOString(),
    });
    const withOld = await teamReport(deps, TEAM, FROM, TO, NOW);
    const oldExact = await teamReport({ ...deps, latestIngests: undefined }, TEAM, FROM, TO, NOW);
    expect(withOld).toEqual(oldExact);
    await settings.deleteCompetition(TEAM, 'autumn');

    // A period before the summaries' windows: every member is read, and the page is still the same.
    const early = '2025-12-01';
    const before = await teamReport(deps, TEAM, addDays(early, -60), early, NOW);
    expect(before.leaderboard.members).toHaveLength(ids.length);
  });

  it('is erased with the member: their team item, summary and latest-ingest item go', async () => {
    await storeStanding(ANN);
    const table = new DynamoTable(client, inject('tableName'));
    expect(await table.get(keys.member(ANN), keys.latestIngest())).toBeDefined();
    expect((await table.get(keys.member(ANN), keys.standing()))?.summary).toBeDefined();
    const name = inject('tableName');
    await eraseMember(
      {
        items: new DynamoDbMemberItemsEraser(client, name),
        uploads: { eraseUploads: async () => ({ objects: 0, objectVersions: 0 }) },
        lock: new DynamoDbMemberLock(client, name),
        teams,
        marks: new DynamoDbErasureMarks(client, name),
      },
      ANN,
    );
    const left = await table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.member(ANN) },
    });
    expect(left.map((item) => item.sk)).toEqual([keys.erased()]);
    expect(await table.get(keys.team(TEAM), keys.member(ANN))).toBeUndefined();
    const page = await teamReport(deps, TEAM, FROM, TO, NOW);
    expect(page.leaderboard.members.map((m) => m.memberId)).not.toContain(ANN);
  });
});
