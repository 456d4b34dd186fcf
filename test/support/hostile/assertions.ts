import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { IngestManifest } from '../../../shared/domain/manifest';
import { type HostileCase, manifestDetails } from './corpus';

/**
 * A manifest must fit one DynamoDB item (400 KB) with room to spare whatever the upload holds; a hostile
 * archive must not be able to make the manifest itself unwritable.
 */
export const MAX_MANIFEST_JSON_BYTES = 100_000;

/** Memory growth allowed around the big cases (50 MB line, bombs, thousands of entries). */
export const MAX_GROWTH_BYTES = 300 * 1024 ** 2;

/** The manifest says what the case expects, in words a person understands. */
export function expectManifestFor(manifest: IngestManifest | undefined, hostileCase: HostileCase): void {
  expect(manifest, 'a manifest was recorded').toBeDefined();
  if (!manifest) return;
  expect(manifest.status).toBe(hostileCase.status);
  if (hostileCase.reason === null) expect(manifest.reason).toBeUndefined();
  else expect(manifest.reason).toMatch(hostileCase.reason);
  if (hostileCase.detail) expect(manifestDetails(manifest)).toMatch(hostileCase.detail);
  if (hostileCase.rows) expect(manifest.rowsPerKind).toEqual(hostileCase.rows);
  if (hostileCase.undatedRows !== undefined) expect(manifest.undatedRows).toBe(hostileCase.undatedRows);
  // A FAILED ingest stores nothing, so it may not claim to have.
  if (manifest.status === 'FAILED') expect(manifest.daysWritten).toBe(0);
  expect(Buffer.byteLength(JSON.stringify(manifest))).toBeLessThan(MAX_MANIFEST_JSON_BYTES);
}

/** `exports/<member>/<slug>-<hash>.zip` for a case name: readable, and distinct for names that slug alike. */
export const keyFor = (memberId: string, hostileCase: HostileCase): string => {
  const slug = hostileCase.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const hash = createHash('sha256').update(hostileCase.name).digest('hex').slice(0, 8);
  return `exports/${memberId}/${slug}-${hash}.zip`;
};
