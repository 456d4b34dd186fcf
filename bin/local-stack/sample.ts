import { basename, join } from 'node:path';
import {
  type FindingLine,
  formatDuration,
  formatFindings,
  formatManifest,
  manifestsFromResponse,
} from '../../local/format';
import { localS3Client, uploadObject } from '../../local/upload';
import { addDays } from '../../shared/domain/days';
import type { IngestManifest } from '../../shared/domain/manifest';
import { EXPORTS_PREFIX } from '../../shared/store/layout';

const SAMPLE_MEMBER = 'sample';

/** Where the sample goes and how to tell when the stack has ingested it. */
export interface SampleTarget {
  dataDir: string;
  apiUrl: string;
  s3Endpoint: string;
  bucket: string;
  router: { whenIdle(): Promise<void> };
}

/**
 * Uploads the bundled sample export (member "sample") and its official readings, waits for their ingest and
 * prints what was read, the findings, and a few URLs to try.
 */
export async function loadSample(target: SampleTarget): Promise<void> {
  const started = Date.now();
  // Imported here so that `--no-sample` works even without the generator's dependencies loaded.
  const { writeExport, SAMPLE_OPTIONS } = await import('../../sample/generator');
  const sample = await writeExport(join(target.dataDir, 'sample-export.zip'), SAMPLE_OPTIONS);
  const key = `${EXPORTS_PREFIX}${SAMPLE_MEMBER}/${basename(sample.path)}`;
  const uploadedAt = Date.now();
  await uploadAndWait(target, key, sample.path);

  const response = await fetch(`${target.apiUrl}/members/${SAMPLE_MEMBER}/ingests`);
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
  await loadSampleReadings(target);

  // Suggest the sample's last 30 days: enough to see something, short enough to read.
  const days = sample.expected.map((activity) => activity.day).sort();
  const to = days.at(-1);
  const from = to && days.find((day) => day >= addDays(to, -29));
  const range = from && to ? `?from=${from}&to=${to}` : '';
  console.log('\nTry:');
  console.log(`  curl '${target.apiUrl}/members/${SAMPLE_MEMBER}/ingests'`);
  console.log(`  curl '${target.apiUrl}/members/${SAMPLE_MEMBER}/activity${range}'`);
  console.log(`  curl '${target.apiUrl}/members/${SAMPLE_MEMBER}/estimates${range}'`);
  console.log(`  curl '${target.apiUrl}/members/${SAMPLE_MEMBER}/findings'`);
  console.log('');
}

/** The sample member's official-reading history (a CSV upload under scores/), and the findings it raises. */
async function loadSampleReadings(target: SampleTarget): Promise<void> {
  const { SAMPLE_READINGS_KEY, sampleReadingsCsv } = await import('../../sample/readings');
  await uploadAndWait(target, SAMPLE_READINGS_KEY, Buffer.from(sampleReadingsCsv()));
  const response = await fetch(`${target.apiUrl}/members/${SAMPLE_MEMBER}/findings`);
  const findings = response.ok ? ((await response.json()) as { findings: FindingLine[] }).findings : [];
  console.log(`\nOfficial readings loaded from ${SAMPLE_READINGS_KEY}; findings:`);
  if (findings.length === 0) console.log('  none');
  for (const line of formatFindings(findings)) console.log(`  ${line}`);
}

/** Puts one object into the bucket and waits until the local queue has delivered its event. */
async function uploadAndWait(target: SampleTarget, key: string, body: string | Uint8Array): Promise<void> {
  const client = localS3Client(target.s3Endpoint);
  try {
    await uploadObject({ client, bucket: target.bucket, key, body });
  } finally {
    client.destroy();
  }
  await target.router.whenIdle();
}
