import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, inject } from 'vitest';
import { type ApiHandler, type IngestHandler, loadHandlersWithLocalEnv } from '../../local/aws-env';
import { writeLocalConfig } from '../../local/config-file';
import { localWebApp, startHttpApi } from '../../local/http-api';
import { startS3Server } from '../../local/parts';
import { createS3EventRouter, type Delivery } from '../../local/s3-events';
import { localS3Client, uploadObject } from '../../local/upload';
import { EXPORTS_PREFIX } from '../../shared/store/layout';
import type { WebAppFiles } from '../../web/build';
import { createLocalTable, deleteLocalTable } from './table-dump';

export interface LocalStackOptions {
  /** Stand-ins for the Lambda handlers; the real `functions/*` modules are imported for those left out. */
  handlers?: { ingest?: IngestHandler; api?: ApiHandler };
  /** Local queue settings (defaults: 5 receives, 10 ms backoff so failing tests stay fast). */
  maxReceives?: number;
  backoffMs?: number;
  /** Where dead letters go; undefined ⇒ only a warning. */
  deadLetterDir?: string;
  /** Serve this built web app at /app/, as `npm start` does. */
  webApp?: WebAppFiles;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The parsed body, undefined when it is empty or not JSON. */
  json: unknown;
  text: string;
}

export interface LocalStack {
  tableName: string;
  bucketName: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  apiUrl: string;
  /** An SDK client for the test's S3 server. */
  s3: S3Client;
  /**
   * Uploads with the real SDK, which fires the S3 event → local queue → ingest handler. Default key:
   * `exports/<memberId>/<file name or upload-N.zip>`. Returns the key; `waitForIdle()` waits for the ingest.
   */
  upload(memberId: string, fileOrBuffer: string | Uint8Array, key?: string): Promise<string>;
  /** Resolves when the local queue has delivered everything (including redeliveries and dead letters). */
  waitForIdle(): Promise<void>;
  /** GET (or `init.method`) against the local API. */
  api(path: string, init?: RequestInit): Promise<ApiResponse>;
  /** Writes `<dataDir>/local.json` for this stack, so the CLI finds it as it finds `npm start`'s. */
  writeCliConfig(dataDir: string): Promise<void>;
  /** Every SQS-shaped delivery to the ingest handler so far, in order. */
  deliveries: readonly Delivery[];
  stop(): Promise<void>;
}

/**
 * Starts what a test file needs on top of the run's shared DynamoDB Local (from the global setup): a table of
 * its own, an S3 server with the event router in front of the ingest handler, and the HTTP API in front of
 * the API handler.
 *
 * The table is the stack's own (created as the CDK stack defines it, dropped on stop), so whatever scans or
 * sweeps the table (the erasure test, the sweep, the privacy scan) reads this file's members only, not every
 * item the run's other files wrote: its time does not grow with the files that happened to run before it.
 *
 * The environment is set before the handler modules are imported, because their SDK clients read it at
 * module scope. Vitest isolates modules per test file, so use one stack per test file (and give each test
 * its own member ids so that the tests of a file don't see each other's data).
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dynamoEndpoint = inject('dynamoEndpoint');
  const tableName = `stack-${randomUUID()}`;
  await createLocalTable(dynamoEndpoint, tableName);
  const stops: (() => Promise<void>)[] = [() => deleteLocalTable(dynamoEndpoint, tableName)];
  const stopAll = async () => {
    for (const stop of stops.splice(0)) await stop();
  };
  try {
    const s3Server = await startS3Server();
    stops.unshift(() => s3Server.stop());
    const endpoints = {
      dynamoEndpoint,
      s3Endpoint: s3Server.endpoint,
      tableName,
      bucketName: s3Server.bucketName,
    };
    // The same handlers and route-to-function dispatch as `npm start`; stand-ins replace them where given.
    const loaded = await loadHandlersWithLocalEnv(endpoints);
    const ingest = options.handlers?.ingest ?? loaded.ingest;
    const apiHandler = options.handlers?.api ?? loaded.api;

    const router = createS3EventRouter({
      handler: ingest,
      maxReceives: options.maxReceives,
      backoffMs: options.backoffMs ?? 10,
      deadLetterDir: options.deadLetterDir,
      warn: () => {},
    });
    stops.unshift(async () => router.close());
    const unsubscribe = s3Server.onEvent(router.route);
    stops.unshift(async () => unsubscribe());

    const http = await startHttpApi({
      handler: apiHandler,
      webApp: options.webApp && localWebApp(options.webApp, s3Server.endpoint),
    });
    stops.unshift(() => http.close());
    const s3 = localS3Client(s3Server.endpoint);
    stops.unshift(async () => s3.destroy());

    let uploads = 0;
    return {
      ...endpoints,
      apiUrl: http.url,
      s3,
      async upload(memberId, fileOrBuffer, key) {
        uploads += 1;
        const name = typeof fileOrBuffer === 'string' ? basename(fileOrBuffer) : `upload-${uploads}.zip`;
        const objectKey = key ?? `${EXPORTS_PREFIX}${memberId}/${name}`;
        await uploadObject({ client: s3, bucket: s3Server.bucketName, key: objectKey, body: fileOrBuffer });
        return objectKey;
      },
      waitForIdle: () => router.whenIdle(),
      async api(path, init) {
        const response = await fetch(`${http.url}${path}`, init);
        const text = await response.text();
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        return { status: response.status, headers: response.headers, json, text };
      },
      async writeCliConfig(dataDir) {
        await writeLocalConfig(dataDir, {
          apiUrl: http.url,
          s3Endpoint: s3Server.endpoint,
          dynamoEndpoint,
          bucket: s3Server.bucketName,
          table: tableName,
          pid: process.pid,
        });
      },
      deliveries: router.deliveries,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * `startLocalStack` wired to the file's `beforeAll`/`afterAll`. The returned object can be captured at
 * module level; its members are usable once `beforeAll` has run (i.e. inside tests).
 */
export function useLocalStack(options: LocalStackOptions = {}): LocalStack {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startLocalStack(options);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  const started = (): LocalStack => {
    if (!stack)
      throw new Error('useLocalStack(): the stack is only available inside tests (after beforeAll)');
    return stack;
  };
  return {
    get tableName() {
      return started().tableName;
    },
    get bucketName() {
      return started().bucketName;
    },
    get dynamoEndpoint() {
      return started().dynamoEndpoint;
    },
    get s3Endpoint() {
      return started().s3Endpoint;
    },
    get apiUrl() {
      return started().apiUrl;
    },
    get s3() {
      return started().s3;
    },
    get deliveries() {
      return started().deliveries;
    },
    upload: (...args) => started().upload(...args),
    waitForIdle: () => started().waitForIdle(),
    api: (...args) => started().api(...args),
    writeCliConfig: (dataDir) => started().writeCliConfig(dataDir),
    stop: () => started().stop(),
  };
}
