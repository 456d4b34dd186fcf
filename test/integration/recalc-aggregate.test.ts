import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import { type AggregateCell, memberContribution } from '../../shared/findings/recalculation-aggregate';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { DynamoDbRecalcAggregate } from '../../shared/store/dynamodb/recalc-aggregate';
import { MemoryRecalcAggregate } from '../support/memory-recalc-aggregate';
import { dayRange, START, teamMember } from '../support/recalculation-team';
import { createLocalTable, localDocumentClient } from '../support/table-dump';

// A table of its own: the aggregate is deployment-wide.
const tableName = `recalc-agg-${process.pid}`;
const crashTable = `recalc-agg-crash-${process.pid}`;
const client = localDocumentClient(inject('dynamoEndpoint'));
const SINCE = addDays(START, -400);
const TO = addDays(START, 200);

beforeAll(async () => {
  await createLocalTable(inject('dynamoEndpoint'), tableName);
  await createLocalTable(inject('dynamoEndpoint'), crashTable);
});

/** Cells without the zero counts DynamoDB keeps after a pair left (ADD of −1 leaves 0). */
const normal = (cells: AggregateCell[]) =>
  cells.map((cell) => ({
    ...cell,
    z: nonZero(cell.z),
    shift: nonZero(cell.shift),
    arrivals: nonZero(cell.arrivals),
  }));
const nonZero = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));

const pairsOf = (memberId: string, days: number[]) =>
  memberContribution(memberId, teamMember(memberId, days), DEFAULT_THRESHOLDS, SINCE);

describe('the RECALCULATION aggregate in DynamoDB', () => {
  it('holds the same cells as the in-memory fake through replacements, and a repeat changes nothing', async () => {
    const store = new DynamoDbRecalcAggregate(client, tableName);
    const fake = new MemoryRecalcAggregate();
    // Enough pairs for several transactions (99 cells each), then a history that grows and one that shrinks.
    const steps: [string, number[]][] = [
      ['a', dayRange(0, 60)],
      ['b', dayRange(0, 40, 2)],
      ['a', dayRange(0, 90)],
      ['b', dayRange(10, 30)],
    ];
    for (const [memberId, days] of steps) {
      const pairs = pairsOf(memberId, days);
      expect(await store.replaceContribution(memberId, pairs)).toBe(
        await fake.replaceContribution(memberId, pairs),
      );
    }
    expect(normal(await store.readCells(SINCE, TO))).toEqual(normal(await fake.readCells(SINCE, TO)));
    expect(await store.replaceContribution('a', pairsOf('a', dayRange(0, 90)))).toBe(0);
  });

  it('finishes a change a crash left half-applied, counting each chunk once', async () => {
    const crashing = new DynamoDbRecalcAggregate(client, crashTable);
    const fake = new MemoryRecalcAggregate();
    const pairs = pairsOf('crash', dayRange(0, 80));
    // The first transaction goes through, then the process dies: every later one fails.
    const send = client.send.bind(client);
    let transactions = 0;
    const flaky = new Proxy(client, {
      get: (target, property) =>
        property === 'send'
          ? async (command: unknown) => {
              if (command instanceof TransactWriteCommand && ++transactions > 1) throw new Error('crash');
              return send(command as never);
            }
          : Reflect.get(target, property),
    });
    await expect(
      new DynamoDbRecalcAggregate(flaky, crashTable).replaceContribution('crash', pairs),
    ).rejects.toThrow('crash');
    // The next evaluation (same readings) completes the journal and has nothing of its own to add.
    expect(await crashing.replaceContribution('crash', pairs)).toBe(0);
    await fake.replaceContribution('crash', pairs);
    expect(normal(await crashing.readCells(SINCE, TO))).toEqual(normal(await fake.readCells(SINCE, TO)));
    expect((await fake.readCells(SINCE, TO)).length).toBeGreaterThan(99);
  });
});
