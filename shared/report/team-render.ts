import type { Day } from '../domain/kinds';
import { PILLARS } from '../domain/pillars';
import { localeFormat } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import { fill, messagesFor } from '../i18n/messages';
import { type PillarAveragePoint, QUIET_DAYS, type TeamReportData } from '../teams/team-report';
import type { Tier } from '../teams/tiers';
import { escapeHtml } from './escape';

/**
 * The printable team page: one self-contained HTML document (inline style and SVG, no scripts, nothing
 * fetched), every text from the catalogue's `team` namespace. Built for 500 members: one row per member in
 * the leaderboard (tier and the latest week's KPI ride along), the other sections list only exceptions.
 */
const PILLAR_COLOURS = ['#1f5fa8', '#b8560b', '#1d7a3e', '#7a2e8e'] as const;

/**
 * The team page's rules, every one under `#team-page` (its `<main>`): the printable page inlines them, the web
 * app ships them in its stylesheet next to the member page's (its CSP allows no inline styles, so the markup
 * carries no `style` attributes), and scoped they cannot restyle the app or the member page around them.
 */
export const TEAM_PAGE_CSS = `
#team-page{max-width:1040px;margin:0 auto;padding:20px 16px;font-size:14px;line-height:1.45}
#team-page h1{font-size:1.5rem;margin:0}
#team-page h2{font-size:1.1rem;margin:1.6rem 0 .4rem;padding-bottom:.2rem;border-bottom:1px solid #ccc}
#team-page h3{font-size:1rem;margin:1rem 0 .3rem}
#team-page .meta{color:#555}
#team-page figure{margin:0}
#team-page table{border-collapse:collapse;width:100%;font-size:inherit}
#team-page th,#team-page td{text-align:left;padding:2px 6px;border-bottom:1px solid #e3e3e3}
#team-page td.n,#team-page th.n{text-align:right;font-variant-numeric:tabular-nums}
#team-page .old{color:#8a3b00}
#team-page svg text{font-size:11px;fill:#333}
${PILLAR_COLOURS.map((colour, p) => `#team-page .swatch-${p}{color:${colour}}`).join('\n')}
@media print{#team-page{max-width:none}#team-page h2{break-after:avoid}#team-page tr{break-inside:avoid}}
`;

/** The printable page's own frame (the app has its own `body`). */
const STYLE = `
:root{color-scheme:light}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;color:#111;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
${TEAM_PAGE_CSS}`;

const chart = (points: readonly PillarAveragePoint[], label: string): string => {
  const width = 720;
  const height = 220;
  const left = 32;
  const bottom = 24;
  const x = (i: number) => left + (points.length <= 1 ? 0 : (i * (width - left - 8)) / (points.length - 1));
  const y = (v: number) => 8 + (height - bottom - 8) * (1 - v / 25);
  const grid = [0, 5, 10, 15, 20, 25]
    .map(
      (v) =>
        `<line x1="${left}" x2="${width - 8}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e3e3"/><text x="4" y="${y(v) + 4}">${v}</text>`,
    )
    .join('');
  const lines = PILLARS.map((pillar, p) => {
    const coords = points.flatMap((point, i) => {
      const v = point.pillars[pillar];
      return v === null ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`];
    });
    return coords.length === 0
      ? ''
      : `<polyline fill="none" stroke-width="2" stroke="${PILLAR_COLOURS[p]}" points="${coords.join(' ')}"/>`;
  }).join('');
  return `<svg role="img" aria-labelledby="avg-title" viewBox="0 0 ${width} ${height}" width="100%"><title id="avg-title">${escapeHtml(label)}</title>${grid}${lines}</svg>`;
};

