import type { WhatMoved } from '../coaching/moved';
import type { Plan } from '../coaching/plan';
import type { Steadiness } from '../coaching/steady';
import { addDays } from '../domain/days';
import { PILLARS } from '../domain/pillars';
import { escapeHtml } from './escape';
import type { PageContext } from './page-context';

const coord = (value: number): string => String(Math.round(value * 10) / 10);

/** A source's name in words ("posts", "days active"); an unknown one keeps its id. */
const sourceName = (ctx: PageContext, source: string): string =>
  (ctx.t.plan.sources as Record<string, string>)[source] ?? source.replaceAll('_', ' ');

const SOURCES_IN_WORDS = 3;

/** The moves as a small horizontal bar chart: one row per pillar, its sources' changes stacked from zero. */
const movedChart = (moved: WhatMoved, ctx: PageContext): string => {
  const width = 640;
  const labelWidth = 230;
  const rowHeight = 26;
  const height = PILLARS.length * rowHeight + 24;
  const zero = labelWidth + (width - labelWidth) / 2;
  const extent = Math.max(
    0.5,
    ...moved.pillars.flatMap((pillar) => [
      pillar.sources.filter((s) => s.change > 0).reduce((sum, s) => sum + s.change, 0),
      -pillar.sources.filter((s) => s.change < 0).reduce((sum, s) => sum + s.change, 0),
    ]),
  );
  const scale = ((width - labelWidth) / 2 - 8) / extent;
  const rows = moved.pillars.map((pillar, row) => {
    const y = 8 + row * rowHeight;
    let up = zero;
    let down = zero;
    const bars = pillar.sources.map((source) => {
      const length = Math.abs(source.change) * scale;
      const x = source.change > 0 ? up : down - length;
      if (source.change > 0) up += length;
      else down -= length;
      const label = `${sourceName(ctx, source.source)} ${ctx.f.signed(source.change, 2)}`;
      return `<rect class="${source.change > 0 ? 'bar-up' : 'bar-down'}" x="${coord(x)}" y="${y}" width="${coord(Math.max(length, 0.5))}" height="16"><title>${escapeHtml(label)}</title></rect>`;
    });
    return (
      `<text x="0" y="${y + 12}">${escapeHtml(ctx.t.pillars[pillar.pillar])}</text>` +
      bars.join('') +
      `<text x="${width}" y="${y + 12}" text-anchor="end">${escapeHtml(ctx.f.signed(pillar.change, 1))}</text>`
    );
  });
  const title = escapeHtml(ctx.t.member.moved.chartTitle);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="moved-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="moved-title">` +
    `<title id="moved-title">${title}</title>` +
    `<line class="axis" x1="${zero}" x2="${zero}" y1="0" y2="${height - 16}"/>` +
    rows.join('') +
    '</svg>'
  );
};

export const movedSection = (moved: WhatMoved | undefined, ctx: PageContext): string => {
  const words = ctx.t.member.moved;
  if (!moved) return `<p class="empty">${escapeHtml(words.none)}</p>`;
  const { f, fill } = ctx;
  const list = (sources: WhatMoved['pillars'][number]['sources']) =>
    sources
      .slice(0, SOURCES_IN_WORDS)
      .map((source) => `${sourceName(ctx, source.source)} ${f.signed(source.change, 1)}`)
      .join(', ');
  const items = moved.pillars.map((pillar) => {
    const raised = pillar.sources.filter((source) => source.change > 0);
    const lowered = pillar.sources.filter((source) => source.change < 0);
    const parts = [
      raised.length ? fill(words.raised, { sources: list(raised) }) : '',
      lowered.length ? fill(words.lowered, { sources: list(lowered) }) : '',
    ].filter(Boolean);
    const head = `${ctx.t.pillars[pillar.pillar]}: ${f.signed(pillar.change, 1)} (${f.score(pillar.from, 1)} → ${f.score(pillar.to, 1)})`;
    const direction = pillar.change > 0 ? 'up' : pillar.change < 0 ? 'down' : 'flat';
    return `<li class="move move-${direction}">${escapeHtml(`${head}: ${parts.length ? parts.join('; ') : words.unchanged}`)}</li>`;
  });
  return (
    `<p>${escapeHtml(
      fill(words.range, {
        from: f.day(moved.from),
        to: f.day(moved.to),
        change: f.signed(moved.change, 1),
        scale: moved.calibrated ? words.calibratedScale : words.rawScale,
      }),
    )}</p>` +
    `<ul class="moves">${items.join('')}</ul>` +
    `<figure>${movedChart(moved, ctx)}</figure>` +
    `<p class="meta">${escapeHtml(words.pickRange)}</p>`
  );
};

