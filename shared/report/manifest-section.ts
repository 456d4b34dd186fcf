import type { EventKind } from '../domain/kinds';
import type { IngestManifest, IngestStatus } from '../domain/manifest';
import { escapeHtml } from './escape';
import { formatCount, formatDay, formatInstant, plural } from './format';

const STATUS_WORDS: Record<IngestStatus, string> = {
  SUCCEEDED: 'was read in full',
  PARTIAL: 'was read in part',
  FAILED: 'could not be read',
};

/** Rejected rows listed on the page; the API has all samples. */
const MAX_REJECTIONS_SHOWN = 50;

const fileName = (objectKey: string): string => objectKey.split('/').at(-1) || objectKey;

/** Sentences about the upload, as plain text (the caller escapes). */
export const describeManifest = (manifest: IngestManifest): string[] => {
  const rows = manifest.filesRecognised.reduce((sum, file) => sum + file.rows, 0);
  const seconds = (manifest.durationMs / 1000).toFixed(1);
  return [
    `Your upload ${fileName(manifest.objectKey)} ${STATUS_WORDS[manifest.status]} on ${formatInstant(manifest.finishedAt)} (in ${seconds} s).`,
    ...(manifest.reason ? [manifest.reason.endsWith('.') ? manifest.reason : `${manifest.reason}.`] : []),
    ...(manifest.duplicateOf ? ['It is the same export as an earlier upload, so nothing changed.'] : []),
    ...(manifest.exportedAt
      ? [`LinkedIn produced the export on ${formatDay(manifest.exportedAt.slice(0, 10))}.`]
      : []),
    `${plural(manifest.filesRecognised.length, 'file')} recognised, ${formatCount(manifest.filesIgnored.length)} ignored; ` +
      `${plural(rows, 'row')} read, ${formatCount(manifest.undatedRows)} without a date, ` +
      `${formatCount(manifest.rejectedRows)} rejected.`,
  ];
};

/** "file, line 17: reason" for every sample, and whole files that could not be read. */
export const rejectionLines = (manifest: IngestManifest): string[] => [
  ...manifest.filesRecognised.flatMap((file) => (file.error ? [`${file.path}: ${file.error}`] : [])),
  ...manifest.filesRecognised.flatMap((file) =>
    file.samples.map((sample) => `${sample.file}, line ${sample.line}: ${sample.reason}`),
  ),
];

const kindsLine = (rowsPerKind: IngestManifest['rowsPerKind']): string =>
  (Object.entries(rowsPerKind) as [EventKind, number][])
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `${kind.replaceAll('_', ' ')} ${formatCount(count)}`)
    .join(' · ');

export const manifestSection = (manifest: IngestManifest | undefined): string => {
  if (!manifest) return '<p class="empty">No upload yet: upload your LinkedIn data export to start.</p>';
  const kinds = kindsLine(manifest.rowsPerKind);
  const rejections = rejectionLines(manifest);
  const shown = rejections.slice(0, MAX_REJECTIONS_SHOWN);
  return (
    `<p class="status status-${manifest.status.toLowerCase()}">` +
    describeManifest(manifest).map(escapeHtml).join(' ') +
    '</p>' +
    (kinds ? `<p>Rows per kind: ${escapeHtml(kinds)}.</p>` : '') +
    (shown.length
      ? `<p>Rejected rows and files${rejections.length > shown.length ? ` (the first ${shown.length} of ${rejections.length})` : ''}:</p>` +
        `<ul class="rejections">${shown.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
      : '')
  );
};
