import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Day } from '../../domain/kinds';
import type { MemberSummary } from '../../domain/member-summary';
import { materialiseSummary, summaryWindows } from '../../domain/member-summary';
import {
  MEMBERSHIP_RETRY,
  type MemberProfile,
  type MemberStanding,
  MembershipConflict,
} from '../../domain/membership';
import type { Calibration, DailyEstimate, Finding, OfficialReading } from '../../domain/pillars';
import {
  materialiseStanding,
  type StandingFacts,
  type StoredStanding,
  staleFindingsOn,
  standingSince,
} from '../../domain/standing';
import { retryUntil } from '../../retry';
import type {
  ListPage,
  MemberListing,
  StoredMembership,
  TeamListing,
  TeamRow,
  TeamsStore,
} from '../teams-store';
import { DynamoDbActivityStore } from './activity-store';
import { keys, SK_PREFIX, shardOf } from './keys';
import {
  registryIndex,
  registryWrites,
  type ShardedIndex,
  type TransactItem,
  teamIndex,
} from './sharded-index';
import { BATCH_GET_KEYS, DynamoTable, type DynamoTableOptions, type Item } from './table';

/** Parallel reads in flight for one leaderboard: enough for 500 members in a few seconds, gentle on capacity. */
export const STANDINGS_CONCURRENCY = 25;
/** Sorts after any character that can follow in a sort key, to close a prefix range. */
const HIGH = '\uffff';
/** A day after every activity day, to read a member's days from one on. */
const LAST_DAY = '9999-12-31';
const minDay = (a: Day, b: Day): Day => (a < b ? a : b);

