import type { Day } from '../domain/kinds';
import type { IngestManifest } from '../domain/manifest';
import type { DailyEstimate, Finding, OfficialReading } from '../domain/pillars';
import { PILLARS } from '../domain/pillars';
import { byDay, readingDay, type ScoredDay, sortReadings } from '../findings/series';
import { renderChart } from './chart';
import { escapeHtml } from './escape';
import { describeFinding } from './findings-text';
import { formatDay, formatInstant, formatScore } from './format';
import { manifestSection } from './manifest-section';

/** Everything the member report page shows; the caller reads it from the stores. */
export interface ReportInput {
  memberId: string;
  /** ISO instant, printed on the page. */
  generatedAt: string;
  /** Model estimates, one per day (1–1,100 days). */
  estimates: readonly DailyEstimate[];
  /** The same days on the official scale, once a calibration exists. */
  calibrated?: readonly ScoredDay[];
  readings: readonly OfficialReading[];
  findings: readonly Finding[];
  latestManifest?: IngestManifest;
}

const RECENT_DAYS = 30;

// Black on white everywhere, so the page prints as it shows; colours only tell the pillars apart.
const STYLE = `
:root{color-scheme:light}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;color:#111;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:980px;margin:0 auto;padding:24px 16px}
h1{font-size:1.6rem;margin:0}
h2{font-size:1.15rem;margin:2rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid #ccc}
.meta,.empty{color:#555}
figure{margin:0}
svg.chart{display:block;width:100%;height:auto}
svg text{font-family:inherit;font-size:11px;fill:#333}
svg .chart-title{font-size:15px;font-weight:600;fill:#111}
svg .panel-title{font-size:12px;font-weight:600;fill:#111}
.plot{fill:none;stroke:#999}
.grid{stroke:#e6e6e6}
.tick{stroke:#999}
.series,.legend-series{fill:none;stroke:#333;stroke-width:1.6;stroke-linejoin:round;stroke-linecap:round}
.calibrated,.legend-calibrated{fill:none;stroke:#333;stroke-width:1.2;stroke-dasharray:5 3;stroke-linecap:round}
.panel-brand path{stroke:#1f5f9e}.panel-people path{stroke:#b4531b}
.panel-insights path{stroke:#2c7a4b}.panel-relationships path{stroke:#7d3c98}
.reading{fill:#111}
.reading.divergent{fill:#fff;stroke:#c0392b;stroke-width:1.6}
.stale-span{fill:#f2c94c;fill-opacity:.35}
.recalculation{stroke:#555;stroke-width:1.2;stroke-dasharray:3 2}
.findings li{margin:.4rem 0}
.tag{font-size:.8rem;font-weight:600;letter-spacing:.03em;margin-right:.4em}
.status-failed{font-weight:600}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:.9rem}
th,td{padding:2px 8px;border-bottom:1px solid #e6e6e6;text-align:right}
th:first-child,td:first-child{text-align:left;white-space:nowrap}
caption{text-align:left;color:#555;padding-bottom:.3rem}
@media print{
body{font-size:10.5pt}
main{max-width:none;padding:0}
h2{break-after:avoid}
figure,tr{break-inside:avoid}
}`;

const chartSection = (input: ReportInput): string => {
  const chart = renderChart(input);
  const notes = [
    ...(input.estimates.length === 0
      ? ['No estimates yet: they appear once your LinkedIn data export has been read.']
      : []),
    ...(input.readings.length === 0
      ? [
          'No official readings yet: report the SSI LinkedIn shows you (linkedin.com/sales/ssi) to see it next to the estimates.',
        ]
      : []),
  ];
  return (
    (chart ? `<figure>${chart}</figure>` : '') +
    notes.map((note) => `<p class="empty">${escapeHtml(note)}</p>`).join('')
  );
};

const findingsSection = (input: ReportInput): string => {
  if (input.findings.length === 0) {
    return input.readings.length === 0
      ? '<p class="empty">Nothing to check yet: findings compare your official readings with the estimates.</p>'
      : '<p class="empty">Nothing to report: your official scores look up to date and in line with the estimates.</p>';
  }
  // Newest first: what changed lately matters most.
  const findings = [...input.findings].sort((a, b) =>
    a.from !== b.from ? (a.from < b.from ? 1 : -1) : a.type < b.type ? -1 : a.type > b.type ? 1 : 0,
  );
  return (
    '<ul class="findings">' +
    findings
      .map(
        (finding) =>
          `<li class="finding finding-${finding.type.toLowerCase()}"><span class="tag">${finding.type}</span> ` +
          `${escapeHtml(describeFinding(finding))}</li>`,
      )
      .join('') +
    '</ul>'
  );
};

/** The last 30 estimated days as numbers, for screen readers and for anyone who wants the figures. */
const recentTable = (input: ReportInput): string => {
  const recent = [...input.estimates].sort((a, b) => (a.day < b.day ? 1 : -1)).slice(0, RECENT_DAYS);
  if (recent.length === 0) return '';
  const calibrated = input.calibrated?.length ? byDay(input.calibrated) : undefined;
  const official = new Map<Day, OfficialReading>(
    sortReadings(input.readings).map((reading) => [readingDay(reading), reading]),
  );
  const header = [
    'Day',
    'Estimate',
    ...(calibrated ? ['Calibrated'] : []),
    'Official',
    ...PILLARS.map((pillar) => pillar[0]?.toUpperCase() + pillar.slice(1)),
  ];
  const rows = recent.map((estimate) => {
    const cells = [
      formatDay(estimate.day),
      formatScore(estimate.total, 1),
      ...(calibrated ? [formatCell(calibrated.get(estimate.day)?.total)] : []),
      formatCell(official.get(estimate.day)?.overall),
      ...PILLARS.map((pillar) => formatScore(estimate.pillars[pillar], 1)),
    ];
    return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
  });
  return (
    `<h2>The last ${recent.length === 1 ? 'day' : `${recent.length} days`}</h2>` +
    '<table><caption>Overall SSI (estimate, official reading of the day) and the estimate of each pillar.</caption>' +
    `<thead><tr>${header.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
};

const formatCell = (value: number | undefined): string => (value === undefined ? '–' : formatScore(value, 1));

/** The member report: one self-contained HTML page (inline CSS and SVG, nothing fetched), printable. */
export const renderReport = (input: ReportInput): string => {
  const member = escapeHtml(input.memberId);
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    // Nothing may be fetched: the page must work offline, from a file or an e-mail attachment.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>SSI report – ${member}</title><style>${STYLE}</style></head><body><main>` +
    `<header><h1>Your SSI report</h1><p class="meta">Member ${member} · generated ${escapeHtml(formatInstant(input.generatedAt))}</p></header>` +
    `<section class="chart-section">${chartSection(input)}</section>` +
    `<section class="findings-section"><h2>What we noticed</h2>${findingsSection(input)}</section>` +
    `<section class="manifest-section"><h2>Your latest upload</h2>${manifestSection(input.latestManifest)}</section>` +
    `<section class="recent-section">${recentTable(input)}</section>` +
    '</main></body></html>'
  );
};
