/**
 * `npm start`: the whole pipeline on this machine — DynamoDB Local, an S3 server, the ingest handler behind a
 * local S3 → queue router and the API handler behind a node:http adapter — loaded with the sample export.
 * `main` reads as the start-up steps in order; each step is a named function below.
 */
import { mkdir, rm } from 'node:fs/promises';
import { loadHandlersWithLocalEnv, loadLocalServices, type SweepHandler } from '../local/aws-env';
import { isProcessAlive, localConfigPath, readLocalConfig, writeLocalConfig } from '../local/config-file';
import { scheduleDailySweep } from '../local/daily-sweep';
import { formatDuration } from '../local/format';
import { assertPortFree, localWebApp, startHttpApi, WEB_APP_PATH } from '../local/http-api';
import { startLocalParts } from '../local/parts';
import { describeReconcile, leaseClearer, listUploads, reconcile } from '../local/reconcile';
import { createS3EventRouter, type S3EventRouter } from '../local/s3-events';
import { ENV } from '../shared/config/env';
import { completePendingScoring } from '../shared/scores/pending-scoring';
import { DynamoDbMemberLock } from '../shared/store/dynamodb/member-lock';
import { buildWebApp } from '../web/build';
import { HELP, parseStartOptions, type StartOptions } from './local-stack/options';
import { loadSample } from './local-stack/sample';

async function main(): Promise<void> {
  const started = Date.now();
  // The SDK's "Node 22 needed from 2027" notice is about Lambda's runtime, not this local tool; keep the output readable.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const options = parseStartOptions(process.argv.slice(2));
  if (!options) {
    process.stdout.write(HELP);
    return;
  }
  // The same PILLARWATCH_THRESHOLDS the CDK stack sets from context; validated when the handlers load.
  if (Object.keys(options.thresholds).length > 0)
    process.env[ENV.thresholds] = JSON.stringify(options.thresholds);
  await prepareDataDir(options);

  // Signals are handled from here on, so a Ctrl-C during start-up still stops the JVM.
  const shutdown = installShutdown(options.dataDir);
  try {
    const stack = await startParts(options, shutdown.onStop);
    printSummary(stack, Date.now() - started);
    if (options.sample) {
      // The stack is useful without the sample, so a failure here is a warning, not a reason to stop.
      await loadSample(stack).catch((error: unknown) =>
        console.warn(`⚠ Could not load the sample export: ${describe(error)}\n`),
      );
    }
    scheduleSweeps(stack, shutdown.onStop);
    serve(options);
  } catch (error) {
    await shutdown.stop(1, error);
  }
}

/** Refuses a data dir another live stack uses or a taken API port; wipes the dir for `--fresh`. */
async function prepareDataDir({ dataDir, port, fresh }: StartOptions): Promise<void> {
  const previous = await readLocalConfig(dataDir);
  if (previous && previous.pid !== process.pid && isProcessAlive(previous.pid)) {
    throw new Error(
      `A local stack is already running from ${dataDir} (pid ${previous.pid}, ${previous.apiUrl}).`,
    );
  }
  // Fail fast, before the JVM starts, when the API port is taken.
  await assertPortFree(port);
  if (fresh) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
}

/** The running parts, as the later steps need them. */
interface RunningStack {
  dataDir: string;
  apiUrl: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  bucket: string;
  table: string;
  router: { whenIdle(): Promise<void> };
  sweep: SweepHandler;
}

/**
 * Starts DynamoDB Local and the S3 server, puts the ingest handler behind the S3 event router and the API
 * handler behind HTTP, and writes `<data-dir>/local.json` for the CLI. Each part registers how to stop it.
 */
async function startParts(options: StartOptions, onStop: (task: StopTask) => void): Promise<RunningStack> {
  const { dataDir, port } = options;
  const parts = await startLocalParts({ dataDir });
  onStop(() => parts.stop());
  const handlers = await loadHandlersWithLocalEnv(parts);
  const router = createS3EventRouter({
    handler: handlers.ingest,
    deadLetterDir: dataDir,
    warn: (message) => console.warn(`⚠ ${message}`),
  });
  onStop(async () => router.close());
  // Before new uploads are routed: the leases it clears must all belong to the dead previous run.
  await reconcileWithBucket(parts, router);
  parts.onS3Event(router.route);
  const api = await startHttpApi({
    handler: handlers.api,
    port,
    log: (line) => console.log(`  api  ${line}`),
    // The same app CloudFront serves in AWS, built now with esbuild (well under a second), without sign-in.
    webApp: localWebApp(buildWebApp(), parts.s3Endpoint),
  });
  onStop(() => api.close());
  const stack = {
    dataDir,
    apiUrl: api.url,
    s3Endpoint: parts.s3Endpoint,
    dynamoEndpoint: parts.dynamoEndpoint,
    bucket: parts.bucketName,
    table: parts.tableName,
    router,
    sweep: handlers.sweep,
  };
  await writeLocalConfig(dataDir, {
    apiUrl: stack.apiUrl,
    s3Endpoint: stack.s3Endpoint,
    dynamoEndpoint: stack.dynamoEndpoint,
    bucket: stack.bucket,
    table: stack.table,
    pid: process.pid,
  });
  return stack;
}