export class DynamoDbTeamsStore implements TeamsStore {
  private readonly table: DynamoTable;
  private readonly concurrency: number;
  private readonly options: DynamoTableOptions;
  private readonly registry: ShardedIndex;
  private readonly teamList: ShardedIndex;
  private readonly activity: DynamoDbActivityStore;

  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    options: DynamoTableOptions & { concurrency?: number } = {},
  ) {
    this.table = new DynamoTable(client, tableName, options);
    this.concurrency = options.concurrency ?? STANDINGS_CONCURRENCY;
    this.options = options;
    this.registry = registryIndex(this.table);
    this.teamList = teamIndex(this.table);
    this.activity = new DynamoDbActivityStore(client, tableName, options);
  }

  async loadMembership(memberId: string): Promise<StoredMembership | undefined> {
    const item = await this.table.get(keys.member(memberId), keys.membership());
    if (!item) return undefined;
    return {
      profile: {
        memberId: item.memberId as string,
        displayName: item.displayName as string,
        teams: item.teams as string[],
      },
      version: item.version as number,
    };
  }

  /**
   * One transaction: the profile (under a condition on the version read), the team items (a kept team's item
   * is updated in place so its standing stays; a new one gets a copy of the member's standing), the team
   * list's member counts, and the member's registry entry (so a member set up before any upload is listed).
   */
  async saveMembership(profile: MemberProfile, previous: StoredMembership | undefined): Promise<boolean> {
    const { memberId, displayName, teams } = profile;
    const before = new Set(previous?.profile.teams ?? []);
    const kept = new Set(teams);
    const added = teams.filter((teamId) => !before.has(teamId));
    const removed = [...before].filter((teamId) => !kept.has(teamId));
    const stored =
      added.length > 0 ? await this.table.get(keys.member(memberId), keys.standing()) : undefined;
    const copied = {
      ...(stored?.standing ? { standing: stored.standing } : {}),
      ...(stored?.summary ? { summary: stored.summary } : {}),
    };
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table.name,
          Item: {
            pk: keys.member(memberId),
            sk: keys.membership(),
            memberId,
            displayName,
            teams,
            version: (previous?.version ?? 0) + 1,
          },
          ...(previous
            ? {
                ConditionExpression: 'version = :version',
                ExpressionAttributeValues: { ':version': previous.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      ...teams.map((teamId): TransactItem => {
        const Key = { pk: keys.team(teamId), sk: keys.member(memberId) };
        return before.has(teamId)
          ? {
              Update: {
                TableName: this.table.name,
                Key,
                UpdateExpression: 'SET teamId = :team, memberId = :member, displayName = :name',
                ExpressionAttributeValues: { ':team': teamId, ':member': memberId, ':name': displayName },
              },
            }
          : {
              Put: {
                TableName: this.table.name,
                Item: { ...Key, teamId, memberId, displayName, ...copied },
              },
            };
      }),
      ...removed.map((teamId) => ({
        Delete: {
          TableName: this.table.name,
          Key: { pk: keys.team(teamId), sk: keys.member(memberId) },
        },
      })),
      ...added.map((teamId) => this.countChange(teamId, 1)),
      ...removed.map((teamId) => this.countChange(teamId, -1)),
      ...registryWrites(this.table.name, memberId),
    ];
    return this.transact(items);
  }

  /** Removes the member's profile and team items; returns how many items went (0 when there was none). */
  async removeMembership(memberId: string): Promise<number> {
    const removed = await retryUntil({ ...MEMBERSHIP_RETRY, sleep: this.options.sleep }, async () => {
      const stored = await this.loadMembership(memberId);
      if (!stored) return 0;
      const done = await this.transact([
        {
          Delete: {
            TableName: this.table.name,
            Key: { pk: keys.member(memberId), sk: keys.membership() },
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':version': stored.version },
          },
        },
        ...stored.profile.teams.map((teamId) => ({
          Delete: {
            TableName: this.table.name,
            Key: { pk: keys.team(teamId), sk: keys.member(memberId) },
          },
        })),
        ...stored.profile.teams.map((teamId) => this.countChange(teamId, -1)),
      ]);
      return done ? 1 + stored.profile.teams.length : undefined;
    });
    if (removed === undefined) throw new MembershipConflict(memberId);
    return removed;
  }

  async listTeamMembers(teamId: string, include?: { summaries: true }): Promise<TeamRow[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.team(teamId) },
      // The summaries are most of an item's size: only the team page reads them.
      ProjectionExpression: `memberId, displayName, standing${include?.summaries ? ', summary' : ''}`,
    });
    return items.map((item) => ({
      memberId: item.memberId as string,
      displayName: item.displayName as string,
      ...(item.standing ? { standing: item.standing as StoredStanding } : {}),
      ...(item.summary ? { summary: item.summary as MemberSummary } : {}),
    }));
  }

  /**
   * Five requests and one per team: the profile (no team, nothing to do), the estimates and the activity days
   * of the summary's windows, the latest-ingest item (written once, for members from before it), the
   * `STANDING` item (standing and team-page summary), and an update of each team item that still exists.
   */
  async saveStanding(facts: StandingFacts): Promise<void> {
    const membership = await this.loadMembership(facts.memberId);
    if (!membership || membership.profile.teams.length === 0) return;
    const pk = keys.member(facts.memberId);
    const windows = summaryWindows(facts.asOf);
    const [estimateItems, days] = await Promise.all([
      this.table.queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': pk,
          ':from': keys.estimate(minDay(standingSince(facts.asOf), windows.estimatesSince)),
          ':to': `${SK_PREFIX.estimate}${HIGH}`,
        },
      }),
      this.activity.readDays(facts.memberId, windows.activitySince, LAST_DAY),
      this.activity.trackLatestIngest(facts.memberId),
    ]);
    const estimates = estimateItems.map((item) => item.estimate as DailyEstimate);
    const standing = materialiseStanding(facts, estimates);
    const summary = materialiseSummary({ ...facts, estimates, days });
    await this.table.put({ pk, sk: keys.standing(), standing, summary });
    await Promise.all(
      membership.profile.teams.map((teamId) =>
        this.table.client
          .send(
            new UpdateCommand({
              TableName: this.table.name,
              Key: { pk: keys.team(teamId), sk: pk },
              UpdateExpression: 'SET standing = :standing, summary = :summary',
              // A team the member left meanwhile is not brought back.
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':standing': standing, ':summary': summary },
            }),
          )
          .catch((error: unknown) => {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          }),
      ),
    );
  }

  /** A page of the registry, with one BatchGetItem per 100 members for their profiles. */
  async listMembersPage(limit: number, cursor?: string): Promise<ListPage<MemberListing>> {
    const page = await this.registry.page(limit, cursor);
    const memberIds = page.items.map((item) => item.memberId as string);
    const profiles = new Map<string, Item>();
    for (const item of await this.table.batchGet(
      memberIds.map((id) => ({ pk: keys.member(id), sk: keys.membership() })),
    ))
      profiles.set(item.memberId as string, item);
    const items = memberIds.map((memberId) => {
      const profile = profiles.get(memberId);
      return profile
        ? { memberId, displayName: profile.displayName as string, teams: profile.teams as string[] }
        : { memberId, teams: [] };
    });
    return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  /** A page of the team list; a team whose last member left (count 0) is not listed. */
  async listTeamsPage(limit: number, cursor?: string): Promise<ListPage<TeamListing>> {
    const page = await this.teamList.page(limit, cursor);
    const items = page.items
      .map((item) => ({ teamId: item.teamId as string, members: Number(item.members ?? 0) }))
      .filter((team) => team.members > 0);
    return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  isMembersCursor(cursor: string): boolean {
    return this.registry.isCursor(cursor);
  }

  isTeamsCursor(cursor: string): boolean {
    return this.teamList.isCursor(cursor);
  }

  /** The team list's count of `teamId`, changed by `delta` (the item is created on the first member). */
  private countChange(teamId: string, delta: number): TransactItem {
    return {
      Update: {
        TableName: this.table.name,
        Key: { pk: keys.teamIndexShard(shardOf(teamId)), sk: keys.team(teamId) },
        UpdateExpression: 'SET teamId = :team ADD #members :delta',
        ExpressionAttributeNames: { '#members': 'members' },
        ExpressionAttributeValues: { ':team': teamId, ':delta': delta },
      },
    };
  }

  /**
   * Two Queries per member (the latest reading on or before the date; the STALE findings that may be open) and
   * one BatchGetItem per 50 members (EST#date and CALIBRATION), all at most `concurrency` at a time.
   */
  async readStandings(
    memberIds: readonly string[],
    date: Day,
    staleSince: Day,
  ): Promise<Map<string, MemberStanding>> {
    const standings = new Map<string, MemberStanding>(memberIds.map((id) => [id, { staleFindings: [] }]));
    const perBatch = Math.floor(BATCH_GET_KEYS / 3);
    const tasks: (() => Promise<void>)[] = [];
    for (let i = 0; i < memberIds.length; i += perBatch) {
      const batch = memberIds.slice(i, i + perBatch);
      tasks.push(async () => {
        for (const item of await this.table.batchGet(
          batch.flatMap((id) => [
            { pk: keys.member(id), sk: keys.estimate(date) },
            { pk: keys.member(id), sk: keys.calibration() },
            { pk: keys.member(id), sk: keys.staleSummary() },
          ]),
        )) {
          const standing = standings.get((item.pk as string).slice(keys.member('').length));
          if (!standing) continue;
          if (item.sk === keys.calibration()) standing.calibration = item.calibration as Calibration;
          else if (item.sk === keys.staleSummary())
            standing.staleFindings = staleFindingsOn(item.stale as Finding[], date, staleSince);
          else standing.estimate = item.estimate as DailyEstimate;
        }
      });
    }
    for (const id of memberIds) {
      const standing = standings.get(id) as MemberStanding;
      tasks.push(async () => {
        standing.official = await this.latestReading(id, date);
      });
    }
    await runBounded(tasks, this.concurrency);
    return standings;
  }

  private async latestReading(memberId: string, date: Day): Promise<OfficialReading | undefined> {
    const { items } = await this.table.query({
      // observedAt is ISO, so every reading of `date` or before sorts at or below `OFFICIAL#<date>￿`.
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      ExpressionAttributeValues: {
        ':pk': keys.member(memberId),
        ':first': SK_PREFIX.official,
        ':last': `${SK_PREFIX.official}${date}${HIGH}`,
      },
      ScanIndexForward: false,
      Limit: 1,
    });
    return items[0]?.reading as OfficialReading | undefined;
  }

  /** False when a condition failed (another write came first); other cancellations are thrown. */
  private async transact(items: TransactItem[]): Promise<boolean> {
    try {
      await this.table.client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')
      )
        return false;
      throw error;
    }
  }
}

/** Runs the tasks with at most `limit` in flight; the first failure rejects (the others finish unobserved). */
const runBounded = async (tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++] as () => Promise<void>;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
};

/** A member's teams from their profile (for routing alerts by team); none for a member without one. */
export const teamsOfMember =
  (client: DynamoDBDocumentClient, tableName: string) =>
  async (memberId: string): Promise<readonly string[]> =>
    (await new DynamoDbTeamsStore(client, tableName).loadMembership(memberId))?.profile.teams ?? [];
