import type { IngestManifest } from '../shared/domain/manifest';

/**
 * Plain-text views of manifests and day counts for the terminal (local stack and CLI). Only counts, file
 * paths and reasons are printed — never row content, which the manifest does not carry anyway.
 */

/** The manifests in a `GET /members/{id}/ingests` answer. */
export function manifestsFromResponse(json: unknown): IngestManifest[] {
  const ingests = (json as { ingests?: unknown } | null)?.ingests;
  return Array.isArray(ingests) ? (ingests as IngestManifest[]) : [];
}

/** The manifest for a terminal; `files: false` leaves out the per-file lines (the `npm start` summary). */
export function formatManifest(manifest: IngestManifest, options: { files?: boolean } = {}): string[] {
  const lines = [`${manifest.status}  ${manifest.objectKey}  (${formatDuration(manifest.durationMs)})`];
  if (manifest.reason) lines.push(`  reason: ${manifest.reason}`);
  // A duplicate's manifest carries no file or row details: the reason says it all.
  if (manifest.duplicateOf) {
    if (!manifest.reason)
      lines.push('  identical to an export already ingested for this member; nothing rewritten');
    return lines;
  }
  if (manifest.exportedAt) lines.push(`  exported at: ${manifest.exportedAt}`);
  const recognised = manifest.filesRecognised ?? [];
  const ignored = manifest.filesIgnored ?? [];
  lines.push(`  files: ${recognised.length} recognised, ${ignored.length} ignored`);
  for (const file of options.files === false ? [] : recognised) {
    const extras = [
      file.rejected ? `${file.rejected} rejected` : '',
      file.undated ? `${file.undated} undated` : '',
    ].filter(Boolean);
    lines.push(
      `    ${file.path} (${file.type ?? '?'}): ${file.rows} rows${extras.length ? `, ${extras.join(', ')}` : ''}`,
    );
  }
  for (const file of options.files === false ? [] : ignored)
    lines.push(`    ignored ${file.path}: ${file.reason}`);
  const kinds = Object.entries(manifest.rowsPerKind ?? {})
    .filter(([, rows]) => (rows ?? 0) > 0)
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0));
  if (kinds.length > 0 && options.files === false) {
    lines.push(
      '  rows per kind:',
      ...wrap(
        kinds.map(([kind, rows]) => `${kind} ${rows}`),
        '    ',
        100,
      ),
    );
  } else if (kinds.length > 0) {
    lines.push('  rows per kind:');
    const width = Math.max(...kinds.map(([kind]) => kind.length));
    for (const [kind, rows] of kinds) {
      const range = manifest.coverage?.[kind as keyof IngestManifest['coverage']];
      lines.push(
        `    ${kind.padEnd(width)}  ${String(rows).padStart(7)}${range ? `  ${range.from} … ${range.to}` : ''}`,
      );
    }
  }
  lines.push(
    `  days written: ${manifest.daysWritten}, rejected rows: ${manifest.rejectedRows}, undated rows: ${manifest.undatedRows}`,
  );
  const samples = recognised.flatMap((file) => file.samples ?? []);
  if (samples.length > 0) {
    lines.push('  rejected samples:');
    for (const sample of samples.slice(0, 10))
      lines.push(`    ${sample.file}:${sample.line}  ${sample.reason}`);
    if (samples.length > 10) lines.push(`    … ${samples.length - 10} more`);
  }
  return lines;
}

/** Joins items with ' · ' into lines of at most `width` characters. */
function wrap(items: string[], indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? `${line} · ${item}` : item;
    if (line && indent.length + next.length > width) {
      lines.push(indent + line);
      line = item;
    } else {
      line = next;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

export interface DayCounts {
  day: string;
  counts: Record<string, number>;
}

/**
 * Counts per day when there are few days, per month otherwise. Kinds run down and periods across (there
 * are ~20 kinds), in blocks that fit `width` columns, so even two years of months stay readable.
 */
export function formatDayCounts(
  days: readonly DayCounts[],
  options: { maxDayColumns?: number; width?: number } = {},
): string[] {
  if (days.length === 0) return ['  (no dated activity)'];
  const perDay = days.length <= (options.maxDayColumns ?? 45);
  const periods = perDay ? [...days].sort((a, b) => a.day.localeCompare(b.day)) : monthTotals(days);
  const totals = new Map<string, number>();
  for (const { counts } of periods) {
    for (const [kind, count] of Object.entries(counts)) totals.set(kind, (totals.get(kind) ?? 0) + count);
  }
  const kinds = [...totals.keys()].sort(
    (a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b),
  );
  const periodTotal = (counts: Record<string, number>) =>
    Object.values(counts).reduce((sum, n) => sum + n, 0);
  // Day columns show MM-DD; the block's first cell says which year(s) they belong to.
  const columnLabel = (period: DayCounts) => (perDay ? period.day.slice(5) : period.day);
  const labelWidth = Math.max('total'.length, 9, ...kinds.map((kind) => kind.length));
  const cellWidth = Math.max(
    ...periods.map((period) =>
      Math.max(columnLabel(period).length, String(periodTotal(period.counts)).length),
    ),
  );
  const perBlock = Math.max(1, Math.floor(((options.width ?? 110) - 2 - labelWidth) / (cellWidth + 1)));
  const lines: string[] = [];
  for (let start = 0; start < periods.length; start += perBlock) {
    const block = periods.slice(start, start + perBlock);
    const years = [...new Set(block.map((period) => period.day.slice(0, 4)))];
    const corner = perDay ? years.join('–') : 'month';
    const row = (label: string, cells: string[]) =>
      `  ${label.padEnd(labelWidth)} ${cells.map((cell) => cell.padStart(cellWidth)).join(' ')}`.trimEnd();
    if (start > 0) lines.push('');
    lines.push(row(corner, block.map(columnLabel)));
    for (const kind of kinds)
      lines.push(
        row(
          kind,
          block.map((period) => String(period.counts[kind] ?? '·')),
        ),
      );
    lines.push(
      row(
        'total',
        block.map((period) => String(periodTotal(period.counts))),
      ),
    );
  }
  return lines;
}

export function monthTotals(days: readonly DayCounts[]): DayCounts[] {
  const months = new Map<string, Record<string, number>>();
  for (const { day, counts } of days) {
    const month = day.slice(0, 7);
    const totals = months.get(month) ?? {};
    for (const [kind, count] of Object.entries(counts)) totals[kind] = (totals[kind] ?? 0) + count;
    months.set(month, totals);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, counts]) => ({ day, counts }));
}

export const formatDuration = (ms: number) =>
  ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;

export const formatBytes = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

/** A finding as the API returns it (what the terminal shows of it). */
export interface FindingLine {
  type: string;
  pillar: string;
  from: string;
  to: string;
  evidence: Record<string, unknown>;
  status?: string;
  resolution?: string;
  resolvedOnDay?: string;
}

/** One line per finding: what, which pillar, the span, the evidence's headline numbers, and whether it is open. */
export function formatFindings(findings: readonly FindingLine[]): string[] {
  return findings.map((finding) => {
    const days = finding.evidence.daysSpanned;
    const state =
      finding.status === 'resolved'
        ? `  resolved${finding.resolvedOnDay ? ` ${finding.resolvedOnDay}` : ''}${finding.resolution ? ` (${finding.resolution})` : ''}`
        : finding.status === 'open'
          ? '  open'
          : '';
    return `${finding.type.padEnd(13)} ${finding.pillar.padEnd(13)} ${finding.from} … ${finding.to}${
      typeof days === 'number' ? `  (${days} days)` : ''
    }${state}`;
  });
}