/**
 * The previous run may have died mid-ingest (kill -9, a crash, a closed laptop): clear its leases, finish
 * half-applied exports and queue again every upload without a manifest, as SQS redelivers in AWS.
 */
async function reconcileWithBucket(
  parts: { bucketName: string; tableName: string },
  router: Pick<S3EventRouter, 'route'>,
): Promise<void> {
  const services = await loadLocalServices();
  const pending = {
    ...services.scores,
    lock: new DynamoDbMemberLock(services.documentClient, parts.tableName),
  };
  const report = await reconcile({
    bucket: parts.bucketName,
    uploads: () => listUploads(services.s3Client, parts.bucketName),
    registeredMembers: () => services.scores.scores.listMembers(),
    manifests: services.scores.activity,
    clearLease: leaseClearer(services.documentClient, parts.tableName),
    // Scoring a crashed ingest still owed (the COVERAGE marker), under the member's lease as in AWS.
    completePendingStages: async (memberId) =>
      (await completePendingScoring(pending, memberId)) !== undefined,
    enqueue: router.route,
  });
  for (const line of describeReconcile(report)) console.log(`  reconcile  ${line}`);
}

/** The daily sweep EventBridge runs in AWS: at once when a day was missed, then daily (local/daily-sweep.ts). */
function scheduleSweeps(stack: RunningStack, onStop: (task: StopTask) => void): void {
  const schedule = scheduleDailySweep({
    dataDir: stack.dataDir,
    // After the start-up's queued ingests, so the sweep sees what they wrote.
    run: async () => {
      await stack.router.whenIdle();
      return stack.sweep({});
    },
    log: (line) => console.log(`  sweep  ${line}`),
  });
  onStop(async () => schedule.stop());
}

/** Where everything runs, and that auth is off locally. */
function printSummary(stack: RunningStack, startupMs: number): void {
  console.log(
    [
      '',
      `pillarwatch local stack — ready in ${formatDuration(startupMs)}`,
      '  Auth is OFF locally: anyone who can reach 127.0.0.1 can read the API. (In AWS it is required.)',
      `  Web app   ${stack.apiUrl}${WEB_APP_PATH}  (no sign-in locally; the page says so)`,
      `  API       ${stack.apiUrl}`,
      `  S3        ${stack.s3Endpoint}  bucket ${stack.bucket} (key S3RVER / secret S3RVER)`,
      `  DynamoDB  ${stack.dynamoEndpoint}  table ${stack.table}`,
      `  Data      ${stack.dataDir}  (config for the CLI: ${localConfigPath(stack.dataDir)})`,
      '',
    ].join('\n'),
  );
}

/**
 * The stack now serves until a signal stops it (its servers keep the process alive; see installShutdown):
 * say how to upload an export and how to stop.
 */
function serve({ dataDirFlag }: StartOptions): void {
  console.log(
    [
      'Upload your own export:',
      `  npx pillarwatch upload path/to/Basic_LinkedInDataExport.zip --member <id>${dataDirFlag === undefined ? '' : ` --data-dir ${dataDirFlag}`}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

type StopTask = () => Promise<void>;

/**
 * Ctrl-C / SIGTERM stop the API, the S3 server and the DynamoDB JVM (the tasks run newest first) and remove
 * local.json; a second Ctrl-C exits at once.
 */
function installShutdown(dataDir: string) {
  const tasks: StopTask[] = [];
  let stopping = false;
  const stop = async (code: number, error?: unknown) => {
    if (stopping) process.exit(code);
    stopping = true;
    if (error) console.error(`Error: ${describe(error)}`);
    else console.log('\nStopping…');
    for (const task of tasks)
      await task().catch((reason: unknown) => console.error(`  (while stopping: ${describe(reason)})`));
    await rm(localConfigPath(dataDir), { force: true });
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));
  return { stop, onStop: (task: StopTask) => void tasks.unshift(task) };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

main().catch((error: unknown) => {
  console.error(`Error: ${describe(error)}`);
  process.exit(1);
});
