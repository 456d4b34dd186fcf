import type { EventKind } from '../domain/kinds';
import type { IngestManifest } from '../domain/manifest';
import { escapeHtml } from './escape';
import { type PageContext, pageContext } from './page-context';

/** Rejected rows listed on the page; the API has all samples. */
const MAX_REJECTIONS_SHOWN = 50;

const fileName = (objectKey: string): string => objectKey.split('/').at(-1) || objectKey;

/** The recorded reason is English: English pages show it; other languages say the outcome by its code. */
const outcome = (manifest: IngestManifest, ctx: PageContext): string[] => {
  const reason = manifest.reason
    ? manifest.reason.endsWith('.')
      ? manifest.reason
      : `${manifest.reason}.`
    : '';
  if (ctx.locale === 'en' || !manifest.code) return reason ? [reason] : [];
  return [
    ctx.t.manifest.codes[manifest.code],
    ...(reason ? [ctx.fill(ctx.t.manifest.detail, { reason: manifest.reason as string })] : []),
  ];
};

/** Sentences about the upload, as plain text (the caller escapes). */
export const describeManifest = (
  manifest: IngestManifest,
  ctx: PageContext = pageContext('en'),
): string[] => {
  const { t, f, fill, plural } = ctx;
  const rows = manifest.filesRecognised.reduce((sum, file) => sum + file.rows, 0);
  return [
    fill(t.manifest.status[manifest.status], {
      file: fileName(manifest.objectKey),
      at: f.instant(manifest.finishedAt),
      seconds: f.score(manifest.durationMs / 1000, 1),
    }),
    ...outcome(manifest, ctx),
    ...(manifest.duplicateOf ? [t.manifest.duplicate] : []),
    ...(manifest.exportedAt
      ? [fill(t.manifest.exportedAt, { day: f.day(manifest.exportedAt.slice(0, 10)) })]
      : []),
    fill(t.manifest.counts, {
      files: plural(t.manifest.files, manifest.filesRecognised.length),
      ignored: f.count(manifest.filesIgnored.length),
      rows: plural(t.manifest.rows, rows),
      undated: f.count(manifest.undatedRows),
      rejected: f.count(manifest.rejectedRows),
    }),
  ];
};

/** "file, line 17: reason" for every sample, and whole files that could not be read. */
export const rejectionLines = (manifest: IngestManifest, ctx: PageContext = pageContext('en')): string[] => [
  ...manifest.filesRecognised.flatMap((file) => (file.error ? [`${file.path}: ${file.error}`] : [])),
  ...manifest.filesRecognised.flatMap((file) =>
    file.samples.map((sample) =>
      ctx.fill(ctx.t.manifest.line, { file: sample.file, line: sample.line, reason: sample.reason }),
    ),
  ),
];

const kindsLine = (rowsPerKind: IngestManifest['rowsPerKind'], ctx: PageContext): string =>
  (Object.entries(rowsPerKind) as [EventKind, number][])
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => `${ctx.t.manifest.kinds[kind] ?? kind} ${ctx.f.count(count)}`)
    .join(' · ');

export const manifestSection = (
  manifest: IngestManifest | undefined,
  ctx: PageContext = pageContext('en'),
): string => {
  const { t, fill } = ctx;
  if (!manifest) return `<p class="empty">${escapeHtml(t.manifest.none)}</p>`;
  const kinds = kindsLine(manifest.rowsPerKind, ctx);
  const rejections = rejectionLines(manifest, ctx);
  const shown = rejections.slice(0, MAX_REJECTIONS_SHOWN);
  return (
    `<p class="status status-${manifest.status.toLowerCase()}">` +
    describeManifest(manifest, ctx).map(escapeHtml).join(' ') +
    '</p>' +
    (kinds ? `<p>${escapeHtml(fill(t.manifest.rowsPerKind, { kinds }))}</p>` : '') +
    (shown.length
      ? `<p>${escapeHtml(
          rejections.length > shown.length
            ? fill(t.manifest.rejectedSome, { shown: shown.length, total: rejections.length })
            : t.manifest.rejected,
        )}</p>` +
        `<ul class="rejections">${shown.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
      : '')
  );
};
