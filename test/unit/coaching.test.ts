import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createReportApi } from '../../shared/api/report-function';
import { whatMoved } from '../../shared/coaching/moved';
import { PLAN_HORIZON_DAYS, planActions } from '../../shared/coaching/plan';
import { mondayOf, steadiness } from '../../shared/coaching/steady';
import { addDays } from '../../shared/domain/days';
import { type DayActivity, EVENT_KINDS } from '../../shared/domain/kinds';
import { type Calibration, type DailyEstimate, PILLARS } from '../../shared/domain/pillars';
import { estimateDays } from '../../shared/model/estimate';
import type { ObservedWindows } from '../../shared/model/observed';
import { MODEL_VERSION } from '../../shared/model/parameters';
import { renderReport } from '../../shared/report/render';
import type { ScoresDeps } from '../../shared/scores/member-scores';
import type { ScoresStore } from '../../shared/store/scores-store';
import type { TeamReportDeps } from '../../shared/teams/team-report';
import { MemoryStore } from '../support/memory-store';

const FIRST = '2023-06-05';
const DAYS = 3 * 365;
const LAST = addDays(FIRST, DAYS - 1);

/**
 * A member who posts and comments most weeks, reacts often, searches now and then, and lets it slide every
 * tenth week (so the streaks break) and picks up in the last 6 weeks (so the score moves).
 */
const activityDay = (index: number): DayActivity | undefined => {
  const week = Math.floor(index / 7);
  const weekday = index % 7;
  if (week % 10 === 9 || weekday > 4) return undefined;
  const busy = index > DAYS - 42;
  const counts: DayActivity['counts'] = {
    reaction: busy ? 4 : 2,
    ...(weekday === 1 ? { post: 1 } : {}),
    ...(weekday % 2 === 0 ? { comment: busy ? 2 : 1 } : {}),
    ...(weekday === 3 ? { search: 3, invitation_sent: 1, connection: 1 } : {}),
  };
  return { day: addDays(FIRST, index), counts, signals: {} };
};
const DAYS_STORED = Array.from({ length: DAYS }, (_, i) => activityDay(i)).filter(
  (day): day is DayActivity => day !== undefined,
);
const OBSERVED: ObservedWindows = Object.fromEntries(
  EVENT_KINDS.map((kind) => [kind, [{ from: FIRST, to: LAST }]]),
);
const ESTIMATES: DailyEstimate[] = estimateDays({ days: DAYS_STORED, observed: OBSERVED, to: LAST });

const calibration = (slope: number, intercept = 0): Calibration => ({
  memberId: 'jane',
  modelVersion: MODEL_VERSION,
  fittedAt: '2026-01-01T00:00:00Z',
  readings: 8,
  basis: 'member',
  pillars: Object.fromEntries(
    PILLARS.map((pillar) => [pillar, { slope, intercept }]),
  ) as Calibration['pillars'],
  mae: Object.fromEntries(
    [...PILLARS, 'total'].map((key) => [key, { raw: 1, inSample: 1, leaveOneOut: 1.2 }]),
  ) as Calibration['mae'],
});

describe('what moved your score', () => {
  it('splits each pillar’s change over the last 4 weeks into its sources, and they add up', () => {
    const moved = whatMoved({ estimates: ESTIMATES }) as NonNullable<ReturnType<typeof whatMoved>>;
    expect(moved.to).toBe(LAST);
    expect(moved.from).toBe(addDays(LAST, -28));
    const byDay = new Map(ESTIMATES.map((e) => [e.day, e]));
    for (const pillar of moved.pillars) {
      const sum = pillar.sources.reduce((total, source) => total + source.change, 0);
      expect(pillar.change).toBeCloseTo(sum, 6);
      // The contributions are rounded per source, so the pillar's own change agrees to a few hundredths.
      const actual =
        (byDay.get(moved.to)?.pillars[pillar.pillar] ?? 0) -
        (byDay.get(moved.from)?.pillars[pillar.pillar] ?? 0);
      expect(Math.abs(pillar.change - actual)).toBeLessThan(0.05);
    }
    // The pick-up in comments raised insights; comments are named as a source that raised it.
    const insights = moved.pillars.find((p) => p.pillar === 'insights');
    expect(insights?.change).toBeGreaterThan(0);
    expect(insights?.sources.find((s) => s.source === 'comment')?.change).toBeGreaterThan(0);
  });

  it('takes any range, and puts the changes on the calibrated scale when a calibration applies', () => {
    const raw = whatMoved({ estimates: ESTIMATES, from: '2025-01-06', to: '2025-03-03' });
    const scaled = whatMoved({
      estimates: ESTIMATES,
      from: '2025-01-06',
      to: '2025-03-03',
      calibration: calibration(2),
    });
    expect(raw?.from).toBe('2025-01-06');
    expect(scaled?.calibrated).toBe(true);
    for (const [i, pillar] of (raw?.pillars ?? []).entries())
      expect(scaled?.pillars[i]?.change).toBeCloseTo(2 * pillar.change, 1);
    expect(whatMoved({ estimates: [] })).toBeUndefined();
  });
});

