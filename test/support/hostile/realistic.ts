import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type GeneratorOptions, SAMPLE_OPTIONS, writeExport } from '../../../sample/generator';
import type { DayActivity } from '../../../shared/domain/kinds';

/**
 * The member's good export, stored before every hostile upload. Small (generated in well under a second) but
 * with every file type and quirk, and over 64 KiB, so that reading an entry takes its own ranged GET after the
 * central directory (the overwritten-object case depends on it).
 */
export const GOOD_EXPORT_OPTIONS: GeneratorOptions = {
  ...SAMPLE_OPTIONS,
  seed: 11,
  startDate: '2025-06-01',
  endDate: '2026-04-15',
  timelineEndDate: '2026-04-15',
  scale: {
    ...SAMPLE_OPTIONS.scale,
    connections: 120,
    messages: 1200,
    reactions: 150,
    searches: 60,
    invitationsPerMonth: 8,
    comments: 40,
  },
};

export interface GoodExport {
  bytes: Buffer;
  /** What the generator says the export holds, independently of the parsers. */
  expected: DayActivity[];
}

export async function writeGoodExport(dir: string): Promise<GoodExport> {
  const path = join(dir, 'good-export.zip');
  const generated = await writeExport(path, GOOD_EXPORT_OPTIONS);
  return { bytes: await readFile(path), expected: generated.expected };
}
