import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayActivity } from '../../shared/domain/kinds';
import { bufferSource } from '../../shared/export/sources';
import { ingestExport } from '../../shared/ingest/ingest-export';
import { expectManifestFor, keyFor, MAX_GROWTH_BYTES } from '../support/hostile/assertions';
import {
  ARCHIVE_CASES,
  CSV_CASES,
  DATE_CASES,
  type HostileCase,
  NAME_CASES,
} from '../support/hostile/corpus';
import { MiB, measurePeakGrowth } from '../support/hostile/memory';
import { type GoodExport, writeGoodExport } from '../support/hostile/realistic';
import { MemoryStore } from '../support/memory-store';

/**
 * The hostile corpus through the ingest use case and the in-memory store: every case ends in a manifest a
 * person understands, leaves the upload's bytes alone, loses nothing already stored and keeps memory bounded.
 * (The same corpus runs end to end in test/integration/hostile.test.ts.)
 */
const MEMBER = 'hostile';
/** The big cases build 50 MB archives; the unit project's default 5 s is for pure functions. */
const CASE_TIMEOUT_MS = 30_000;
const ALL_DAYS = ['2000-01-01', '2100-01-01'] as const;
let dir: string;
let good: GoodExport;
let baseline: MemoryStore;
let storedBefore: DayActivity[];
const peaks: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pillarwatch-hostile-'));
  good = await writeGoodExport(dir);
  baseline = new MemoryStore();
  const manifest = await ingestExport(baseline, {
    memberId: MEMBER,
    objectKey: `exports/${MEMBER}/good.zip`,
    openSource: async () => bufferSource(good.bytes),
  });
  expect(manifest.status).toBe('SUCCEEDED');
  storedBefore = await baseline.readDays(MEMBER, ...ALL_DAYS);
  expect(storedBefore).toEqual(good.expected);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  if (peaks.length > 0) console.info(`hostile corpus, peak memory growth:\n${peaks.join('\n')}`);
});

/** A store holding exactly what the good export stored, so that cases cannot see each other. */
const seededStore = (): MemoryStore => {
  const store = new MemoryStore();
  store.days.set(MEMBER, structuredClone(baseline.days.get(MEMBER) ?? new Map()));
  store.coverage.set(MEMBER, structuredClone(baseline.coverage.get(MEMBER) ?? { exports: [] }));
  for (const [member, profile] of baseline.profiles) store.profiles.set(member, structuredClone(profile));
  return store;
};

const runCase = async (hostileCase: HostileCase) => {
  const store = seededStore();
  const bytes = await hostileCase.build(good.bytes);
  const uploaded = Buffer.from(bytes);
  const objectKey = keyFor(MEMBER, hostileCase);
  const { result: manifest, growth } = await measurePeakGrowth(() =>
    ingestExport(store, { memberId: MEMBER, objectKey, openSource: async () => bufferSource(bytes) }),
  );
  expectManifestFor(manifest, hostileCase);
  expect(store.manifests).toEqual([manifest]);
  expect(manifest.objectKey).toBe(objectKey);
  expect(bytes.equals(uploaded), 'the upload is untouched').toBe(true);
  expect(await store.readDays(MEMBER, ...ALL_DAYS)).toEqual(storedBefore);
  if (hostileCase.big) {
    peaks.push(
      `  ${hostileCase.name}: rss +${Math.round(growth.rssBytes / MiB)} MiB (peak ${Math.round(growth.peakRssBytes / MiB)} MiB), heap+buffers +${Math.round(growth.allocatedBytes / MiB)} MiB`,
    );
    expect(growth.rssBytes).toBeLessThan(MAX_GROWTH_BYTES);
    expect(growth.allocatedBytes).toBeLessThan(MAX_GROWTH_BYTES);
  }
};

describe('hostile uploads through the ingest use case', () => {
  it.each(ARCHIVE_CASES)('archive: $name → $status', runCase, CASE_TIMEOUT_MS);
  it.each(NAME_CASES)('entry names: $name → $status', runCase, CASE_TIMEOUT_MS);
  it.each(CSV_CASES)('CSV content: $name → $status', runCase, CASE_TIMEOUT_MS);
  it.each(DATE_CASES)('dates: $name → $status', runCase, CASE_TIMEOUT_MS);
  // The scores/ cases (not JSON, out-of-range readings) run end to end in test/integration/scores.test.ts.
});
