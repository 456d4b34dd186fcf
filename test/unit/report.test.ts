import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import type { DailyEstimate, Finding, OfficialReading } from '../../shared/domain/pillars';
import { PANELS } from '../../shared/report/chart';
import { escapeHtml } from '../../shared/report/escape';
import { adviseOnFinding, describeFinding } from '../../shared/report/findings-text';
import { describeManifest } from '../../shared/report/manifest-section';
import { pageContext } from '../../shared/report/page-context';
import { type ReportInput, renderReport } from '../../shared/report/render';
import { reportManifest as manifest, pillarsOn, sum, syntheticEstimates } from '../support/report-input';

const FIRST_DAY = '2024-01-01';

const estimates = (days: number): DailyEstimate[] => syntheticEstimates(FIRST_DAY, days);

const reading = (dayIndex: number, offset = 0.7): OfficialReading => {
  const pillars = pillarsOn(dayIndex, offset);
  const observedAt = `${addDays(FIRST_DAY, dayIndex)}T09:00:00.000Z`;
  return {
    memberId: 'jane',
    observedAt,
    receivedAt: observedAt,
    source: 'api-json',
    overall: sum(pillars),
    pillars,
    readingHash: `h${dayIndex}`,
  };
};

const finding = (
  type: Finding['type'],
  pillar: Finding['pillar'],
  from: number,
  to: number,
  evidence = {},
) => ({
  memberId: 'jane',
  type,
  pillar,
  from: addDays(FIRST_DAY, from),
  to: addDays(FIRST_DAY, to),
  detectedAt: `${addDays(FIRST_DAY, to)}T09:00:00.000Z`,
  evidence,
});

const input = (days: number, overrides: Partial<ReportInput> = {}): ReportInput => ({
  memberId: 'jane',
  generatedAt: '2026-05-03T14:02:00.000Z',
  estimates: estimates(days),
  readings: [10, 20, 30, 40, 50].map((day) => reading(day)),
  findings: [
    finding('STALE', 'overall', 12, 40, { value: 42.5, activeDays: 20, reason: 'active' }),
    finding('STALE', 'brand', 60, 80, {}),
    finding('DIVERGENT', 'people', 30, 50, { tolerance: 4, readings: [] }),
  ],
  ...overrides,
});

