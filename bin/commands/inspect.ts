import { resolve } from 'node:path';
import { formatDayCounts, formatManifest } from '../../local/format';
import { assertReadableFile, positionalOf } from '../cli/args';
import type { Command } from '../cli/command';
import { printJson } from '../cli/output';

export const inspect: Command = {
  name: 'inspect',
  synopsis: 'inspect <export.zip>',
  summary: 'read an export offline and show what would be ingested',
  usage: 'inspect <export.zip> [--json]',
  help: `Reads the export without uploading it (no local stack needed) and prints what an ingest would find:
files recognised and ignored, rows per kind, rejected rows with samples, and the activity per day
(per month for long exports). Exits 1 when the export would fail.

  --json   print {"manifest": …, "days": […]}
`,
  flags: {},
  positional: '<export.zip>',
  async run({ flags, positionals, output }) {
    const path = positionalOf(inspect, positionals);
    await assertReadableFile(path);
    // Loaded on demand: the other commands must not depend on the export reader.
    const { inspectExport } = await import('../../shared/ingest/inspect');
    const { manifest, days } = await inspectExport(resolve(path));
    if (flags.json) {
      printJson(output, { manifest, days });
    } else {
      const activity = manifest.status === 'FAILED' ? [] : ['', 'Activity:', ...formatDayCounts(days)];
      output.stdout(`${[...formatManifest(manifest), ...activity].join('\n')}\n`);
    }
    return manifest.status === 'FAILED' ? 1 : 0;
  },
};
