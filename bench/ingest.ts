/**
 * `npm run bench:ingest`: how fast and how lean the ingest is on a heavy export.
 *
 * Generates a ≈180 MB (uncompressed) export with the project's generator, then measures, each in a fresh
 * child process so peak RSS belongs to that step alone:
 *   - floor:  `unzip -p export.zip > /dev/null` (decompression only)
 *   - parse:  open + stream + tokenize + classify + aggregate (`readExport`), no storage
 *   - ingest: the whole use case against DynamoDB Local (merge + batched writes + manifest), then an
 *             identical re-upload
 *   - parse of a 3× export, to show peak RSS stays flat as the export grows.
 * Options: --multiplier <n> (size of the main export, default 1), --skip-triple, --keep (reuse generated files).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { INGEST_HEAP_LIMIT_MB } from '../shared/ingest/runtime';

const OUT_DIR = resolve('bench/out');

interface StepResult {
  ms: number;
  maxRssMb: number;
  csvBytes: number;
  writeRequests?: number;
  reuploadWriteRequests?: number;
  activeDays?: number;
  daysWritten?: number;
  status?: string;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Child: one measured step, result as JSON on the last stdout line. */
const child = async (step: string, zipPath: string): Promise<void> => {
  const { fileSource } = await import('../shared/export/sources');
  const { openArchive } = await import('../shared/export/zip');
  const csvBytesOf = async () => {
    const archive = await openArchive(await fileSource(zipPath));
    const bytes = archive.entries
      .filter((e) => /\.csv$/i.test(e.path))
      .reduce((s, e) => s + e.uncompressedSize, 0);
    await archive.close();
    return bytes;
  };
  const csvBytes = await csvBytesOf();
  let result: StepResult;
  if (step === 'parse') {
    const { readExport } = await import('../shared/export/read-export');
    const started = performance.now();
    const archive = await openArchive(await fileSource(zipPath));
    const reading = await readExport(archive);
    await archive.close();
    result = {
      ms: performance.now() - started,
      maxRssMb: maxRssMb(),
      csvBytes,
      activeDays: reading.days.length,
    };
  } else {
    const { startLocalParts } = await import('../local/parts');
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
    const { DynamoDbActivityStore } = await import('../shared/store/dynamodb/activity-store');
    const { ingestExport } = await import('../shared/ingest/ingest-export');
    const parts = await startLocalParts();
    try {
      const client = new DynamoDBClient({
        endpoint: parts.dynamoEndpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      });
      const store = new DynamoDbActivityStore(
        DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
        parts.tableName,
      );
      const run = () =>
        ingestExport(store, {
          memberId: 'bench',
          objectKey: 'exports/bench/heavy.zip',
          openSource: () => fileSource(zipPath),
        });
      const started = performance.now();
      const first = await run();
      const ms = performance.now() - started;
      const again = await run();
      result = {
        ms,
        maxRssMb: maxRssMb(),
        csvBytes,
        status: first.status,
        writeRequests: first.writeRequests,
        daysWritten: first.daysWritten,
        activeDays: first.daysWritten,
        reuploadWriteRequests: again.writeRequests,
      };
    } finally {
      await parts.stop();
    }
  }
  console.log(JSON.stringify(result));
};

const runChild = (step: string, zipPath: string): StepResult => {
  // The ingest function's heap limit, so peak RSS is what Lambda would see (infra/constructs/ingest.ts).
  const heapLimit = `--max-old-space-size=${INGEST_HEAP_LIMIT_MB}`;
  const run = spawnSync(
    process.execPath,
    [heapLimit, '--import', 'tsx', 'bench/ingest.ts', '--child', step, zipPath],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`${step} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as StepResult;
};

const timeUnzip = (zipPath: string): number => {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    execFileSync('sh', ['-c', `unzip -p "${zipPath}" > /dev/null`]);
    best = Math.min(best, performance.now() - started);
  }
  return best;
};

const generate = async (multiplier: number, keep: boolean): Promise<string> => {
  const { writeExport, heavyOptions } = await import('../sample/generator');
  const path = join(OUT_DIR, `heavy-x${multiplier}.zip`);
  if (keep && existsSync(path)) return path;
  const started = performance.now();
  const generated = await writeExport(path, heavyOptions(multiplier));
  console.error(
    `generated ${path}: ${mb(generated.uncompressedBytes).toFixed(0)} MB uncompressed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return path;
};

const main = async () => {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      multiplier: { type: 'string', default: '1' },
      'skip-triple': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.child) {
    await child(values.child, process.argv.at(-1) as string);
    return;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const multiplier = Number(values.multiplier);
  const zip = await generate(multiplier, values.keep);
  const floorMs = timeUnzip(zip);
  const parse = runChild('parse', zip);
  const ingest = runChild('ingest', zip);
  const triple = values['skip-triple']
    ? undefined
    : runChild('parse', await generate(multiplier * 3, values.keep));

  const rate = (r: StepResult) => mb(r.csvBytes) / (r.ms / 1000);
  const lines = [
    `export: ${mb(parse.csvBytes).toFixed(1)} MB of CSV, ${parse.activeDays} active days`,
    `decompress only (unzip -p, best of 3): ${(floorMs / 1000).toFixed(2)} s`,
    `parse + classify + aggregate:          ${(parse.ms / 1000).toFixed(2)} s = ${rate(parse).toFixed(1)} MB/s (${(parse.ms / floorMs).toFixed(2)}× decompression), peak RSS ${parse.maxRssMb.toFixed(0)} MB`,
    `whole ingest into DynamoDB Local:      ${(ingest.ms / 1000).toFixed(2)} s = ${rate(ingest).toFixed(1)} MB/s, status ${ingest.status}, peak RSS ${ingest.maxRssMb.toFixed(0)} MB`,
    `DynamoDB write requests:               ${ingest.writeRequests} for ${ingest.daysWritten} days written (budget ⌈days/25⌉+5 = ${Math.ceil((ingest.daysWritten ?? 0) / 25) + 5})`,
    `identical re-upload:                   ${ingest.reuploadWriteRequests} write request(s)`,
  ];
  if (triple) {
    lines.push(
      `3× export parse:                       ${mb(triple.csvBytes).toFixed(1)} MB in ${(triple.ms / 1000).toFixed(2)} s = ${rate(triple).toFixed(1)} MB/s, peak RSS ${triple.maxRssMb.toFixed(0)} MB`,
    );
  }
  console.log(lines.join('\n'));
  writeFileSync(
    join(OUT_DIR, 'ingest-results.json'),
    JSON.stringify({ floorMs, parse, ingest, triple }, null, 2),
  );
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