export const renderTeamReport = (data: TeamReportData, locale: Locale): string => {
  const m = messagesFor(locale);
  const t = m.team;
  const f = localeFormat(locale);
  const e = escapeHtml;
  const day = (d: Day | null | undefined) => (d ? f.day(d) : t.never);
  const num = (v: number | null | undefined, digits = 1) =>
    v === null || v === undefined ? '—' : f.score(v, digits);
  const tierName = (tier: Tier | null) => (tier ? t[tier] : t.unplaced);
  const names = new Map(data.leaderboard.members.map((row) => [row.memberId, row.displayName]));
  const tierOf = new Map(data.tiers.members.map((row) => [row.memberId, row.tier]));
  const lastWeek = data.kpi.weeks.at(-1)?.week;
  const kpiOf = new Map(
    data.kpi.members.filter((row) => row.week === lastWeek).map((row) => [row.memberId, row.kpi]),
  );

  const leaderboardRows = data.leaderboard.members
    .map((row) => {
      const official = row.official
        ? `<span${row.official.current ? '' : ' class="old"'}>${num(row.official.overall)} (${fill(t.ageDays, { days: row.official.ageDays })})</span>`
        : '—';
      return `<tr><td class="n">${row.rank}</td><td>${e(row.displayName)}</td><td class="n">${official}</td><td class="n">${num(row.estimate?.calibrated?.total)}</td><td>${tierName(tierOf.get(row.memberId) ?? null)}</td><td class="n">${num(kpiOf.get(row.memberId))}</td><td>${row.staleOpen ? t.stale : ''}</td></tr>`;
    })
    .join('');

  const makeupRows = data.tiers.makeup
    .map(
      (point) =>
        `<tr><td>${f.day(point.day)}</td><td class="n">${point.beginner}</td><td class="n">${point.advanced}</td><td class="n">${point.star}</td><td class="n">${point.unplaced}</td></tr>`,
    )
    .join('');
  const moves = data.tiers.moves
    .map(
      (move) =>
        `<li>${e(fill(move.direction === 'up' ? t.movedUp : t.movedDown, { name: move.displayName, from: t[move.from], to: t[move.to] }))}</li>`,
    )
    .join('');

  const stale = data.leaderboard.staleMembers.map((id) => `<li>${e(names.get(id) ?? id)}</li>`).join('');
  const quiet = data.quiet
    .map(
      (q) =>
        `<tr><td>${e(q.displayName)}</td><td>${day(q.lastReadingDay)}</td><td>${day(q.lastExportDay)}</td></tr>`,
    )
    .join('');

  const competitions = data.competitions
    .map((c) => {
      const rows = c.standings
        .map(
          (s) =>
            `<tr><td class="n">${s.rank ?? '—'}</td><td>${e(s.displayName)}</td><td class="n">${s.improvement === null ? t.noData : f.signed(s.improvement)}</td><td>${s.basis ? (s.basis === 'official' ? m.common.official : s.basis === 'calibrated' ? m.common.calibrated : m.common.raw) : ''}</td></tr>`,
        )
        .join('');
      const metric = c.metric === 'total' ? m.common.overall : m.pillars[c.metric];
      return `<h3>${e(fill(t.competitionHeading, { name: c.name ?? '', metric, from: f.day(c.from), to: f.day(c.to) }))}</h3><table><thead><tr><th class="n">${t.rank}</th><th>${t.member}</th><th class="n">${t.improvement}</th><th>${t.basis}</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('');

  const kpiRows = data.kpi.weeks
    .map(
      (w) =>
        `<tr><td>${f.day(w.week)}</td><td class="n">${num(w.kpi)}</td><td class="n">${num(w.ssi === null ? null : w.ssi * 100)}</td><td class="n">${num(w.strategic === null ? null : w.strategic * 100)}</td><td class="n">${num(w.business === null ? null : w.business * 100)}</td></tr>`,
    )
    .join('');

  const { thresholds } = data.tiers;
  const legend = PILLARS.map(
    (pillar, p) => `<span class="swatch-${p}" aria-hidden="true">■</span> ${e(m.pillars[pillar])}`,
  ).join(' · ');

  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${e(fill(t.title, { teamId: data.teamId }))}</title><style>${STYLE}</style></head><body><main id="team-page">
<h1>${e(fill(t.title, { teamId: data.teamId }))}</h1>
<p class="meta">${e(fill(t.period, { from: f.day(data.from), to: f.day(data.to), generatedAt: f.instant(data.generatedAt) }))}</p>
<h2>${e(fill(t.leaderboardTitle, { date: f.day(data.leaderboard.date) }))}</h2>
<p class="meta">${e(fill(t.leaderboardNote, { days: data.leaderboard.readingMaxAgeDays }))}</p>
<table><thead><tr><th class="n">${t.rank}</th><th>${t.member}</th><th class="n">${t.officialReading}</th><th class="n">${t.estimate}</th><th>${t.tier}</th><th class="n">${t.kpi}</th><th>${t.stale}</th></tr></thead><tbody>${leaderboardRows}</tbody></table>
<h2>${t.averagesTitle}</h2>
<figure>${chart(data.averages, fill(t.averagesChart, { from: f.day(data.from), to: f.day(data.to) }))}<figcaption>${legend}</figcaption></figure>
<h2>${t.tiersTitle}</h2>
<p class="meta">${e(fill(t.tiersNote, { advanced: f.score(thresholds.advanced), star: f.score(thresholds.star) }))}</p>
<table><thead><tr><th>${t.day}</th><th class="n">${t.beginner}</th><th class="n">${t.advanced}</th><th class="n">${t.star}</th><th class="n">${t.unplaced}</th></tr></thead><tbody>${makeupRows}</tbody></table>
<h3>${e(fill(t.movesTitle, { from: f.day(data.from) }))}</h3>
${moves ? `<ul>${moves}</ul>` : `<p>${t.noMoves}</p>`}
<h2>${t.staleTitle}</h2>
${stale ? `<ul>${stale}</ul>` : `<p>${t.noStale}</p>`}
<h2>${e(fill(t.quietTitle, { days: QUIET_DAYS }))}</h2>
${quiet ? `<table><thead><tr><th>${t.member}</th><th>${t.lastReading}</th><th>${t.lastExport}</th></tr></thead><tbody>${quiet}</tbody></table>` : `<p>${t.noQuiet}</p>`}
<h2>${t.competitionsTitle}</h2>
${competitions || `<p>${t.noCompetitions}</p>`}
<h2>${t.kpiTitle}</h2>
${data.kpi.defaultDefinition ? `<p class="meta">${t.kpiDefault}</p>` : ''}
<table><thead><tr><th>${t.week}</th><th class="n">${t.kpi}</th><th class="n">${t.ssi}</th><th class="n">${t.strategic}</th><th class="n">${t.business}</th></tr></thead><tbody>${kpiRows}</tbody></table>
</main></body></html>`;
};
