import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Day } from '../../domain/kinds';
import {
  MEMBERSHIP_RETRY,
  type MemberProfile,
  type MemberStanding,
  MembershipConflict,
  type TeamMember,
} from '../../domain/membership';
import type { Calibration, DailyEstimate, Finding, OfficialReading } from '../../domain/pillars';
import { retryUntil } from '../../retry';
import type { StoredMembership, TeamsStore } from '../teams-store';
import { keys, SK_PREFIX } from './keys';
import { DynamoTable, type DynamoTableOptions, type Item, MAX_BATCH_ATTEMPTS } from './table';

/** Parallel reads in flight for one leaderboard: enough for 500 members in a few seconds, gentle on capacity. */
export const STANDINGS_CONCURRENCY = 25;
/** BatchGetItem's limit; each member needs two keys (EST#date, CALIBRATION). */
const BATCH_GET_KEYS = 100;
/** Sorts after any character that can follow in a sort key, to close a prefix range. */
const HIGH = '\uffff';

export class DynamoDbTeamsStore implements TeamsStore {
  private readonly table: DynamoTable;
  private readonly concurrency: number;
  private readonly options: DynamoTableOptions;

  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    options: DynamoTableOptions & { concurrency?: number } = {},
  ) {
    this.table = new DynamoTable(client, tableName, options);
    this.concurrency = options.concurrency ?? STANDINGS_CONCURRENCY;
    this.options = options;
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

  async saveMembership(profile: MemberProfile, previous: StoredMembership | undefined): Promise<boolean> {
    const { memberId, displayName, teams } = profile;
    const kept = new Set(teams);
    const removed = (previous?.profile.teams ?? []).filter((teamId) => !kept.has(teamId));
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
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
      ...teams.map((teamId) => ({
        Put: {
          TableName: this.table.name,
          Item: {
            pk: keys.team(teamId),
            sk: keys.member(memberId),
            teamId,
            memberId,
            displayName,
          },
        },
      })),
      ...removed.map((teamId) => ({
        Delete: {
          TableName: this.table.name,
          Key: { pk: keys.team(teamId), sk: keys.member(memberId) },
        },
      })),
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
      ]);
      return done ? 1 + stored.profile.teams.length : undefined;
    });
    if (removed === undefined) throw new MembershipConflict(memberId);
    return removed;
  }

  async listTeamMembers(teamId: string): Promise<TeamMember[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.team(teamId) },
      ProjectionExpression: 'memberId, displayName',
    });
    return items.map((item) => ({
      memberId: item.memberId as string,
      displayName: item.displayName as string,
    }));
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
        for (const item of await this.batchGet(
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
            // Open on `date`: started by then and still going within staleDays of it.
            standing.staleFindings = (item.stale as Finding[]).filter(
              (f) => f.from <= date && f.to >= staleSince,
            );
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

  /** BatchGetItem of at most 100 keys, retrying UnprocessedKeys with backoff. */
  private async batchGet(batchKeys: Item[]): Promise<Item[]> {
    const found: Item[] = [];
    let pending = batchKeys;
    const done = await this.table.retryUnprocessed(async () => {
      const result = await this.table.client.send(
        new BatchGetCommand({ RequestItems: { [this.table.name]: { Keys: pending } } }),
      );
      found.push(...(result.Responses?.[this.table.name] ?? []));
      pending = result.UnprocessedKeys?.[this.table.name]?.Keys ?? [];
      return pending.length === 0 ? found : undefined;
    });
    if (done) return done;
    throw new Error(
      `DynamoDB left ${pending.length} key(s) unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
    );
  }

  /** False when a condition failed (another write came first); other cancellations are thrown. */
  private async transact(items: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<boolean> {
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
