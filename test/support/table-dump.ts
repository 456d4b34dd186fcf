import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableIfAbsent } from '../../local/parts';
import type { IngestManifest } from '../../shared/domain/manifest';
import type { Coverage } from '../../shared/domain/merge';
import { keys, SK_PREFIX } from '../../shared/store/dynamodb/keys';
import { DynamoTable, type Item } from '../../shared/store/dynamodb/table';

/** A document client for the run's DynamoDB Local (the endpoint comes from `inject('dynamoEndpoint')`). */
export const localDocumentClient = (endpoint: string): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );

const tableClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

/** A table of a test file's own on the run's DynamoDB Local, defined as the stack defines it (`local/parts.ts`). */
export async function createLocalTable(endpoint: string, tableName: string): Promise<void> {
  const client = tableClient(endpoint);
  try {
    await createTableIfAbsent(client, tableName);
  } finally {
    client.destroy();
  }
}

/** Drops a test file's table, so the in-memory DynamoDB Local does not carry every file's items to the end. */
export async function deleteLocalTable(endpoint: string, tableName: string): Promise<void> {
  const client = tableClient(endpoint);
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } finally {
    client.destroy();
  }
}

/** What differs between two runs that stored the same thing: timing, and the cost of a retry that redid less. */
const VOLATILE_MANIFEST_FIELDS = ['startedAt', 'finishedAt', 'durationMs', 'writeRequests', 'daysWritten'];

/**
 * Every item of one member (one partition: a Query reads exactly what a Scan filtered on `pk` would),
 * normalised so that two members holding the same data compare equal:
 * - the member id becomes `<member>` everywhere (keys, manifests, object keys);
 * - manifests lose their timing and cost fields, and their sort key its start time;
 * - COVERAGE lists its exports by fingerprint (the list's order carries no meaning, the merge reads it as a set).
 * Items come sorted by sort key, manifests by their remaining content.
 */
export async function dumpMember(
  client: DynamoDBDocumentClient,
  tableName: string,
  memberId: string,
): Promise<Item[]> {
  const items = await new DynamoTable(client, tableName).queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.member(memberId) },
    ConsistentRead: true,
  });
  const anonymous = JSON.parse(JSON.stringify(items).replaceAll(memberId, '<member>')) as Item[];
  return anonymous.map(normalise).sort((a, b) => {
    const bySk = String(a.sk).localeCompare(String(b.sk));
    return bySk !== 0 ? bySk : JSON.stringify(a).localeCompare(JSON.stringify(b));
  });
}

/**
 * The member's stored state without its manifests (nor the newest one's copy, `LATEST_INGEST`): days, coverage,
 * profile (and a lock, if one was left).
 */
export const stateOf = (dump: readonly Item[]): Item[] =>
  dump.filter((item) => !String(item.sk).startsWith(SK_PREFIX.ingest) && item.sk !== keys.latestIngest());

export const manifestsOf = (dump: readonly Item[]): IngestManifest[] =>
  dump
    .filter((item) => String(item.sk).startsWith(SK_PREFIX.ingest))
    .map((item) => item.manifest as IngestManifest);

const normalise = (item: Item): Item => {
  const sk = String(item.sk);
  if (sk === keys.coverage()) {
    const exports = [...(item.exports as Coverage['exports'])];
    // The manifests waiting for owed scoring are named by their start times: the owed day is the state.
    const pending = item.pendingScoring as Coverage['pendingScoring'];
    return {
      ...item,
      exports: exports.sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)),
      ...(pending ? { pendingScoring: { from: pending.from } } : {}),
    };
  }
  if (sk.startsWith(SK_PREFIX.ingest)) {
    const manifest = { ...(item.manifest as Record<string, unknown>) };
    for (const field of VOLATILE_MANIFEST_FIELDS) delete manifest[field];
    return { ...item, sk: `${SK_PREFIX.ingest}${manifest.objectKey as string}`, manifest };
  }
  if (sk === keys.latestIngest()) {
    // The newest manifest's copy, named like it by its start time: the object key is the state.
    const { startedAt: _, position, ...latest } = item;
    return { ...latest, ...(position ? { position: String(position).split('#').slice(2).join('#') } : {}) };
  }
  return item;
};
