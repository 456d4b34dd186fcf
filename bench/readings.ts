/**
 * `npx tsx bench/readings.ts [--rows <n>] [--skip-before]`: storing a readings CSV at the 1 MiB upload cap
 * in DynamoDB Local, before and after batching.
 *   - before: one conditional PutItem per reading (how `saveReadings` stored them until #8)
 *   - after:  `DynamoDbScoresStore.saveReadings` (one keys-only Query, BatchWriteItem of the new readings)
 *   - again:  the same file once more (every reading already stored: the Query alone)
 * Each step uses its own member; figures go to docs/benchmarks.md.
 */
import { parseArgs } from 'node:util';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../local/parts';
import type { OfficialReading } from '../shared/domain/pillars';
import { MAX_READINGS_UPLOAD_BYTES, parseReadingsUpload } from '../shared/readings/parse';
import { keys } from '../shared/store/dynamodb/keys';
import { DynamoDbScoresStore } from '../shared/store/dynamodb/scores-store';

const { values } = parseArgs({
  options: { rows: { type: 'string' }, 'skip-before': { type: 'boolean', default: false } },
});

/** One reading a minute from 2024-01-01: `2024-01-01T00:00Z,40,10,10,10,10` is 33 bytes a row. */
const readingsCsv = (rows: number): string => {
  const lines = ['date,overall,brand,people,insights,relationships'];
  for (let i = 0; i < rows; i++) {
    const at = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().slice(0, 16);
    lines.push(`${at}Z,40,10,10,10,10`);
  }
  return `${lines.join('\n')}\n`;
};

const main = async () => {
  const rows = Number(values.rows ?? 31_000);
  const csv = readingsCsv(rows);
  const bytes = Buffer.byteLength(csv);
  if (bytes > MAX_READINGS_UPLOAD_BYTES) throw new Error(`${bytes} bytes is above the upload cap`);
  const receivedAt = new Date().toISOString();
  const parse = (memberId: string) => parseReadingsUpload(memberId, 'h.csv', csv, { receivedAt }).readings;
  const dynamo = await startDynamoDbLocal();
  try {
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      }),
    );
    const store = new DynamoDbScoresStore(client, dynamo.tableName);
    const time = async (run: () => Promise<number>) => {
      const started = performance.now();
      const stored = await run();
      return { seconds: (performance.now() - started) / 1000, stored };
    };
    console.log(`${parse('x').length} readings, ${bytes} bytes (cap ${MAX_READINGS_UPLOAD_BYTES})`);
    if (!values['skip-before']) {
      const before = await time(async () => {
        let stored = 0;
        for (const reading of parse('before'))
          if (await putIfAbsent(client, dynamo.tableName, reading)) stored++;
        return stored;
      });
      console.log(`before (PutItem each): ${before.seconds.toFixed(1)} s, ${before.stored} stored`);
    }
    const after = await time(async () => (await store.saveReadings('after', parse('after'))).length);
    console.log(`after (Query + BatchWriteItem): ${after.seconds.toFixed(1)} s, ${after.stored} stored`);
    const again = await time(async () => (await store.saveReadings('after', parse('after'))).length);
    console.log(`same file again: ${again.seconds.toFixed(1)} s, ${again.stored} stored`);
  } finally {
    await dynamo.stop();
  }
};

/** The pre-#8 path, kept here as the baseline: one conditional PutItem per reading. */
const putIfAbsent = async (client: DynamoDBDocumentClient, table: string, reading: OfficialReading) => {
  try {
    await client.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: keys.member(reading.memberId),
          sk: keys.official(reading.observedAt, reading.readingHash),
          reading,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

void main();
