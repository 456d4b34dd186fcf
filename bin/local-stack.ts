/**
 * `npm start`: the whole pipeline on this machine — DynamoDB Local, an S3 server, the ingest handler behind a
 * local S3 → queue router and the API handler behind a node:http adapter — loaded with the sample export.
 */
import { mkdir, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadHandlersWithLocalEnv } from '../local/aws-env';
import {
  DEFAULT_DATA_DIR,
  isProcessAlive,
  localConfigPath,
  readLocalConfig,
  writeLocalConfig,
} from '../local/config-file';
import {
  type FindingLine,
  formatDuration,
  formatFindings,
  formatManifest,
  manifestsFromResponse,
} from '../local/format';
import { assertPortFree, startHttpApi } from '../local/http-api';
import { startLocalParts } from '../local/parts';
import { createS3EventRouter } from '../local/s3-events';
import { localS3Client, uploadObject } from '../local/upload';
import { ENV } from '../shared/config/env';
import { addDays } from '../shared/domain/days';
import type { IngestManifest } from '../shared/domain/manifest';
import { EXPORTS_PREFIX } from '../shared/store/layout';

const SAMPLE_MEMBER = 'sample';

/** Command-line flags for the finding thresholds, and the threshold each sets. */
const THRESHOLD_FLAGS = [
  ['stale-days', 'staleDays'],
  ['min-delta', 'minDelta'],
  ['min-active-days', 'minActiveDays'],
  ['divergent-pillar', 'divergentPillar'],
  ['divergent-total', 'divergentTotal'],
  ['divergent-runs', 'divergentRuns'],
] as const;

const HELP = `Usage: npm start -- [options]

Runs pillarwatch locally: DynamoDB Local, an S3-compatible server and the API on 127.0.0.1, with the
same handlers as in AWS. Uploads under ${EXPORTS_PREFIX}<memberId>/…zip are ingested as they arrive.

Options:
  --port <n>        API port (default 3000; the other ports are picked free)
  --data-dir <dir>  where data is kept between runs (default ${DEFAULT_DATA_DIR})
  --fresh           wipe the data dir first
  --no-sample       do not load the bundled sample export and its official readings
  --stale-days <n>  findings thresholds (defaults in docs/findings.md); also --min-delta <points>,
  --min-active-days <n>, --divergent-pillar <points>, --divergent-total <points>, --divergent-runs <n>
  --help            show this help
`;

class UsageError extends Error {}

