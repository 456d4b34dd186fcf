import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Day, DayActivity } from '../../domain/kinds';
import type { IngestManifest, ScoringStage } from '../../domain/manifest';
import type { Coverage } from '../../domain/merge';
import type { ProfileSnapshot } from '../../domain/profile';
import { type ActivityStore, type LatestIngests, latestIngestDay } from '../activity-store';
import { keys, SK_PREFIX } from './keys';
import { DynamoTable, type DynamoTableOptions } from './table';

/** The activity part of the single table (layout in `keys.ts` and docs/architecture.md). */
export class DynamoDbActivityStore implements ActivityStore, LatestIngests {
  private readonly table: DynamoTable;

  constructor(client: DynamoDBDocumentClient, tableName: string, options: DynamoTableOptions = {}) {
    this.table = new DynamoTable(client, tableName, options);
  }

  /** Housekeeping items (a lease, an erasure's tombstone) do not make a member. */
  async memberExists(memberId: string): Promise<boolean> {
    const { items } = await this.table.query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.member(memberId) },
      // With both housekeeping items among them, the third item is the member's.
      Limit: 3,
      ProjectionExpression: 'sk',
    });
    return items.some((item) => item.sk !== keys.lock() && item.sk !== keys.erased());
  }

  async readDays(memberId: string, from: Day, to: Day, limit?: number): Promise<DayActivity[]> {
    const items = await this.table.queryAll(
      {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.member(memberId),
          ':from': keys.day(from),
          ':to': keys.day(to),
        },
        // The ingest plans its merge from these days: it must see the previous ingest's writes.
        ConsistentRead: true,
      },
      limit,
    );
    return items.map((item) => ({
      day: item.day as Day,
      counts: (item.counts ?? {}) as DayActivity['counts'],
      signals: (item.signals ?? {}) as DayActivity['signals'],
    }));
  }

  writeDays(memberId: string, puts: readonly DayActivity[], deletes: readonly Day[]): Promise<number> {
    const pk = keys.member(memberId);
    return this.table.batchWrite([
      ...puts.map((d) => ({
        PutRequest: { Item: { pk, sk: keys.day(d.day), day: d.day, counts: d.counts, signals: d.signals } },
      })),
      ...deletes.map((day) => ({ DeleteRequest: { Key: { pk, sk: keys.day(day) } } })),
    ]);
  }

  async loadCoverage(memberId: string): Promise<Coverage> {
    const item = await this.table.get(keys.member(memberId), keys.coverage());
    const coverage: Coverage = { exports: (item?.exports ?? []) as Coverage['exports'] };
    if (item?.pendingScoring) coverage.pendingScoring = item.pendingScoring as Coverage['pendingScoring'];
    return coverage;
  }

  async saveCoverage(memberId: string, coverage: Coverage): Promise<void> {
    await this.table.put({
      pk: keys.member(memberId),
      sk: keys.coverage(),
      exports: coverage.exports,
      ...(coverage.pendingScoring ? { pendingScoring: coverage.pendingScoring } : {}),
    });
  }

  async loadProfile(memberId: string): Promise<ProfileSnapshot | undefined> {
    const item = await this.table.get(keys.member(memberId), keys.profile());
    return item?.profile as ProfileSnapshot | undefined;
  }

  async saveProfile(memberId: string, profile: ProfileSnapshot): Promise<void> {
    await this.table.put({ pk: keys.member(memberId), sk: keys.profile(), profile });
  }

  /** The manifest, and the member's latest-ingest item when it is the newest (the team page reads those). */
  async saveManifest(manifest: IngestManifest): Promise<void> {
    await this.table.put({
      pk: keys.member(manifest.memberId),
      sk: keys.ingest(manifest.startedAt, manifest.objectKey),
      manifest,
    });
    await this.writeLatestIngest(manifest.memberId, manifest, 'newer');
  }

  async latestIngestDays(memberIds: readonly string[]): Promise<Map<string, Day | null>> {
    const items = await this.table.batchGet(
      memberIds.map((memberId) => ({ pk: keys.member(memberId), sk: keys.latestIngest() })),
    );
    return new Map(
      items.map((item) => [
        (item.pk as string).slice(keys.member('').length),
        latestIngestDay(item as Partial<IngestManifest>),
      ]),
    );
  }

  /** Starts tracking the member's newest manifest when nothing tracks it yet (members from before tracking). */
  async trackLatestIngest(memberId: string): Promise<void> {
    if (await this.table.get(keys.member(memberId), keys.latestIngest())) return;
    const [latest] = await this.listManifests(memberId, 1);
    // A manifest saved meanwhile wrote the item first: it is newer, keep it.
    await this.writeLatestIngest(memberId, latest, 'absent');
  }

  /**
   * Writes the latest-ingest item (an update, so the manifest stays the ingest's only put): over an older one
   * (`newer`), or only where there is none yet (`absent`). A failed condition means a newer one is kept.
   */
  private async writeLatestIngest(
    memberId: string,
    manifest: Pick<IngestManifest, 'startedAt' | 'objectKey' | 'exportedAt'> | undefined,
    when: 'newer' | 'absent',
  ): Promise<void> {
    const position = manifest && keys.ingest(manifest.startedAt, manifest.objectKey);
    const set = ['memberId = :member'];
    const values: Record<string, unknown> = { ':member': memberId };
    if (manifest) {
      set.push('#position = :position', 'startedAt = :startedAt');
      Object.assign(values, { ':position': position, ':startedAt': manifest.startedAt });
      if (manifest.exportedAt !== undefined) {
        set.push('exportedAt = :exportedAt');
        values[':exportedAt'] = manifest.exportedAt;
      }
    }
    const stale = manifest?.exportedAt === undefined ? ' REMOVE exportedAt' : '';
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: { pk: keys.member(memberId), sk: keys.latestIngest() },
          UpdateExpression: `SET ${set.join(', ')}${stale}`,
          ConditionExpression:
            when === 'absent'
              ? 'attribute_not_exists(pk)'
              : 'attribute_not_exists(#position) OR #position <= :position',
          ...(manifest || when === 'newer' ? { ExpressionAttributeNames: { '#position': 'position' } } : {}),
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async updateManifestScoring(memberId: string, position: string, scoring: ScoringStage): Promise<boolean> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: { pk: keys.member(memberId), sk: `${SK_PREFIX.ingest}${position}` },
          UpdateExpression: 'SET manifest.scoring = :scoring',
          // Never recreate a manifest an erasure removed.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':scoring': scoring },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async listManifests(memberId: string, limit: number, before?: string): Promise<IngestManifest[]> {
    const { items } = await this.table.query({
      KeyConditionExpression: before
        ? 'pk = :pk AND sk BETWEEN :prefix AND :before'
        : 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.member(memberId),
        ':prefix': SK_PREFIX.ingest,
        ...(before ? { ':before': `${SK_PREFIX.ingest}${before}` } : {}),
      },
      ScanIndexForward: false,
      // BETWEEN is inclusive: one more, and the page's anchor is dropped below.
      Limit: before ? limit + 1 : limit,
    });
    if (before)
      return items
        .filter((item) => item.sk !== `${SK_PREFIX.ingest}${before}`)
        .slice(0, limit)
        .map((item) => item.manifest as IngestManifest);
    return items.map((item) => item.manifest as IngestManifest);
  }
}
