import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { addDays } from '../../domain/days';
import type { Day } from '../../domain/kinds';
import type { FindingScope } from '../../domain/pillars';
import {
  type AggregateCell,
  contributionDelta,
  contributionKey,
  type PairContribution,
} from '../../findings/recalculation-aggregate';
import { backoffDelay } from '../../retry';
import type { RecalcAggregateStore } from '../recalc-aggregate';
import { keys } from './keys';
import { DynamoTable, type Item } from './table';

/** A transaction holds at most 100 actions: the member item's marker and 99 cells. */
const CELLS_PER_TRANSACTION = 99;
/** Two members' transactions on one cell at the same moment conflict; the loser retries after a pause. */
const CONFLICT_ATTEMPTS = 6;
const HISTOGRAMS = { z: 'z:', shift: 's:', arrivals: 'a:' } as const;

const decodePair = (encoded: string): PairContribution => {
  const [scope, firstDay, lastDay, zBin, shiftBin, arrivedHour] = encoded.split('|') as string[];
  return {
    scope: scope as FindingScope,
    firstDay: firstDay as Day,
    lastDay: lastDay as Day,
    zBin: Number(zBin),
    ...(shiftBin ? { shiftBin: Number(shiftBin) } : {}),
    arrivedHour: arrivedHour as string,
  };
};

interface Pending {
  token: string;
  cells: AggregateCell[];
  next: string[];
  done: Set<number>;
}

/**
 * The aggregate in the single table. A change is journalled first (the member item holds the delta and a
 * token), then applied in transactions of ≤ 99 cells each, every one also marking its chunk done on the member
 * item under a condition, so a chunk is applied once whatever crashes; the last step swaps in the new pairs.
 */
export class DynamoDbRecalcAggregate implements RecalcAggregateStore {
  private readonly table: DynamoTable;

  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.table = new DynamoTable(client, tableName);
  }

  async replaceContribution(memberId: string, pairs: readonly PairContribution[]): Promise<number> {
    const key = { pk: keys.member(memberId), sk: keys.recalcPairs() };
    const item = await this.table.get(key.pk, key.sk);
    let stored = (item?.pairs as string[] | undefined) ?? [];
    const unfinished = item?.token
      ? (item as unknown as Omit<Pending, 'done'> & { done?: Set<number> })
      : undefined;
    if (unfinished) {
      await this.apply(key, { ...unfinished, done: new Set(unfinished.done ?? []) });
      stored = unfinished.next;
    }
    const next = pairs.map(contributionKey).sort();
    const cells = contributionDelta(stored.map(decodePair), pairs);
    if (cells.length === 0) {
      // Same counts; only the stored order or a finished journal may differ.
      if (unfinished || stored.join('\n') !== next.join('\n')) await this.finish(key, next);
      return 0;
    }
    const pending: Pending = { token: crypto.randomUUID(), cells, next, done: new Set() };
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: key,
        UpdateExpression: 'SET #token = :token, cells = :cells, #next = :next REMOVE done',
        ExpressionAttributeNames: { '#token': 'token', '#next': 'next' },
        ExpressionAttributeValues: { ':token': pending.token, ':cells': cells, ':next': next },
      }),
    );
    await this.apply(key, pending);
    return cells.length;
  }

  async readCells(from: Day, to: Day): Promise<AggregateCell[]> {
    const cells: AggregateCell[] = [];
    for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month)) {
      const items = await this.table.queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.recalcAggregate(month),
          ':from': keys.recalcCell(from, ''),
          ':to': keys.recalcCell(addDays(to, 1), ''),
        },
      });
      cells.push(...items.map(cellOf).filter((cell) => cell.day >= from && cell.day <= to));
    }
    return cells;
  }

  private async apply(key: { pk: string; sk: string }, pending: Pending): Promise<void> {
    for (let start = 0, chunk = 0; start < pending.cells.length; start += CELLS_PER_TRANSACTION, chunk++) {
      if (pending.done.has(chunk)) continue;
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        {
          Update: {
            TableName: this.table.name,
            Key: key,
            UpdateExpression: 'ADD done :chunk',
            ConditionExpression: '#token = :token AND NOT contains(done, :index)',
            ExpressionAttributeNames: { '#token': 'token' },
            ExpressionAttributeValues: {
              ':token': pending.token,
              ':chunk': new Set([chunk]),
              ':index': chunk,
            },
          },
        },
        ...pending.cells.slice(start, start + CELLS_PER_TRANSACTION).map((cell) => ({
          Update: { TableName: this.table.name, ...cellUpdate(cell) },
        })),
      ];
      await this.transact(items);
    }
    await this.finish(key, pending.next);
  }

  private async finish(key: { pk: string; sk: string }, next: readonly string[]): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: key,
        UpdateExpression: 'SET pairs = :pairs REMOVE #token, cells, #next, done',
        ExpressionAttributeNames: { '#token': 'token', '#next': 'next' },
        ExpressionAttributeValues: { ':pairs': next },
      }),
    );
  }

  /** Applied, or already applied by an earlier attempt (its marker's condition fails); conflicts are retried. */
  private async transact(items: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.table.client.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = error.CancellationReasons?.map((reason) => reason.Code) ?? [];
        if (codes[0] === 'ConditionalCheckFailed') return;
        if (!codes.includes('TransactionConflict') || attempt + 1 >= CONFLICT_ATTEMPTS) throw error;
        await this.sleep(backoffDelay({ baseMs: 20, capMs: 1_000, jitter: true }, attempt));
      }
    }
  }
}

/** ADD of every count of a delta cell (ADD creates the item and the attributes it lacks). */
const cellUpdate = (cell: AggregateCell) => {
  const names: Record<string, string> = { '#day': 'day', '#scope': 'scope' };
  const values: Record<string, unknown> = { ':day': cell.day, ':scope': cell.scope };
  const adds: string[] = [];
  const add = (attribute: string, by: number) => {
    if (by === 0) return;
    const i = adds.length;
    names[`#a${i}`] = attribute;
    values[`:v${i}`] = by;
    adds.push(`#a${i} :v${i}`);
  };
  add('members', cell.members);
  add('up', cell.up);
  add('down', cell.down);
  for (const [field, prefix] of Object.entries(HISTOGRAMS) as [keyof typeof HISTOGRAMS, string][])
    for (const [bin, by] of Object.entries(cell[field])) add(`${prefix}${bin}`, by);
  return {
    Key: { pk: keys.recalcAggregate(cell.day), sk: keys.recalcCell(cell.day, cell.scope) },
    UpdateExpression: `SET #day = :day, #scope = :scope${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};

const cellOf = (item: Item): AggregateCell => {
  const histogram = (prefix: string) =>
    Object.fromEntries(
      Object.entries(item)
        .filter(([name]) => name.startsWith(prefix))
        .map(([name, count]) => [name.slice(prefix.length), Number(count)]),
    );
  return {
    day: item.day as Day,
    scope: item.scope as FindingScope,
    members: Number(item.members ?? 0),
    up: Number(item.up ?? 0),
    down: Number(item.down ?? 0),
    z: histogram(HISTOGRAMS.z),
    shift: histogram(HISTOGRAMS.shift),
    arrivals: histogram(HISTOGRAMS.arrivals),
  };
};

const nextMonth = (month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
};