async function main(): Promise<void> {
  const started = Date.now();
  // The SDK's "Node 22 needed from 2027" notice is about Lambda's runtime, not this local tool; keep the output readable.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3000' },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      fresh: { type: 'boolean', default: false },
      'no-sample': { type: 'boolean', default: false },
      ...Object.fromEntries(THRESHOLD_FLAGS.map(([flag]) => [flag, { type: 'string' as const }])),
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new UsageError(`--port must be 1–65535, got "${values.port}"`);
  const dataDir = resolve(values['data-dir']);
  // The same PILLARWATCH_THRESHOLDS the CDK stack sets from context; validated when the handlers load.
  const thresholds = Object.fromEntries(
    THRESHOLD_FLAGS.flatMap(([flag, name]) => {
      const value = (values as Record<string, unknown>)[flag];
      return typeof value === 'string' ? [[name, Number(value)]] : [];
    }),
  );
  if (Object.keys(thresholds).length > 0) process.env[ENV.thresholds] = JSON.stringify(thresholds);

  const previous = await readLocalConfig(dataDir);
  if (previous && previous.pid !== process.pid && isProcessAlive(previous.pid)) {
    throw new UsageError(
      `A local stack is already running from ${dataDir} (pid ${previous.pid}, ${previous.apiUrl}).`,
    );
  }
  // Fail fast, before the JVM starts, when the API port is taken.
  await assertPortFree(port);
  if (values.fresh) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });

  // Signals are handled from here on, so a Ctrl-C during start-up still stops the JVM.
  const shutdownTasks: (() => Promise<void>)[] = [];
  const shutdown = installShutdown(shutdownTasks, dataDir);
  try {
    const parts = await startLocalParts({ dataDir });
    shutdownTasks.unshift(() => parts.stop());
    const handlers = await loadHandlersWithLocalEnv(parts);
    const router = createS3EventRouter({
      handler: handlers.ingest,
      deadLetterDir: dataDir,
      warn: (message) => console.warn(`⚠ ${message}`),
    });
    shutdownTasks.unshift(async () => router.close());
    parts.onS3Event(router.route);
    const api = await startHttpApi({
      handler: handlers.api,
      port,
      log: (line) => console.log(`  api  ${line}`),
    });
    shutdownTasks.unshift(() => api.close());
    await writeLocalConfig(dataDir, {
      apiUrl: api.url,
      s3Endpoint: parts.s3Endpoint,
      dynamoEndpoint: parts.dynamoEndpoint,
      bucket: parts.bucketName,
      table: parts.tableName,
      pid: process.pid,
    });

    console.log(
      [
        '',
        `pillarwatch local stack — ready in ${formatDuration(Date.now() - started)}`,
        '  Auth is OFF locally: anyone who can reach 127.0.0.1 can read the API. (In AWS it is required.)',
        `  API       ${api.url}`,
        `  S3        ${parts.s3Endpoint}  bucket ${parts.bucketName} (key S3RVER / secret S3RVER)`,
        `  DynamoDB  ${parts.dynamoEndpoint}  table ${parts.tableName}`,
        `  Data      ${dataDir}  (config for the CLI: ${localConfigPath(dataDir)})`,
        '',
      ].join('\n'),
    );

    if (!values['no-sample']) {
      // The stack is useful without the sample, so a failure here is a warning, not a reason to stop.
      await loadSample({
        dataDir,
        apiUrl: api.url,
        s3Endpoint: parts.s3Endpoint,
        bucket: parts.bucketName,
        router,
      }).catch((error: unknown) => console.warn(`⚠ Could not load the sample export: ${describe(error)}\n`));
    }

    console.log(
      [
        'Upload your own export:',
        `  npx pillarwatch upload path/to/Basic_LinkedInDataExport.zip --member <id>${values['data-dir'] === DEFAULT_DATA_DIR ? '' : ` --data-dir ${values['data-dir']}`}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    await shutdown(1, error);
  }
}

async function loadSample(options: {
  dataDir: string;
  apiUrl: string;
  s3Endpoint: string;
  bucket: string;
  router: { whenIdle(): Promise<void> };
}): Promise<void> {
  const started = Date.now();
  // Imported here so that `--no-sample` works even without the generator's dependencies loaded.
  const { writeExport, SAMPLE_OPTIONS } = await import('../sample/generator');
  const sample = await writeExport(join(options.dataDir, 'sample-export.zip'), SAMPLE_OPTIONS);
  const key = `${EXPORTS_PREFIX}${SAMPLE_MEMBER}/${basename(sample.path)}`;
  const client = localS3Client(options.s3Endpoint);
  const uploadedAt = Date.now();
  try {
    await uploadObject({ client, bucket: options.bucket, key, body: sample.path });
  } finally {
    client.destroy();
  }
  await options.router.whenIdle();

  const response = await fetch(`${options.apiUrl}/members/${SAMPLE_MEMBER}/ingests`);
  const manifests = response.ok ? manifestsFromResponse(await response.json()) : [];
  // The sample's key is the same on every run: take the manifest of this upload, not one from an earlier run.
  const manifest: IngestManifest | undefined = manifests.find(
    (candidate) => candidate.objectKey === key && Date.parse(candidate.startedAt) >= uploadedAt - 1_000,
  );
  console.log(`Sample export (member "${SAMPLE_MEMBER}") loaded in ${formatDuration(Date.now() - started)}:`);
  if (manifest) {
    for (const line of formatManifest(manifest, { files: false })) console.log(`  ${line}`);
  } else {
    console.log(
      `  no ingest manifest yet (GET /members/${SAMPLE_MEMBER}/ingests answered ${response.status})`,
    );
  }
  await loadSampleReadings(options);

  // Suggest the sample's last 30 days: enough to see something, short enough to read.
  const days = sample.expected.map((activity) => activity.day).sort();
  const to = days.at(-1);
  const from = to && days.find((day) => day >= addDays(to, -29));
  console.log('\nTry:');
  console.log(`  curl '${options.apiUrl}/members/${SAMPLE_MEMBER}/ingests'`);
  console.log(
    `  curl '${options.apiUrl}/members/${SAMPLE_MEMBER}/activity${from && to ? `?from=${from}&to=${to}` : ''}'`,
  );
  console.log(
    `  curl '${options.apiUrl}/members/${SAMPLE_MEMBER}/estimates${from && to ? `?from=${from}&to=${to}` : ''}'`,
  );
  console.log(`  curl '${options.apiUrl}/members/${SAMPLE_MEMBER}/findings'`);
  console.log('');
}

/** The sample member's official-reading history (a CSV upload under scores/), and the findings it raises. */
async function loadSampleReadings(options: {
  apiUrl: string;
  s3Endpoint: string;
  bucket: string;
  router: { whenIdle(): Promise<void> };
}): Promise<void> {
  const { SAMPLE_READINGS_KEY, sampleReadingsCsv } = await import('../sample/readings');
  const client = localS3Client(options.s3Endpoint);
  try {
    await uploadObject({
      client,
      bucket: options.bucket,
      key: SAMPLE_READINGS_KEY,
      body: Buffer.from(sampleReadingsCsv()),
    });
  } finally {
    client.destroy();
  }
  await options.router.whenIdle();
  const response = await fetch(`${options.apiUrl}/members/${SAMPLE_MEMBER}/findings`);
  const findings = response.ok ? ((await response.json()) as { findings: FindingLine[] }).findings : [];
  console.log(`\nOfficial readings loaded from ${SAMPLE_READINGS_KEY}; findings:`);
  if (findings.length === 0) console.log('  none');
  for (const line of formatFindings(findings)) console.log(`  ${line}`);
}

/** Ctrl-C / SIGTERM stop the API, the S3 server and the DynamoDB JVM; a second Ctrl-C exits at once. */
function installShutdown(tasks: (() => Promise<void>)[], dataDir: string) {
  let stopping = false;
  const shutdown = async (code: number, error?: unknown) => {
    if (stopping) process.exit(code);
    stopping = true;
    if (error) console.error(`Error: ${describe(error)}`);
    else console.log('\nStopping…');
    for (const task of tasks)
      await task().catch((reason: unknown) => console.error(`  (while stopping: ${describe(reason)})`));
    await rm(localConfigPath(dataDir), { force: true });
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
  return shutdown;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

main().catch((error: unknown) => {
  console.error(`Error: ${describe(error)}`);
  process.exit(1);
});