describe('what to do next', () => {
  it('lists at least 3 actions from the member’s own recent weeks, highest total first, every gain ≥ 0', () => {
    const plan = planActions({ days: DAYS_STORED, observed: OBSERVED, dataAsOf: LAST });
    expect(plan.horizonDays).toBe(PLAN_HORIZON_DAYS);
    expect(plan.actions.length).toBeGreaterThanOrEqual(3);
    const totals = plan.actions.map((action) => action.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    for (const action of plan.actions) {
      for (const pillar of PILLARS) expect(action.gain[pillar]).toBeGreaterThanOrEqual(0);
      expect(action.total).toBeCloseTo(
        PILLARS.reduce((sum, p) => sum + action.gain[p], 0),
        6,
      );
    }
    expect(plan.actions[0]?.total).toBeGreaterThan(0.5);
    // The member never messages or endorses: the plan names what they do not do yet, not what saturates.
    expect(plan.actions.map((a) => a.action)).not.toContain('reaction');
    expect(plan.forecast.from.day).toBe(LAST);
    expect(plan.forecast.to.day).toBe(addDays(LAST, PLAN_HORIZON_DAYS));
  });

  it('works from the latest data however old, and scales with the calibration', () => {
    const old = planActions({ days: DAYS_STORED, observed: OBSERVED, dataAsOf: '2025-02-02' });
    expect(old.dataAsOf).toBe('2025-02-02');
    expect(old.actions.length).toBeGreaterThanOrEqual(3);
    const raw = planActions({ days: DAYS_STORED, observed: OBSERVED, dataAsOf: LAST });
    const scaled = planActions({
      days: DAYS_STORED,
      observed: OBSERVED,
      dataAsOf: LAST,
      calibration: calibration(1.5),
    });
    expect(scaled.calibrated).toBe(true);
    const rawPost = raw.actions.find((a) => a.action === 'post');
    const scaledPost = scaled.actions.find((a) => a.action === 'post');
    if (rawPost && scaledPost) expect(scaledPost.total).toBeCloseTo(1.5 * rawPost.total, 1);
    expect(scaled.actions[0]?.total).toBeCloseTo(1.5 * (raw.actions[0]?.total ?? 0), 1);
  });
});

describe('how steady you are', () => {
  it('counts weeks in a row per pillar and names the weeks that broke them', () => {
    const steady = steadiness({ days: DAYS_STORED, latestDay: LAST });
    expect(steady.lastWeek).toBe(mondayOf(LAST));
    const insights = steady.pillars.find((p) => p.pillar === 'insights');
    expect(insights?.weeks).toHaveLength(52);
    // Every tenth week is empty: runs of 9, and a break every 10 weeks.
    expect(insights?.longest).toBe(9);
    expect(insights?.activeWeeks).toBeGreaterThanOrEqual(46);
    expect(insights?.breaks.length).toBeGreaterThan(0);
    for (const monday of insights?.breaks ?? []) expect(mondayOf(monday)).toBe(monday);
    expect(mondayOf('2026-11-27')).toBe('2026-11-23');
  });
});

const page = (locale: 'en' | 'de' | 'pl') =>
  renderReport({
    memberId: 'jane',
    generatedAt: '2026-05-03T14:02:00.000Z',
    locale,
    estimates: ESTIMATES,
    readings: [],
    findings: [],
    moved: whatMoved({ estimates: ESTIMATES }),
    plan: planActions({ days: DAYS_STORED, observed: OBSERVED, dataAsOf: LAST }),
    steadiness: steadiness({ days: DAYS_STORED, latestDay: LAST }),
    staleDataDays: 40,
  });

describe('the member page with its coaching sections', () => {
  it('speaks the member’s language: LinkedIn’s pillar names, decimal commas, the html lang', () => {
    const de = page('de');
    expect(de).toContain('<html lang="de">');
    expect(de).toContain('Ihre professionelle Marke aufbauen');
    expect(de).toContain('Was Ihren Wert bewegt hat');
    expect(de).toContain('Was Sie als Nächstes tun können');
    expect(de).toContain('Wie beständig Sie sind');
    expect(de).toMatch(/pro Woche<\/strong>: <span class="gains">\+\d+,\d/);
    expect(de).not.toContain('What moved your score');
    const pl = page('pl');
    expect(pl).toContain('Zbuduj swoją markę zawodową');
    expect(pl).toContain('Co zmieniło Twój wynik');
    const en = page('en');
    expect(en).toContain('What moved your score');
    expect(en).toMatch(/a week<\/strong>: <span class="gains">\+\d+\.\d/);
    expect(en).toContain('Your latest data is from');
  });

  it('is one <main id="member-page">, with no style attributes and no scripts (the app’s CSP)', () => {
    for (const locale of ['en', 'de', 'pl'] as const) {
      const html = page(locale);
      const main = html.slice(html.indexOf('<main'), html.indexOf('</main>') + 7);
      expect(main.startsWith('<main id="member-page">')).toBe(true);
      expect(html.match(/<main/g)).toHaveLength(1);
      expect(html).not.toMatch(/\sstyle=/i);
      expect(html).not.toMatch(/<script|\son\w+=/i);
    }
  });

  it('stays under 150 KB for a member with 3 years of data and daily readings', () => {
    const readings = ESTIMATES.map((estimate) => ({
      memberId: 'jane',
      observedAt: `${estimate.day}T09:00:00.000Z`,
      receivedAt: `${estimate.day}T09:00:00.000Z`,
      source: 'api-json' as const,
      overall: estimate.total,
      pillars: estimate.pillars,
      industry: { overall: 30, pillars: { brand: 7, people: 8, insights: 7, relationships: 8 } },
      network: { overall: 35, pillars: { brand: 8, people: 9, insights: 9, relationships: 9 } },
      readingHash: estimate.day,
    }));
    const html = renderReport({
      memberId: 'jane',
      generatedAt: '2026-05-03T14:02:00.000Z',
      locale: 'pl',
      estimates: ESTIMATES,
      calibrated: ESTIMATES,
      readings,
      findings: [],
      moved: whatMoved({ estimates: ESTIMATES }),
      plan: planActions({ days: DAYS_STORED, observed: OBSERVED, dataAsOf: LAST }),
      steadiness: steadiness({ days: DAYS_STORED, latestDay: LAST }),
    });
    expect(html).toContain('class="group-industry"');
    expect(html).toContain('Średnia branży');
    expect(Buffer.byteLength(html)).toBeLessThan(150 * 1024);
  });
});

describe('GET /members/{id}/plan and the report’s language', () => {
  const MEMBER = 'jane';
  const NOW = new Date(`${addDays(LAST, 60)}T12:00:00Z`);
  const deps = (() => {
    const activity = new MemoryStore();
    activity.days.set(MEMBER, new Map(DAYS_STORED.map((day) => [day.day, day])));
    activity.coverage.set(MEMBER, {
      exports: [{ fingerprint: 'f', exportedAt: `${LAST}T20:00:00Z`, windows: OBSERVED as never }],
    });
    const byDay = new Map(ESTIMATES.map((e) => [e.day, e]));
    const scores = {
      listFindings: async () => [],
      listReadings: async () => [],
      readEstimates: async (_: string, from: string, to: string) =>
        [...byDay.values()].filter((e) => e.day >= from && e.day <= to),
      loadCalibration: async () => undefined,
    } as unknown as ScoresStore;
    return { activity, scores, now: () => NOW } as unknown as ScoresDeps;
  })();
  const event = (
    resource: string,
    query: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) =>
    ({
      httpMethod: 'GET',
      resource,
      path: resource.replace('{memberId}', MEMBER),
      pathParameters: { memberId: MEMBER },
      queryStringParameters: query,
      headers,
      requestContext: {},
    }) as unknown as APIGatewayProxyEvent;

  it('answers the plan with the contract’s fields, and flags data two months old', async () => {
    const pages = createReportApi(deps, {
      authMode: 'off',
      renderReport,
      openApiDocument: () => ({}),
      team: { deps: {} as TeamReportDeps, render: () => '<html></html>' },
    });
    const response = await pages(event('/members/{memberId}/plan'));
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body);
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining(['memberId', 'horizonDays', 'actions', 'forecast', 'dataAsOf', 'staleData']),
    );
    expect(body.memberId).toBe(MEMBER);
    expect(body.dataAsOf).toBe(LAST);
    expect(body.staleData).toBe(true);
    expect(body.dataAgeDays).toBe(60);
    expect(body.actions.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(body.actions[0].gain).sort()).toEqual([...PILLARS].sort());
  });

  it('renders the report in the language of ?lang, else Accept-Language', async () => {
    const pages = createReportApi(deps, {
      authMode: 'off',
      renderReport,
      openApiDocument: () => ({}),
      team: { deps: {} as TeamReportDeps, render: () => '<html></html>' },
    });
    const german = await pages(
      event('/members/{memberId}/report', {}, { 'Accept-Language': 'de-DE,de;q=0.9,en;q=0.5' }),
    );
    expect(german.statusCode).toBe(200);
    expect(german.headers?.['content-language']).toBe('de');
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toContain('Was Sie als Nächstes tun können');
    const polish = await pages(
      event('/members/{memberId}/report', { lang: 'pl' }, { 'accept-language': 'de' }),
    );
    expect(polish.body).toContain('<html lang="pl">');
    expect(polish.body).toContain('Twoje najnowsze dane pochodzą z');
  });
});
