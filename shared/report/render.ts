import type { WhatMoved } from '../coaching/moved';
import type { Plan } from '../coaching/plan';
import type { Steadiness } from '../coaching/steady';
import type { Day } from '../domain/kinds';
import type { IngestManifest } from '../domain/manifest';
import type { CalibrationBasis, DailyEstimate, Finding, OfficialReading } from '../domain/pillars';
import { PILLARS } from '../domain/pillars';
import { byDay, readingDay, type ScoredDay, sortReadings } from '../findings/series';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../i18n/locales';
import { CATALOGUES } from '../i18n/messages';
import { renderChart } from './chart';
import { movedSection, nextSection, steadySection } from './coaching-sections';
import { escapeHtml } from './escape';
import { adviseOnFinding, describeFinding } from './findings-text';
import { manifestSection } from './manifest-section';
import { type PageContext, pageContext } from './page-context';
import { PAGE_CSS } from './styles';

/** Everything the member report page shows; the caller reads it from the stores. */
export interface ReportInput {
  memberId: string;
  /** ISO instant, printed on the page. */
  generatedAt: string;
  /** The page's language (default English). */
  locale?: Locale;
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
  /** What moved the score (shared/coaching): absent without estimates. */
  moved?: WhatMoved;
  /** What to do next and the forecast (shared/coaching). */
  plan?: Plan;
  /** How steady the member is (shared/coaching). */
  steadiness?: Steadiness;
  /** Days since the data's last day, when it is old enough to say so. */
  staleDataDays?: number;
}

const RECENT_DAYS = 30;

const chartSection = (input: ReportInput, ctx: PageContext): string => {
  const empty = ctx.t.member.empty;
  const chart = renderChart(input, ctx);
  const notes = [
    ...(input.estimates.length === 0
      ? [input.latestManifest?.scoring?.status === 'PENDING' ? empty.scoring : empty.noEstimates]
      : []),
    ...(input.readings.length === 0 ? [empty.noReadings] : []),
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
const nothingOpen = (input: ReportInput, ctx: PageContext): string => {
  const words = ctx.t.member.findings;
  if (input.readings.length === 0) return words.nothingToCheck;
  const estimated = new Set(input.estimates.map((estimate) => estimate.day));
  if (!input.readings.some((reading) => estimated.has(readingDay(reading))))
    return input.estimates.length === 0 ? words.nothingToCompareNoEstimates : words.nothingToCompareElsewhere;
  return words.nothingToReport;
};

/** A finding stays current until a later reading or a re-evaluation resolves it (docs/findings.md, "Lifecycle"). */
const isOpen = (finding: Finding): boolean => finding.status !== 'resolved';

/** Resolved findings that re-evaluation no longer supports describe nothing that happened: off the chart too. */
const stillSupported = (finding: Finding): boolean =>
  finding.resolution !== 'withdrawn' && finding.resolution !== 'superseded-by-recalculation';

const findingsSection = (input: ReportInput, ctx: PageContext): string => {
  const words = ctx.t.member.findings;
  const open = input.findings.filter(isOpen);
  const resolved = input.findings.length - open.length;
  const history =
    resolved === 0 ? '' : `<p class="empty">${escapeHtml(ctx.plural(words.resolved, resolved))}</p>`;
  if (open.length === 0) return `<p class="empty">${escapeHtml(nothingOpen(input, ctx))}</p>${history}`;
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
          `${escapeHtml(describeFinding(finding, ctx))}` +
          `<br><span class="advice">${escapeHtml(`${words.whatToDo} ${adviseOnFinding(finding, ctx)}`)}</span></li>`,
      )
      .join('') +
    '</ul>' +
    history
  );
};

/** "; expect ±1.3 points per reading, from 12 readings" — the calibration's leave-one-out error. */
const expectation = (input: ReportInput, ctx: PageContext): string => {
  const calibration = input.calibration;
  if (!calibration) return '';
  const words = ctx.t.member.recent;
  const readings = ctx.plural(words.basisReadings, calibration.readings);
  const basis =
    calibration.readings === 0
      ? words.basisPrior
      : calibration.basis === 'pooled'
        ? ctx.fill(words.basisPooled, { readings })
        : readings;
  return ctx.fill(words.expectation, { error: ctx.f.score(calibration.expectedError, 1), basis });
};

/**
 * The last 30 estimated days as numbers, for screen readers and for anyone who wants the figures: the calibrated
 * estimate (official scale) first when there is one, the raw model estimate last and labelled as such.
 */
