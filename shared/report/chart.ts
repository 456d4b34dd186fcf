import { dayNumber, dayOf } from '../domain/days';
import type { Day } from '../domain/kinds';
import type { Finding, FindingScope, OfficialReading } from '../domain/pillars';
import { officialValue, readingDay, type ScoredDay, scopeMax, scoredValue } from '../findings/series';
import { escapeHtml } from './escape';
import { type PageContext, pageContext } from './page-context';

export interface ChartInput {
  estimates: readonly ScoredDay[];
  calibrated?: readonly ScoredDay[];
  readings: readonly OfficialReading[];
  findings: readonly Finding[];
}

const GROUPS = ['industry', 'network'] as const;
type Group = (typeof GROUPS)[number];

/** One plot area in SVG user units; the overall SSI (0–100) gets its own panel so both scales stay legible. */
export interface Panel {
  scope: FindingScope;
  x: number;
  y: number;
  width: number;
  height: number;
}

const WIDTH = 960;
const LEFT = 44;
const RIGHT = 16;
const COLUMN_GAP = 44;
const PILLAR_WIDTH = (WIDTH - LEFT - RIGHT - COLUMN_GAP) / 2;
const PILLAR_HEIGHT = 120;
const HEIGHT = 640;

/** The overall panel across the top, the four pillars in a 2 × 2 grid below it. */
export const PANELS: readonly Panel[] = [
  { scope: 'overall', x: LEFT, y: 72, width: WIDTH - LEFT - RIGHT, height: 190 },
  { scope: 'brand', x: LEFT, y: 318, width: PILLAR_WIDTH, height: PILLAR_HEIGHT },
  {
    scope: 'people',
    x: LEFT + PILLAR_WIDTH + COLUMN_GAP,
    y: 318,
    width: PILLAR_WIDTH,
    height: PILLAR_HEIGHT,
  },
  { scope: 'insights', x: LEFT, y: 494, width: PILLAR_WIDTH, height: PILLAR_HEIGHT },
  {
    scope: 'relationships',
    x: LEFT + PILLAR_WIDTH + COLUMN_GAP,
    y: 494,
    width: PILLAR_WIDTH,
    height: PILLAR_HEIGHT,
  },
];

const DAY_MS = 86_400_000;
const READING_RADIUS = 2;
const LONE_DAY_HALF_WIDTH = 4;
const DIVERGENT_RADIUS = 3.6;
const MIN_LABEL_SPACING = 56;
/** Pixels between a line's points: finer steps add bytes, not anything the eye can see at 1.6 px strokes. */
const LINE_SPACING = 2;
/** Pixels between reading dots: a dot is 4 px wide, so closer dots only overlap and add bytes, not detail. */
const READING_SPACING = 3;
/** Group averages are 6 px dashes: one per dash width. */
const GROUP_SPACING = 6;

/** One decimal is below a pixel's width and keeps the page small. */
const coord = (value: number): string => String(Math.round(value * 10) / 10);

/** The days the chart spans, both ends included, as day numbers. */
interface Range {
  first: number;
  days: number;
}

const rangeOf = (input: ChartInput): Range | undefined => {
  const dayNumbers = [
    ...input.estimates.map((estimate) => dayNumber(estimate.day)),
    ...(input.calibrated ?? []).map((estimate) => dayNumber(estimate.day)),
    ...input.readings.map((reading) => dayNumber(readingDay(reading))),
  ];
  if (dayNumbers.length === 0) return undefined;
  const first = Math.min(...dayNumbers);
  return { first, days: Math.max(...dayNumbers) - first + 1 };
};

/** Each day owns an equal slice of the plot width; these are its left edge and its centre. */
const dayEdge = (panel: Panel, range: Range, day: number): number =>
  panel.x + ((day - range.first) / range.days) * panel.width;
const dayCentre = (panel: Panel, range: Range, day: number): number => dayEdge(panel, range, day + 0.5);
const pixelColumn = (panel: Panel, range: Range, day: number): number =>
  Math.min(Math.floor(panel.width) - 1, Math.floor(((day - range.first) / range.days) * panel.width));
const valueY = (panel: Panel, value: number): number => {
  const share = Math.min(1, Math.max(0, value / scopeMax(panel.scope)));
  return panel.y + panel.height * (1 - share);
};

/**
 * A series as one path, at most one point per LINE_SPACING pixels (the mean of the days there), so three years stay
 * a few kilobytes. A missing day breaks the line; a lone day is drawn as a short dash, or it would not show.
 */
