import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Day } from '../../domain/kinds';
import type {
  Calibration,
  DailyEstimate,
  Finding,
  OfficialReading,
  PopulationPrior,
} from '../../domain/pillars';
import type { RecalculationEvent } from '../../domain/population';
import type { ScoresStore } from '../scores-store';
import { keys, SK_PREFIX } from './keys';
import { registryIndex, registryWrites, type ShardedIndex } from './sharded-index';
import { DynamoTable, type DynamoTableOptions, type WriteRequest } from './table';

export class DynamoDbScoresStore implements ScoresStore {
  private readonly table: DynamoTable;
  private readonly registry: ShardedIndex;

  constructor(client: DynamoDBDocumentClient, tableName: string, options: DynamoTableOptions = {}) {
    this.table = new DynamoTable(client, tableName, options);
    this.registry = registryIndex(this.table);
  }

  /**
   * One Query for the keys already stored, then BatchWriteItem of the new readings only (25 a request,
   * unprocessed items retried): a 1 MiB CSV of ~29,000 readings is ~1,200 requests instead of one
   * conditional PutItem each. A reading is its key (time and values), so "new" means "key not stored".
   */
  async saveReadings(memberId: string, readings: readonly OfficialReading[]): Promise<OfficialReading[]> {
    if (readings.length === 0) return [];
    const pk = keys.member(memberId);
    const stored = await this.table.queryAll({
      ...this.prefixQuery(memberId, SK_PREFIX.official),
      ProjectionExpression: 'sk',
    });
    const seen = new Set(stored.map((item) => item.sk as string));
    const fresh: OfficialReading[] = [];
    const requests: WriteRequest[] = [];
    for (const reading of readings) {
      const sk = keys.official(reading.observedAt, reading.readingHash);
      if (seen.has(sk)) continue;
      seen.add(sk);
      fresh.push(reading);
      requests.push({ PutRequest: { Item: { pk, sk, reading } } });
    }
    await this.table.batchWrite(requests);
    return fresh;
  }

  async listReadings(memberId: string): Promise<OfficialReading[]> {
    const items = await this.table.queryAll(this.prefixQuery(memberId, SK_PREFIX.official));
    return items.map((item) => item.reading as OfficialReading);
  }

  writeEstimates(memberId: string, estimates: readonly DailyEstimate[]): Promise<number> {
    const pk = keys.member(memberId);
    return this.table.batchWrite(
      estimates.map((estimate) => ({
        PutRequest: { Item: { pk, sk: keys.estimate(estimate.day), estimate } },
      })),
    );
  }

  async readEstimates(memberId: string, from: Day, to: Day): Promise<DailyEstimate[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.member(memberId),
        ':from': keys.estimate(from),
        ':to': keys.estimate(to),
      },
    });
    return items.map((item) => item.estimate as DailyEstimate);
  }

  async saveCalibration(calibration: Calibration): Promise<void> {
    await this.table.put({ pk: keys.member(calibration.memberId), sk: keys.calibration(), calibration });
  }

  async loadCalibration(memberId: string): Promise<Calibration | undefined> {
    return (await this.table.get(keys.member(memberId), keys.calibration()))?.calibration as
      | Calibration
      | undefined;
  }

  async savePrior(prior: PopulationPrior): Promise<void> {
    await this.table.put({ pk: keys.population(), sk: keys.prior(), prior });
  }

  async loadPrior(): Promise<PopulationPrior | undefined> {
    return (await this.table.get(keys.population(), keys.prior()))?.prior as PopulationPrior | undefined;
  }

  async saveFindings(memberId: string, findings: readonly Finding[]): Promise<Finding[]> {
    const fresh: Finding[] = [];
    const pk = keys.member(memberId);
    for (const finding of findings) {
      const sk = keys.finding(finding.from, finding.type, finding.pillar);
      // Born resolved (history found in a backfill): nothing to announce.
      if (await this.putIfAbsent(pk, sk, { finding, published: finding.status === 'resolved' })) {
        fresh.push(finding);
        continue;
      }
      // A finding that grows or resolves keeps its identity and its publication; the lifecycle (the caller) keeps
      // its first detection. Erased meanwhile: nothing left to update.
      await this.table.client
        .send(
          new UpdateCommand({
            TableName: this.table.name,
            Key: { pk, sk },
            UpdateExpression: 'SET finding = :finding',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':finding': finding },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    }
    if (findings.length > 0) {
      const stale = (await this.listFindings(memberId)).filter((f) => f.type === 'STALE');
      await this.table.put({ pk, sk: keys.staleSummary(), stale });
    }
    return fresh;
  }

  async listUnpublishedFindings(memberId: string): Promise<Finding[]> {
    const items = await this.table.queryAll(this.prefixQuery(memberId, SK_PREFIX.finding));
    return items
      .filter((item) => item.published === false && (item.finding as Finding).status !== 'resolved')
      .map((item) => item.finding as Finding);
  }

  async markPublished(memberId: string, findings: readonly Finding[]): Promise<void> {
    const pk = keys.member(memberId);
    for (const finding of findings) {
      await this.table.client
        .send(
          new UpdateCommand({
            TableName: this.table.name,
            Key: { pk, sk: keys.finding(finding.from, finding.type, finding.pillar) },
            UpdateExpression: 'SET published = :true',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':true': true },
          }),
        )
        .catch((error: unknown) => {
          // Erased meanwhile: nothing left to mark.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    }
  }

  async listFindings(memberId: string): Promise<Finding[]> {
    const items = await this.table.queryAll(this.prefixQuery(memberId, SK_PREFIX.finding));
    return items.map((item) => item.finding as Finding);
  }

  /** One transaction: the entry in the member's shard, and a legacy `MEMBERS` entry moved out (idempotent). */
  async registerMember(memberId: string): Promise<void> {
    await this.table.client.send(
      new TransactWriteCommand({ TransactItems: registryWrites(this.table.name, memberId) }),
    );
  }

  /** The legacy partition, then the shards in order; one Query per partition visited. */
  async listMembersPage(limit: number, cursor?: string): Promise<{ memberIds: string[]; cursor?: string }> {
    const page = await this.registry.page(limit, cursor);
    return { memberIds: page.items.map((item) => item.memberId as string), cursor: page.cursor };
  }

  async listMembers(): Promise<string[]> {
    return (await this.registry.all()).map((item) => item.memberId as string);
  }

  async listRecalculations(): Promise<RecalculationEvent[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.population(), ':prefix': SK_PREFIX.recalculation },
    });
    return items.map((item) => item.event as RecalculationEvent);
  }

  async saveRecalculations(events: readonly RecalculationEvent[]): Promise<void> {
    for (const event of events)
      await this.table.put({ pk: keys.population(), sk: keys.recalculation(event.day, event.pillar), event });
  }

  private prefixQuery(memberId: string, prefix: string) {
    return {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.member(memberId), ':prefix': prefix },
    };
  }

  /** Conditional put: true when the item was created, false when it already existed. */
  private async putIfAbsent(pk: string, sk: string, attributes: Record<string, unknown>): Promise<boolean> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { pk, sk, ...attributes },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