/** The attributes of every `<tag …>` inside one panel's group. */
const elementsIn = (panelSvg: string, tag: string): Record<string, string>[] =>
  [...panelSvg.matchAll(new RegExp(`<${tag} ([^>]*?)/?>`, 'g'))].map((match) =>
    Object.fromEntries(
      [...(match[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((attr) => [attr[1], attr[2]]),
    ),
  );

const panelOf = (html: string, scope: string): string => {
  const start = html.indexOf(`<g class="panel panel-${scope}">`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</g>', start));
};

const pathPoints = (d: string): [number, number][] =>
  [...d.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((match) => [Number(match[1]), Number(match[2])]);

describe('renderReport', () => {
  it('draws one path per series, a point per reading, a shaded span per STALE finding and marks DIVERGENT runs', () => {
    const html = renderReport(
      input(120, { calibrated: estimates(120).map(({ day, pillars, total }) => ({ day, pillars, total })) }),
    );
    for (const panel of PANELS) {
      const svg = panelOf(html, panel.scope);
      expect(
        elementsIn(svg, 'path').filter((path) => path.class === `series series-${panel.scope}`),
      ).toHaveLength(1);
      expect(elementsIn(svg, 'path').filter((path) => path.class?.startsWith('calibrated'))).toHaveLength(1);
      expect(elementsIn(svg, 'circle').filter((circle) => circle.class?.startsWith('reading'))).toHaveLength(
        5,
      );
    }
    expect(html.match(/class="stale-span"/g)?.length).toBe(2 + 1); // two findings + the legend sample
    expect(
      elementsIn(panelOf(html, 'overall'), 'rect').filter((rect) => rect.class === 'stale-span'),
    ).toHaveLength(1);
    expect(
      elementsIn(panelOf(html, 'brand'), 'rect').filter((rect) => rect.class === 'stale-span'),
    ).toHaveLength(1);
    // Readings on days 30, 40 and 50 lie in the people DIVERGENT run; 10 and 20 do not.
    const people = elementsIn(panelOf(html, 'people'), 'circle');
    expect(people.filter((circle) => circle.class === 'reading divergent')).toHaveLength(3);
    expect(people.filter((circle) => circle.class === 'reading')).toHaveLength(2);
    expect(elementsIn(panelOf(html, 'brand'), 'circle').every((circle) => circle.class === 'reading')).toBe(
      true,
    );
  });

  it('keeps every coordinate inside its panel and puts higher values higher', () => {
    const html = renderReport(input(400));
    for (const panel of PANELS) {
      const svg = panelOf(html, panel.scope);
      const inside = ([x, y]: [number, number]) =>
        x >= panel.x && x <= panel.x + panel.width && y >= panel.y && y <= panel.y + panel.height;
      const points = elementsIn(svg, 'path').flatMap((path) => pathPoints(path.d ?? ''));
      // 400 days on 428–900 px at one point per 2 px.
      expect(points.length).toBeGreaterThan(200);
      expect(points.filter((point) => !inside(point))).toEqual([]);
      const circles = elementsIn(svg, 'circle').map((c): [number, number] => [Number(c.cx), Number(c.cy)]);
      expect(circles.filter((point) => !inside(point))).toEqual([]);
      for (const rect of elementsIn(svg, 'rect').filter((element) => element.class === 'stale-span')) {
        expect(inside([Number(rect.x), Number(rect.y)])).toBe(true);
        expect(inside([Number(rect.x) + Number(rect.width), Number(rect.y) + Number(rect.height)])).toBe(
          true,
        );
      }
    }
    // Day 10's reading is brand 12 + 6·sin(0.25) + 0.7 ≈ 14.18 of 25.
    const brand = PANELS[1];
    const [first] = elementsIn(panelOf(html, 'brand'), 'circle');
    expect(Number(first?.cy)).toBeCloseTo((brand?.y ?? 0) + (brand?.height ?? 0) * (1 - 14.184 / 25), 0);
  });

  it('stays below 300 KB for 1,100 days of daily estimates and daily readings, at most one point per pixel column', () => {
    const days = 1100;
    const html = renderReport(
      input(days, {
        calibrated: estimates(days).map(({ day, pillars, total }) => ({ day, pillars, total })),
        readings: Array.from({ length: days }, (_, index) => reading(index)),
      }),
    );
    const bytes = Buffer.byteLength(html);
    expect(bytes).toBeLessThan(300 * 1024);
    for (const panel of PANELS) {
      const svg = panelOf(html, panel.scope);
      for (const path of elementsIn(svg, 'path')) {
        expect(pathPoints(path.d ?? '').length).toBeLessThanOrEqual(panel.width);
      }
      expect(elementsIn(svg, 'circle').length).toBeLessThanOrEqual(panel.width);
    }
  });

  it('escapes what it interpolates', () => {
    const hostile = '<script>alert("x")</script>';
    const html = renderReport(
      input(10, {
        memberId: hostile,
        latestManifest: manifest({ objectKey: `exports/jane/${hostile}.zip`, reason: hostile }),
      }),
    );
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is self-contained: nothing is fetched', () => {
    const html = renderReport(input(30, { latestManifest: manifest() }));
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/url\(|@import/);
    expect(html).toContain("default-src 'none'");
  });

  it('says so when there is nothing yet', () => {
    const empty = renderReport({
      memberId: 'new',
      generatedAt: '2026-05-03T14:02:00.000Z',
      estimates: [],
      readings: [],
      findings: [],
    });
    expect(empty).not.toContain('<svg');
    expect(empty).toContain('No estimates yet');
    expect(empty).toContain('No official readings yet');
    expect(empty).toContain('Nothing to check yet');
    expect(empty).toContain('No upload yet');

    const noReadings = renderReport(input(1, { readings: [], findings: [] }));
    expect(noReadings).toContain('<svg');
    expect(noReadings).toContain('No official readings yet');
    expect(PANELS.flatMap((panel) => elementsIn(panelOf(noReadings, panel.scope), 'circle'))).toEqual([]);
    // A single day still shows: a short dash in the middle of the plot.
    expect(elementsIn(panelOf(noReadings, 'overall'), 'path')[0]?.d).toMatch(/^M490 [\d.]+h8$/);

    const quiet = renderReport(input(60, { findings: [] }));
    expect(quiet).toContain('Nothing to report');
    expect(quiet).not.toContain('No estimates yet');
  });

  it('says the estimates are being computed while the upload is scored, and never "up to date" with nothing compared (#8)', () => {
    const scoring = renderReport({
      ...input(1, { readings: [], findings: [] }),
      estimates: [],
      latestManifest: manifest({ status: 'SUCCEEDED', scoring: { status: 'PENDING' } }),
    });
    expect(scoring).toContain('its estimates are being computed');
    expect(scoring).not.toContain('once your LinkedIn data export has been read');

    // Readings but no estimates at all, or none on the readings' days: nothing was compared.
    const readingsOnly = renderReport({ ...input(60, { findings: [] }), estimates: [] });
    expect(readingsOnly).toContain('Nothing to compare yet');
    expect(readingsOnly).not.toContain('look up to date');
    const elsewhere = input(60, { findings: [] });
    const shifted = renderReport({
      ...elsewhere,
      estimates: elsewhere.estimates.map((estimate) => ({
        ...estimate,
        day: `1999${estimate.day.slice(4)}`,
      })),
    });
    expect(shifted).toContain('no estimate covers the days of your official readings');
    expect(shifted).not.toContain('look up to date');
  });
});

describe('describeFinding', () => {
  it('puts a STALE finding in plain words', () => {
    const stale: Finding = {
      ...finding('STALE', 'overall', 0, 0),
      from: '2026-02-01',
      to: '2026-03-08',
      evidence: { value: 25.501, activeDays: 31, reason: 'active', estimate: { largestMove: 0 } },
    };
    expect(describeFinding(stale)).toBe(
      'Your official overall score did not change from 1 Feb to 8 Mar 2026 (35 days, always 25.501) while you ' +
        'were active on 31 days — LinkedIn probably did not recompute it.',
    );
    expect(
      describeFinding({
        ...stale,
        pillar: 'brand',
        evidence: { reason: 'estimate-moved', estimate: { largestMove: 1.26 } },
      }),
    ).toContain(
      'score for “Establish your professional brand” did not change from 1 Feb to 8 Mar 2026 (35 days) while our estimate moved by 1.3 points',
    );
  });

  it('puts DIVERGENT and RECALCULATION findings in plain words', () => {
    const divergent = describeFinding({
      ...finding('DIVERGENT', 'people', 0, 3),
      evidence: { tolerance: 4, readings: [{ difference: 4.5 }, { difference: 5.24 }, { difference: 4.1 }] },
    });
    expect(divergent).toContain(
      'official score for “Find the right people” was above our calibrated estimate on 3 reading days in a row from 1 Jan to 4 Jan 2024, by up to 5.2 points (more than the 4-point tolerance)',
    );
    const recalculation = describeFinding({
      ...finding('RECALCULATION', 'overall', 100, 101),
      evidence: {
        direction: 'down',
        before: { value: 40.2 },
        after: { value: 37.39 },
        ratio: 0.93,
        membersStepping: 12,
        membersObserved: 15,
      },
    });
    expect(recalculation).toContain(
      'Between 10 Apr and 11 Apr 2024 your official overall score fell from 40.2 to 37.39 (−7 %), as it did for 12 of 15 members',
    );
  });
});

describe('the manifest in plain words', () => {
  it('says what was read, what was rejected and why', () => {
    expect(describeManifest(manifest())).toEqual([
      'Your upload Complete_LinkedInDataExport.zip was read in part on 3 May 2026, 14:02 UTC (in 3.5 s).',
      'LinkedIn produced the export on 2 May 2026.',
      '3 files recognised, 1 ignored; 4,600 rows read, 1 without a date, 2 rejected.',
    ]);
    const html = renderReport(input(5, { latestManifest: manifest() }));
    expect(html).toContain('<li>Comments.csv, line 17: unparseable date</li>');
    expect(html).toContain('<li>Votes.csv: header lacks &#39;Date&#39;</li>');
    expect(html).toContain('reaction 3,400 · comment 1,197');
    expect(describeManifest(manifest({ status: 'FAILED', reason: 'not a ZIP archive' }))[1]).toBe(
      'not a ZIP archive.',
    );
  });
});

describe('renderReport: calibrated first, open findings only', () => {
  const calibrated = estimates(60).map(({ day, pillars, total }) => ({
    day,
    pillars: { ...pillars, brand: pillars.brand - 5 },
    total: total - 5,
  }));

  it('lists open findings and counts resolved ones; withdrawn ones leave the chart', () => {
    const open = { ...finding('STALE', 'overall', 12, 40, {}), status: 'open' as const };
    const resolved = {
      ...finding('STALE', 'brand', 2, 9, {}),
      status: 'resolved' as const,
      resolution: 'moved-again' as const,
    };
    const withdrawn = {
      ...finding('DIVERGENT', 'people', 30, 50, { tolerance: 4, readings: [] }),
      status: 'resolved' as const,
      resolution: 'withdrawn' as const,
    };
    const html = renderReport(input(60, { findings: [open, resolved, withdrawn] }));
    const section = html.slice(html.indexOf('findings-section'), html.indexOf('manifest-section'));
    expect(section.match(/<li class="finding/g)).toHaveLength(1);
    expect(section).toContain('2 earlier findings are resolved');
    // History stays on the chart (a frozen span that ended), a withdrawn finding does not.
    expect(
      elementsIn(panelOf(html, 'brand'), 'rect').filter((rect) => rect.class === 'stale-span'),
    ).toHaveLength(1);
    expect(
      elementsIn(panelOf(html, 'people'), 'circle').filter((c) => c.class === 'reading divergent'),
    ).toHaveLength(0);
  });

  it('shows the calibrated estimate first in the table and labels the raw one, with the error to expect', () => {
    const html = renderReport(
      input(60, {
        calibrated,
        calibration: { readings: 12, basis: 'pooled', expectedError: 1.3 },
      }),
    );
    const table = html.slice(html.indexOf('<table>'));
    const headers = [...table.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers.slice(0, 4)).toEqual(['Day', 'Estimate', 'Official', 'Brand']);
    expect(headers.at(-1)).toBe('Raw model estimate');
    const firstRow = table.slice(
      table.indexOf('<tbody><tr>'),
      table.indexOf('</tr>', table.indexOf('<tbody>')),
    );
    const cells = [...firstRow.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
    const latest = calibrated.at(-1) as (typeof calibrated)[number];
    const raw = estimates(60).at(-1) as DailyEstimate;
    const one = (x: number) => String(Number(x.toFixed(1)));
    expect(cells[1]).toBe(one(latest.total));
    expect(cells[3]).toBe(one(latest.pillars.brand));
    expect(cells.at(-1)).toBe(one(raw.total));
    expect(html).toContain('±1.3 points');
    // The legend names the calibrated line first and the raw line as raw.
    const legend = html.slice(html.indexOf('class="legend"'));
    expect(legend.indexOf('Estimate (calibrated)')).toBeGreaterThan(-1);
    expect(legend.indexOf('Estimate (calibrated)')).toBeLessThan(legend.indexOf('Raw model estimate'));
    expect(html).toContain('class="chart has-calibrated"');
  });

  it('says a member without readings is placed from the team, not calibrated to their readings', () => {
    const fromTeam = (locale?: 'de' | 'pl') =>
      renderReport(
        input(60, {
          calibrated,
          calibration: { readings: 0, basis: 'population', expectedError: 3.2 },
          ...(locale ? { locale } : {}),
        }),
      );
    const caption = (html: string) => html.slice(html.indexOf('<caption>'), html.indexOf('</caption>'));
    expect(caption(fromTeam())).toContain(
      'where your teammates’ official readings place members with your activity',
    );
    expect(caption(fromTeam())).toContain('±3.2 points per reading, until you report a reading');
    expect(caption(fromTeam())).not.toContain('calibrated to your official readings');
    expect(caption(fromTeam('de'))).toContain('±3,2 Punkte pro Wert, bis Sie einen Wert melden');
    expect(caption(fromTeam('de'))).toContain('offiziellen Werte Ihres Teams');
    expect(caption(fromTeam('pl'))).toContain('oficjalne odczyty Twojego zespołu');
  });

  it('without a calibration shows the raw estimate, labelled raw', () => {
    const html = renderReport(input(60));
    const headers = [...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers.slice(0, 2)).toEqual(['Day', 'Raw model estimate']);
    expect(html).not.toContain('Estimate (calibrated)');
  });
});

describe('findings, advice and manifests in German and Polish', () => {
  it('words a finding with the locale’s numbers and dates, and says what to do', () => {
    const stale = finding('STALE', 'overall', 31, 66, { value: 25.501, activeDays: 31, reason: 'active' });
    const de = describeFinding(stale, pageContext('de'));
    expect(de).toContain('Ihr offizieller Gesamtwert hat sich vom 1. Feb. bis 7. März 2024 nicht verändert');
    expect(de).toContain('immer 25,501');
    expect(de).toContain('obwohl Sie an 31 Tagen aktiv waren');
    const pl = describeFinding(stale, pageContext('pl'));
    expect(pl).toContain('25,501');
    expect(pl).toContain('35 dni');
    expect(adviseOnFinding(stale, pageContext('de'))).toContain('linkedin.com/sales/ssi');
    const html = renderReport({ ...input(60), locale: 'pl' });
    expect(html).toContain('Co zrobić:');
  });

  it('says a manifest’s outcome by its code outside English, keeping the recorded reason as a detail', () => {
    const partial = manifest({ code: 'EXPORT_PARTIAL', reason: '2 rows rejected' });
    const de = describeManifest(partial, pageContext('de')).join(' ');
    expect(de).toContain('teilweise gelesen');
    expect(de).toContain('Einige Dateien oder Zeilen des Exports waren nicht lesbar');
    expect(de).toContain('Details (wie aufgezeichnet, auf Englisch): 2 rows rejected');
    expect(de).toContain('3,5 s');
    const en = describeManifest(partial).join(' ');
    expect(en).toContain('2 rows rejected.');
    expect(en).not.toContain('Some files or rows');
    expect(renderReport({ ...input(5), locale: 'pl', latestManifest: partial })).toContain(
      'Wiersze według rodzaju: reakcja 3400 · komentarz 1197.',
    );
  });
});
