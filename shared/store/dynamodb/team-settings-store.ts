import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapBounded } from '../../bounded';
import type { Day } from '../../domain/kinds';
import type {
  BusinessGoalRow,
  CompetitionDefinition,
  KpiDefinition,
  TierThresholds,
} from '../../domain/team-settings';
import { weeksOverlapping } from '../../domain/weeks';
import type { TeamSettingsStore } from '../team-settings-store';
import { keys, SK_PREFIX } from './keys';
import { DynamoTable, type DynamoTableOptions } from './table';

const GOAL_READ_CONCURRENCY = 25;
/** Periods of at most this many weeks are read by key (the team page's KPI spans five). */
const GOAL_WEEKS_BY_KEY = 8;

/**
 * A team's settings in their own partition, `TEAMSETTINGS#<teamId>`: the team partition `TEAM#<teamId>` is
 * one Query for its members and must hold member items only.
 */
export class DynamoDbTeamSettingsStore implements TeamSettingsStore {
  private readonly table: DynamoTable;

  constructor(client: DynamoDBDocumentClient, tableName: string, options: DynamoTableOptions = {}) {
    this.table = new DynamoTable(client, tableName, options);
  }

  async saveCompetition(teamId: string, competition: CompetitionDefinition): Promise<void> {
    await this.table.put({
      pk: keys.teamSettings(teamId),
      sk: keys.competition(competition.name),
      competition,
    });
  }

  async loadCompetition(teamId: string, name: string): Promise<CompetitionDefinition | undefined> {
    const item = await this.table.get(keys.teamSettings(teamId), keys.competition(name));
    return item?.competition as CompetitionDefinition | undefined;
  }

  async listCompetitions(teamId: string): Promise<CompetitionDefinition[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.teamSettings(teamId), ':prefix': SK_PREFIX.competition },
    });
    return items.map((item) => item.competition as CompetitionDefinition);
  }

  async deleteCompetition(teamId: string, name: string): Promise<boolean> {
    const result = await this.table.client.send(
      new DeleteCommand({
        TableName: this.table.name,
        Key: { pk: keys.teamSettings(teamId), sk: keys.competition(name) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return result.Attributes !== undefined;
  }

  async saveTiers(teamId: string, thresholds: TierThresholds): Promise<void> {
    await this.table.put({ pk: keys.teamSettings(teamId), sk: keys.tiers(), thresholds });
  }

  async loadTiers(teamId: string): Promise<TierThresholds | undefined> {
    return (await this.table.get(keys.teamSettings(teamId), keys.tiers()))?.thresholds as
      | TierThresholds
      | undefined;
  }

  async saveKpi(teamId: string, definition: KpiDefinition): Promise<void> {
    await this.table.put({ pk: keys.teamSettings(teamId), sk: keys.kpi(), definition });
  }

  async loadKpi(teamId: string): Promise<KpiDefinition | undefined> {
    return (await this.table.get(keys.teamSettings(teamId), keys.kpi()))?.definition as
      | KpiDefinition
      | undefined;
  }

  async saveBusinessGoals(teamId: string, rows: readonly BusinessGoalRow[]): Promise<number> {
    await this.table.batchWrite(
      rows.map((row) => ({
        PutRequest: {
          Item: {
            pk: keys.member(row.memberId),
            sk: keys.businessGoals(teamId, row.week),
            memberId: row.memberId,
            teamId,
            week: row.week,
            values: row.values,
          },
        },
      })),
    );
    return rows.length;
  }

  /** One Query per member, `GOAL_READ_CONCURRENCY` at a time (the rows live in the members' partitions). */
  /**
   * A few weeks (the team page's KPI) by key: one BatchGetItem per 100 member-weeks; a longer period one Query
   * per member, at most 25 at a time (fewer requests than keys then).
   */
  async readBusinessGoals(
    teamId: string,
    memberIds: readonly string[],
    fromWeek: Day,
    toWeek: Day,
  ): Promise<BusinessGoalRow[]> {
    // Rows are stored under their week's Monday.
    const weeks = weeksOverlapping(fromWeek, toWeek).filter((week) => week >= fromWeek);
    const items =
      weeks.length <= GOAL_WEEKS_BY_KEY
        ? await this.table.batchGet(
            memberIds.flatMap((memberId) =>
              weeks.map((week) => ({ pk: keys.member(memberId), sk: keys.businessGoals(teamId, week) })),
            ),
          )
        : (
            await mapBounded(memberIds, GOAL_READ_CONCURRENCY, (memberId) =>
              this.table.queryAll({
                KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
                ExpressionAttributeValues: {
                  ':pk': keys.member(memberId),
                  ':from': keys.businessGoals(teamId, fromWeek),
                  ':to': keys.businessGoals(teamId, toWeek),
                },
              }),
            )
          ).flat();
    return items.map((item) => ({
      memberId: item.memberId as string,
      week: item.week as string,
      values: item.values as Record<string, number>,
    }));
  }
}