export const seriesPath = (panel: Panel, range: Range, days: readonly ScoredDay[]): string => {
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const segments: { x: number; y: number }[][] = [];
  let bucket: { column: number; daySum: number; valueSum: number; count: number } | undefined;
  let previousDay: number | undefined;
  const flush = () => {
    if (!bucket) return;
    const x = dayCentre(panel, range, bucket.daySum / bucket.count);
    segments.at(-1)?.push({ x, y: valueY(panel, bucket.valueSum / bucket.count) });
    bucket = undefined;
  };
  for (const scored of sorted) {
    const day = dayNumber(scored.day);
    const column = Math.floor(pixelColumn(panel, range, day) / LINE_SPACING);
    const gap = previousDay === undefined || day - previousDay > 1;
    if (bucket && (bucket.column !== column || gap)) flush();
    if (gap) segments.push([]);
    bucket ??= { column, daySum: 0, valueSum: 0, count: 0 };
    bucket.daySum += day;
    bucket.valueSum += scoredValue(scored, panel.scope);
    bucket.count += 1;
    previousDay = day;
  }
  flush();
  return segments
    .map((points) => {
      const [only] = points;
      if (points.length === 1 && only) {
        const left = Math.min(
          Math.max(only.x - LONE_DAY_HALF_WIDTH, panel.x),
          panel.x + panel.width - 2 * LONE_DAY_HALF_WIDTH,
        );
        return `M${coord(left)} ${coord(only.y)}h${2 * LONE_DAY_HALF_WIDTH}`;
      }
      return `M${points.map((point) => `${coord(point.x)} ${coord(point.y)}`).join(' ')}`;
    })
    .join('');
};

const findingsOf = (findings: readonly Finding[], type: Finding['type'], scope: FindingScope) =>
  findings.filter((finding) => finding.type === type && finding.pillar === scope);

/** Official readings as points, one per READING_SPACING pixels (the latest; a divergent one wins so it stays visible). */
const readingPoints = (
  panel: Panel,
  range: Range,
  readings: readonly OfficialReading[],
  divergent: readonly Finding[],
): string => {
  const byColumn = new Map<number, { reading: OfficialReading; divergent: boolean }>();
  const sorted = [...readings].sort((a, b) => (a.observedAt < b.observedAt ? -1 : 1));
  for (const reading of sorted) {
    const day = readingDay(reading);
    const isDivergent = divergent.some((finding) => finding.from <= day && day <= finding.to);
    const column = Math.floor(pixelColumn(panel, range, dayNumber(day)) / READING_SPACING);
    if (byColumn.get(column)?.divergent && !isDivergent) continue;
    byColumn.set(column, { reading, divergent: isDivergent });
  }
  return [...byColumn.values()]
    .map(({ reading, divergent: isDivergent }) => {
      const cx = coord(dayCentre(panel, range, dayNumber(readingDay(reading))));
      const cy = coord(valueY(panel, officialValue(reading, panel.scope)));
      return isDivergent
        ? `<circle class="reading divergent" cx="${cx}" cy="${cy}" r="${DIVERGENT_RADIUS}"/>`
        : `<circle class="reading" cx="${cx}" cy="${cy}" r="${READING_RADIUS}"/>`;
    })
    .join('');
};