export const nextSection = (plan: Plan | undefined, ctx: PageContext): string => {
  const words = ctx.t.member.next;
  if (!plan) return `<p class="empty">${escapeHtml(words.none)}</p>`;
  const { f, fill, plural } = ctx;
  const actions = plan.actions.map((action) => {
    const forms = (ctx.t.plan.actions as Record<string, typeof ctx.t.plan.actions.post>)[action.action];
    const what = forms ? plural(forms, action.perWeek) : action.action;
    const gains = PILLARS.filter((pillar) => action.gain[pillar] >= 0.05)
      .map((pillar) => `${f.signed(action.gain[pillar], 1)} ${ctx.t.member.recent.columns[pillar]}`)
      .join(', ');
    return (
      `<li class="action"><strong>${escapeHtml(what)}</strong>: ` +
      `<span class="gains">${escapeHtml(gains || fill(words.total, { total: f.signed(action.total, 1) }))}</span>` +
      (gains
        ? ` <span class="meta">(${escapeHtml(fill(words.total, { total: f.signed(action.total, 1) }))})</span>`
        : '') +
      '</li>'
    );
  });
  const forecast = plan.forecast;
  return (
    `<p>${escapeHtml(fill(words.intro, { day: f.day(plan.dataAsOf), days: f.count(plan.horizonDays) }))}</p>` +
    `<ol class="actions">${actions.join('')}</ol>` +
    `<p class="forecast">${escapeHtml(
      fill(words.forecast, {
        from: f.score(forecast.from.total, 1),
        to: f.score(forecast.to.total, 1),
        day: f.day(forecast.to.day),
        change: f.signed(forecast.change, 1),
      }),
    )}</p>`
  );
};

/** One row of squares per pillar, oldest week left: the run and its breaks at a glance. */
const streakStrip = (weeks: readonly boolean[], title: string): string => {
  const cell = 12;
  const width = weeks.length * cell;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="streak" viewBox="0 0 ${width} ${cell}" role="img"><title>${escapeHtml(title)}</title>` +
    weeks
      .map(
        (active, i) =>
          `<rect class="week${active ? ' active' : ''}" x="${i * cell}" y="1" width="${cell - 2}" height="${cell - 2}"/>`,
      )
      .join('') +
    '</svg>'
  );
};

export const steadySection = (steadiness: Steadiness | undefined, ctx: PageContext): string => {
  if (!steadiness) return `<p class="empty">${escapeHtml(ctx.t.member.moved.none)}</p>`;
  const words = ctx.t.member.steady;
  const { f, fill, plural } = ctx;
  const weeks = steadiness.pillars[0]?.weeks.length ?? 0;
  const items = steadiness.pillars.map((pillar) => {
    const name = ctx.t.pillars[pillar.pillar];
    const facts = [
      plural(words.current, pillar.current),
      fill(words.longest, { n: f.count(pillar.longest) }),
      fill(words.active, { n: f.count(pillar.activeWeeks), weeks: f.count(weeks) }),
      pillar.breaks.length
        ? fill(words.breaks, {
            weeks: pillar.breaks
              .map((monday) =>
                f.day(monday, monday.slice(0, 4) !== addDays(steadiness.lastWeek, 0).slice(0, 4)),
              )
              .join(', '),
          })
        : words.noBreaks,
    ];
    return (
      `<li><strong>${escapeHtml(name)}</strong>: ${escapeHtml(facts.join(' · '))}` +
      streakStrip(pillar.weeks, fill(words.stripTitle, { pillar: name })) +
      '</li>'
    );
  });
  return (
    `<p>${escapeHtml(fill(words.intro, { day: f.day(steadiness.lastWeek) }))}</p>` +
    `<ul class="steady">${items.join('')}</ul>`
  );
};
