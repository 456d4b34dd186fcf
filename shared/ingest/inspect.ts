import { type ApiDay, toApiDays } from '../api/activity';
import { IngestFailure } from '../domain/errors';
import type { IngestManifest } from '../domain/manifest';
import { emptyManifest } from '../domain/manifest';
import { readExport } from '../export/read-export';
import { fileSource } from '../export/sources';
import { openArchive } from '../export/zip';
import { manifestOf } from './ingest-export';

/**
 * `pillarwatch inspect`: reads an export on this machine through the same code as the ingest, without any
 * stack or AWS, and returns the manifest and per-day counts it would store.
 */
export const inspectExport = async (path: string): Promise<{ manifest: IngestManifest; days: ApiDay[] }> => {
  const started = new Date();
  const base = emptyManifest({ memberId: 'local', objectKey: path }, started);
  let manifest: IngestManifest;
  let days: ApiDay[] = [];
  try {
    const archive = await openArchive(await fileSource(path));
    try {
      const reading = await readExport(archive, { uploadedAt: started });
      manifest = manifestOf(base, reading);
      days = toApiDays(reading.days);
    } finally {
      await archive.close();
    }
  } catch (error) {
    if (!(error instanceof IngestFailure)) throw error;
    manifest = { ...base, status: 'FAILED', reason: error.reason };
  }
  const finished = new Date();
  return {
    manifest: {
      ...manifest,
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
    },
    days,
  };
};