const groupValue = (reading: OfficialReading, group: Group, scope: FindingScope): number | undefined => {
  const figures = reading[group];
  const value = scope === 'overall' ? figures?.overall : figures?.pillars?.[scope];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/**
 * The industry's and the network's average SSI, as LinkedIn reports them with a reading: a short dash per
 * reading day (one per dash width, the latest), so they read as a reference level beside the member's line.
 */
const groupMarks = (
  panel: Panel,
  range: Range,
  readings: readonly OfficialReading[],
  group: Group,
): string => {
  const byColumn = new Map<number, { day: number; value: number }>();
  for (const reading of [...readings].sort((a, b) => (a.observedAt < b.observedAt ? -1 : 1))) {
    const value = groupValue(reading, group, panel.scope);
    if (value === undefined) continue;
    const day = dayNumber(readingDay(reading));
    byColumn.set(Math.floor(pixelColumn(panel, range, day) / GROUP_SPACING), { day, value });
  }
  if (byColumn.size === 0) return '';
  const marks = [...byColumn.values()].map(({ day, value }) => {
    const x = Math.min(Math.max(dayCentre(panel, range, day) - 3, panel.x), panel.x + panel.width - 6);
    return `M${coord(x)} ${coord(valueY(panel, value))}h6`;
  });
  return `<path class="group-${group}" d="${marks.join('')}"/>`;
};

/** A day span clipped to the chart, as left and right x; undefined when it lies wholly outside. */
const spanX = (panel: Panel, range: Range, from: Day, to: Day): [number, number] | undefined => {
  const start = Math.max(dayNumber(from), range.first);
  const end = Math.min(dayNumber(to), range.first + range.days - 1);
  if (end < start) return undefined;
  return [dayEdge(panel, range, start), dayEdge(panel, range, end + 1)];
};

const staleSpans = (panel: Panel, range: Range, stale: readonly Finding[]): string =>
  stale
    .map((finding) => {
      const span = spanX(panel, range, finding.from, finding.to);
      if (!span) return '';
      const [left, right] = span;
      return `<rect class="stale-span" x="${coord(left)}" y="${panel.y}" width="${coord(right - left)}" height="${panel.height}"/>`;
    })
    .join('');

/** LinkedIn's formula changed between the two readings: a dashed line where the new value first shows. */
const recalculationLines = (panel: Panel, range: Range, recalculations: readonly Finding[]): string =>
  recalculations
    .map((finding) => {
      const span = spanX(panel, range, finding.to, finding.to);
      if (!span) return '';
      const x = coord(span[0]);
      return `<line class="recalculation" x1="${x}" x2="${x}" y1="${panel.y}" y2="${panel.y + panel.height}"/>`;
    })
    .join('');

const valueAxis = (panel: Panel): string => {
  const max = scopeMax(panel.scope);
  const step = max / (panel.scope === 'overall' ? 4 : 5);
  const ticks: string[] = [];
  for (let value = 0; value <= max; value += step) {
    const y = coord(valueY(panel, value));
    ticks.push(
      `<line class="grid" x1="${panel.x}" x2="${panel.x + panel.width}" y1="${y}" y2="${y}"/>` +
        `<text class="value-tick" x="${panel.x - 6}" y="${y}" dy="4" text-anchor="end">${value}</text>`,
    );
  }
  return ticks.join('');
};

interface TimeTick {
  day: number;
  label: string;
  /** 0–11 on month ticks. */
  month?: number;
}

/** Month starts when the chart spans two or more, else every day. */
const timeTicks = (range: Range, ctx: PageContext): TimeTick[] => {
  const last = range.first + range.days - 1;
  const months: TimeTick[] = [];
  const firstDay = dayOf(range.first);
  let year = Number(firstDay.slice(0, 4));
  let month = Number(firstDay.slice(5, 7)) - 1;
  for (let day = Date.UTC(year, month, 1) / DAY_MS; day <= last; day = Date.UTC(year, month, 1) / DAY_MS) {
    if (day >= range.first) months.push({ day, label: ctx.month(dayOf(day)), month });
    month = (month + 1) % 12;
    if (month === 0) year += 1;
  }
  if (months.length >= 2) return months;
  return Array.from({ length: range.days }, (_, index) => ({
    day: range.first + index,
    label: ctx.f.day(dayOf(range.first + index), false),
  }));
};

/** Labels thinned to stay apart: every 2, 3, 6 or 12 months (aligned on January), or every few days. */
const timeAxis = (panel: Panel, range: Range, ctx: PageContext): string => {
  const ticks = timeTicks(range, ctx);
  const [first, second] = ticks;
  const spacing =
    first && second ? dayEdge(panel, range, second.day) - dayEdge(panel, range, first.day) : panel.width;
  const steps = first?.month === undefined ? [1, 2, 7, 14, 28, 56] : [1, 2, 3, 6, 12];
  const every = steps.find((step) => spacing * step >= MIN_LABEL_SPACING) ?? (steps.at(-1) as number);
  const bottom = panel.y + panel.height;
  return ticks
    .filter((tick, index) => (tick.month === undefined ? index : tick.month) % every === 0)
    .map((tick, index) => {
      const x = coord(
        tick.month === undefined ? dayCentre(panel, range, tick.day) : dayEdge(panel, range, tick.day),
      );
      // The year goes on the first month label and on every January.
      const label =
        tick.month !== undefined && (index === 0 || tick.month === 0)
          ? `${tick.label} ${dayOf(tick.day).slice(0, 4)}`
          : tick.label;
      return (
        `<line class="tick" x1="${x}" x2="${x}" y1="${bottom}" y2="${bottom + 4}"/>` +
        `<text class="time-tick" x="${x}" y="${bottom + 16}" text-anchor="middle">${label}</text>`
      );
    })
    .join('');
};

const panelSvg = (panel: Panel, range: Range, input: ChartInput, ctx: PageContext): string => {
  const calibrated = input.calibrated?.length
    ? `<path class="calibrated calibrated-${panel.scope}" d="${seriesPath(panel, range, input.calibrated)}"/>`
    : '';
  const estimates = input.estimates.length
    ? `<path class="series series-${panel.scope}" d="${seriesPath(panel, range, input.estimates)}"/>`
    : '';
  const max = scopeMax(panel.scope);
  return (
    `<g class="panel panel-${panel.scope}">` +
    `<text class="panel-title" x="${panel.x}" y="${panel.y - 8}">${escapeHtml(ctx.scope(panel.scope))} (0–${max})</text>` +
    valueAxis(panel) +
    staleSpans(panel, range, findingsOf(input.findings, 'STALE', panel.scope)) +
    recalculationLines(panel, range, findingsOf(input.findings, 'RECALCULATION', panel.scope)) +
    `<rect class="plot" x="${panel.x}" y="${panel.y}" width="${panel.width}" height="${panel.height}"/>` +
    estimates +
    calibrated +
    GROUPS.map((group) => groupMarks(panel, range, input.readings, group)).join('') +
    readingPoints(panel, range, input.readings, findingsOf(input.findings, 'DIVERGENT', panel.scope)) +
    timeAxis(panel, range, ctx) +
    '</g>'
  );
};

const calibrated = (input: ChartInput): boolean => (input.calibrated?.length ?? 0) > 0;

/** Only what the chart shows, so the key stays short. */
const legend = (input: ChartInput, ctx: PageContext): string => {
  const words = ctx.t.member.chart;
  const has = (type: Finding['type']) => input.findings.some((finding) => finding.type === type);
  const entries: [boolean, string, string][] = [
    // Calibrated first: it is on LinkedIn's scale; the raw line is the model before calibration.
    [calibrated(input), '<line class="legend-calibrated" x1="0" x2="22" y1="0" y2="0"/>', words.calibrated],
    [
      input.estimates.length > 0,
      '<line class="legend-series" x1="0" x2="22" y1="0" y2="0"/>',
      calibrated(input) ? words.rawBeside : words.rawAlone,
    ],
    [
      input.readings.length > 0,
      `<circle class="reading" cx="11" cy="0" r="${READING_RADIUS}"/>`,
      words.reading,
    ],
    ...GROUPS.map((group): [boolean, string, string] => [
      input.readings.some((reading) => groupValue(reading, group, 'overall') !== undefined),
      `<path class="group-${group}" d="M5 0h12"/>`,
      words[group],
    ]),
    [
      has('DIVERGENT'),
      `<circle class="reading divergent" cx="11" cy="0" r="${DIVERGENT_RADIUS}"/>`,
      words.divergent,
    ],
    [has('STALE'), '<rect class="stale-span" x="0" y="-7" width="22" height="14"/>', words.stale],
    [
      has('RECALCULATION'),
      '<line class="recalculation" x1="11" x2="11" y1="-7" y2="7"/>',
      words.recalculation,
    ],
  ];
  const items = entries.filter(([shown]) => shown).map(([, symbol, label]) => [symbol, label] as const);
  let x = LEFT;
  const placed = items.map(([symbol, label]) => {
    const item = `<g transform="translate(${coord(x)} 40)">${symbol}<text x="28" y="4">${escapeHtml(label)}</text></g>`;
    // 11 px text is at most about 6.5 px per character; the symbol and a gap take 44.
    x += 44 + label.length * 6.5;
    return item;
  });
  return `<g class="legend">${placed.join('')}</g>`;
};

/** What a screen reader says instead of the picture. */
const description = (input: ChartInput, range: Range, ctx: PageContext): string => {
  const words = ctx.t.member.chart;
  const stale = input.findings.filter((finding) => finding.type === 'STALE').length;
  const divergent = input.findings.filter((finding) => finding.type === 'DIVERGENT').length;
  return ctx.fill(words.description, {
    from: ctx.f.day(dayOf(range.first)),
    to: ctx.f.day(dayOf(range.first + range.days - 1)),
    readings: ctx.plural(words.readings, input.readings.length),
    stale: ctx.plural(words.staleSpans, stale),
    divergent: ctx.plural(words.runs, divergent),
  });
};

/** The chart as inline SVG; undefined when there is nothing to draw (no estimates and no readings). */
export const renderChart = (input: ChartInput, ctx: PageContext = pageContext('en')): string | undefined => {
  const range = rangeOf(input);
  if (!range) return undefined;
  const title = escapeHtml(ctx.t.member.chart.title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart${calibrated(input) ? ' has-calibrated' : ''}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" ` +
    `aria-labelledby="chart-title chart-desc">` +
    `<title id="chart-title">${title}</title>` +
    `<desc id="chart-desc">${escapeHtml(description(input, range, ctx))}</desc>` +
    `<text class="chart-title" x="${LEFT}" y="20">${title}</text>` +
    legend(input, ctx) +
    PANELS.map((panel) => panelSvg(panel, range, input, ctx)).join('') +
    '</svg>'
  );
};