const recentTable = (input: ReportInput, ctx: PageContext): string => {
  const words = ctx.t.member.recent;
  const recent = [...input.estimates].sort((a, b) => (a.day < b.day ? 1 : -1)).slice(0, RECENT_DAYS);
  if (recent.length === 0) return '';
  const calibrated = input.calibrated?.length ? byDay(input.calibrated) : undefined;
  const official = new Map<Day, OfficialReading>(
    sortReadings(input.readings).map((reading) => [readingDay(reading), reading]),
  );
  const rawLabel = ctx.t.member.chart.rawBeside;
  const header = [
    words.day,
    calibrated ? words.estimate : rawLabel,
    words.official,
    ...PILLARS.map((pillar) => words.columns[pillar]),
    ...(calibrated ? [rawLabel] : []),
  ];
  const cell = (value: number | undefined): string => (value === undefined ? '–' : ctx.f.score(value, 1));
  const rows = recent.map((estimate) => {
    const shown = calibrated ? calibrated.get(estimate.day) : estimate;
    const cells = [
      ctx.f.day(estimate.day),
      cell(shown?.total),
      cell(official.get(estimate.day)?.overall),
      ...PILLARS.map((pillar) => cell(shown?.pillars[pillar])),
      ...(calibrated ? [cell(estimate.total)] : []),
    ];
    return `<tr>${cells.map((value) => `<td>${escapeHtml(value)}</td>`).join('')}</tr>`;
  });
  // A member without readings is calibrated from the team: the caption says so rather than "to your readings".
  const caption = calibrated
    ? ctx.fill(input.calibration?.readings === 0 ? words.fromTeamCaption : words.calibratedCaption, {
        expectation: expectation(input, ctx),
      })
    : words.rawCaption;
  return (
    `<h2>${escapeHtml(recent.length === 1 ? words.headingOne : ctx.fill(words.heading, { n: recent.length }))}</h2>` +
    `<table><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr>${header.map((value) => `<th scope="col">${escapeHtml(value)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
};

/** Links to the same page in every language, the current one marked. */
const languageLinks = (ctx: PageContext): string =>
  `<nav class="languages" aria-label="${escapeHtml(ctx.t.member.languages)}">` +
  LOCALES.map((locale) =>
    locale === ctx.locale
      ? `<a href="?lang=${locale}" aria-current="true" lang="${locale}">${escapeHtml(CATALOGUES[locale].languageName)}</a>`
      : `<a href="?lang=${locale}" lang="${locale}">${escapeHtml(CATALOGUES[locale].languageName)}</a>`,
  ).join('') +
  '</nav>';

/**
 * The page's body, `<main id="member-page">…</main>`: the printable report wraps it in a document, the web app
 * puts it in its shell. Pure: every text comes from the locale's catalogue, every number through its formats.
 */
export const renderMemberPage = (input: ReportInput): string => {
  const ctx = pageContext(input.locale ?? DEFAULT_LOCALE);
  const words = ctx.t.member;
  const staleData =
    input.staleDataDays !== undefined && input.plan
      ? `<p class="stale-data">${escapeHtml(
          ctx.fill(words.staleData, {
            day: ctx.f.day(input.plan.dataAsOf),
            days: ctx.f.count(input.staleDataDays),
          }),
        )}</p>`
      : '';
  return (
    '<main id="member-page">' +
    `<header><h1>${escapeHtml(words.heading)}</h1><p class="meta">${escapeHtml(
      ctx.fill(words.meta, { member: input.memberId, at: ctx.f.instant(input.generatedAt) }),
    )}</p>${languageLinks(ctx)}${staleData}</header>` +
    `<section class="chart-section">${chartSection({ ...input, findings: input.findings.filter(stillSupported) }, ctx)}</section>` +
    `<section class="findings-section"><h2>${escapeHtml(words.findings.heading)}</h2>${findingsSection(input, ctx)}</section>` +
    `<section class="moved-section"><h2>${escapeHtml(words.moved.heading)}</h2>${movedSection(input.moved, ctx)}</section>` +
    `<section class="next-section"><h2>${escapeHtml(words.next.heading)}</h2>${nextSection(input.plan, ctx)}</section>` +
    `<section class="steady-section"><h2>${escapeHtml(words.steady.heading)}</h2>${steadySection(input.steadiness, ctx)}</section>` +
    `<section class="manifest-section"><h2>${escapeHtml(words.manifestHeading)}</h2>${manifestSection(input.latestManifest, ctx)}</section>` +
    `<section class="recent-section">${recentTable(input, ctx)}</section>` +
    '</main>'
  );
};

/** The member report: one self-contained HTML page (inline CSS and SVG, nothing fetched), printable. */
export const renderReport = (input: ReportInput): string => {
  const locale = input.locale ?? DEFAULT_LOCALE;
  const ctx = pageContext(locale);
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    // Nothing may be fetched: the page must work offline, from a file or an e-mail attachment.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(ctx.fill(ctx.t.member.title, { member: input.memberId }))}</title><style>${PAGE_CSS}</style></head><body>` +
    renderMemberPage(input) +
    '</body></html>'
  );
};
