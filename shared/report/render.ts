import type { Day } from '../domain/kinds';
import type { IngestManifest } from '../domain/manifest';
import type { CalibrationBasis, DailyEstimate, Finding, OfficialReading } from '../domain/pillars';
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
  /** The same days on the official scale, once a calibration exists: shown first, the raw ones labelled raw. */
  calibrated?: readonly ScoredDay[];
  /** What the calibration rests on: readings, basis, and the total's leave-one-out error (points per reading). */
  calibration?: { readings: number; basis: CalibrationBasis; expectedError: number };
  readings: readonly OfficialReading[];
  /** Every finding in the range: the page lists the open ones and counts the resolved ones. */
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
.has-calibrated .calibrated,.has-calibrated .legend-calibrated{stroke-width:1.8;stroke-dasharray:none}
.has-calibrated .series,.has-calibrated .legend-series{stroke-width:1;stroke-dasharray:2 3;stroke-opacity:.7}
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
      ? [
          input.latestManifest?.scoring?.status === 'PENDING'
            ? 'Your export has been read; its estimates are being computed. Reload this page in a minute.'
            : 'No estimates yet: they appear once your LinkedIn data export has been read.',
        ]
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

/**
 * Why no finding is open, without claiming more than was compared: "up to date" only when official readings
 * and estimates share days.
 */
const nothingOpen = (input: ReportInput): string => {
  if (input.readings.length === 0)
    return 'Nothing to check yet: findings compare your official readings with the estimates.';
  const estimated = new Set(input.estimates.map((estimate) => estimate.day));
  if (!input.readings.some((reading) => estimated.has(readingDay(reading))))
    return input.estimates.length === 0
      ? 'Nothing to compare yet: your official readings are stored, but there are no estimates until an export has been read.'
      : 'Nothing to compare yet: no estimate covers the days of your official readings; upload an export that reaches them.';
  return 'Nothing to report: your official scores look up to date and in line with the estimates.';
};

/** A finding stays current until a later reading or a re-evaluation resolves it (docs/findings.md, "Lifecycle"). */
const isOpen = (finding: Finding): boolean => finding.status !== 'resolved';

/** Resolved findings that re-evaluation no longer supports describe nothing that happened: off the chart too. */
const stillSupported = (finding: Finding): boolean =>
  finding.resolution !== 'withdrawn' && finding.resolution !== 'superseded-by-recalculation';

const findingsSection = (input: ReportInput): string => {
  const open = input.findings.filter(isOpen);
  const resolved = input.findings.length - open.length;
  const history =
    resolved === 0
      ? ''
      : `<p class="empty">${resolved === 1 ? '1 earlier finding is' : `${resolved} earlier findings are`} resolved (the score moved again, agrees again, or a recalculation explains it).</p>`;
  if (open.length === 0) {
    return `<p class="empty">${escapeHtml(nothingOpen(input))}</p>` + history;
  }
  // Newest first: what changed lately matters most.
  const findings = [...open].sort((a, b) =>
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
    '</ul>' +
    history
  );
};

/**
 * The last 30 estimated days as numbers, for screen readers and for anyone who wants the figures: the calibrated
 * estimate (official scale) first when there is one, the raw model estimate last and labelled as such.
 */
const recentTable = (input: ReportInput): string => {
  const recent = [...input.estimates].sort((a, b) => (a.day < b.day ? 1 : -1)).slice(0, RECENT_DAYS);
  if (recent.length === 0) return '';
  const calibrated = input.calibrated?.length ? byDay(input.calibrated) : undefined;
  const official = new Map<Day, OfficialReading>(
    sortReadings(input.readings).map((reading) => [readingDay(reading), reading]),
  );
  const header = [
    'Day',
    calibrated ? 'Estimate' : RAW_LABEL,
    'Official',
    ...PILLARS.map((pillar) => pillar[0]?.toUpperCase() + pillar.slice(1)),
    ...(calibrated ? [RAW_LABEL] : []),
  ];
  const rows = recent.map((estimate) => {
    const shown = calibrated ? calibrated.get(estimate.day) : estimate;
    const cells = [
      formatDay(estimate.day),
      formatCell(shown?.total),
      formatCell(official.get(estimate.day)?.overall),
      ...PILLARS.map((pillar) => formatCell(shown?.pillars[pillar])),
      ...(calibrated ? [formatScore(estimate.total, 1)] : []),
    ];
    return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
  });
  const caption = calibrated
    ? `Overall SSI estimated on LinkedIn’s scale (calibrated to your official readings${expectation(input)}), the official reading of the day, each pillar’s calibrated estimate, and the ${RAW_LABEL.toLowerCase()} before calibration.`
    : 'Overall SSI (raw model estimate, not yet on LinkedIn’s scale: report official readings to calibrate it), the official reading of the day, and the raw estimate of each pillar.';
  return (
    `<h2>The last ${recent.length === 1 ? 'day' : `${recent.length} days`}</h2>` +
    `<table><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr>${header.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
};

const RAW_LABEL = 'Raw model estimate';

/** "; expect ±1.3 points per reading, from 12 readings" — the calibration's leave-one-out error. */
const expectation = (input: ReportInput): string => {
  const calibration = input.calibration;
  if (!calibration) return '';
  const basis =
    calibration.readings === 0
      ? 'from your teammates’ calibrations, until you report a reading'
      : `from ${calibration.readings === 1 ? '1 reading' : `${calibration.readings} readings`}${calibration.basis === 'pooled' ? ' and your teammates’' : ''}`;
  return `; expect ±${formatScore(calibration.expectedError, 1)} points per reading, ${basis}`;
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
    `<section class="chart-section">${chartSection({ ...input, findings: input.findings.filter(stillSupported) })}</section>` +
    `<section class="findings-section"><h2>What we noticed</h2>${findingsSection(input)}</section>` +
    `<section class="manifest-section"><h2>Your latest upload</h2>${manifestSection(input.latestManifest)}</section>` +
    `<section class="recent-section">${recentTable(input)}</section>` +
    '</main></body></html>'
  );
};
