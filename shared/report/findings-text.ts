import { daysBetween } from '../domain/days';
import type { Day } from '../domain/kinds';
import type { Finding, FindingScope } from '../domain/pillars';
import { type PageContext, pageContext } from './page-context';

// Evidence is stored as loose JSON (docs/findings.md); a field that is missing or of another shape is left out.
const numberAt = (record: unknown, key: string): number | undefined => {
  const value = (record as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};
const recordAt = (record: unknown, key: string): unknown =>
  (record as Record<string, unknown> | undefined)?.[key];

const officialScore = ({ t, fill }: PageContext, scope: FindingScope): string =>
  scope === 'overall'
    ? t.findings.officialOverall
    : fill(t.findings.officialPillar, { pillar: t.pillars[scope] });

/** "from 1 Feb to 8 Mar 2026" (the first year only when it differs), "on 8 Mar 2026". */
export const describeSpan = (ctx: PageContext, from: Day, to: Day): string =>
  from === to
    ? ctx.fill(ctx.t.findings.spanOne, { day: ctx.f.day(to) })
    : ctx.fill(ctx.t.findings.span, {
        from: ctx.f.day(from, from.slice(0, 4) !== to.slice(0, 4)),
        to: ctx.f.day(to),
      });

const stale = (ctx: PageContext, finding: Finding): string => {
  const { t, f, fill, plural } = ctx;
  const evidence = finding.evidence;
  const value = numberAt(evidence, 'value');
  const activeDays = numberAt(evidence, 'activeDays');
  const moved = numberAt(recordAt(evidence, 'estimate'), 'largestMove');
  const reason = recordAt(evidence, 'reason');
  const because = [
    reason !== 'estimate-moved' && activeDays !== undefined ? plural(t.findings.staleActive, activeDays) : '',
    reason !== 'active' && moved !== undefined && moved > 0
      ? fill(t.findings.staleMoved, { points: f.score(moved, 1) })
      : '',
  ].filter(Boolean);
  return fill(t.findings.stale, {
    score: officialScore(ctx, finding.pillar),
    span: describeSpan(ctx, finding.from, finding.to),
    days: plural(t.findings.days, daysBetween(finding.from, finding.to)),
    held: value === undefined ? '' : fill(t.findings.staleHeld, { value: f.score(value, 6) }),
    because: because.length ? fill(t.findings.staleWhile, { reasons: because.join(t.findings.and) }) : '',
  });
};

const divergent = (ctx: PageContext, finding: Finding): string => {
  const { t, f, fill } = ctx;
  const readings = recordAt(finding.evidence, 'readings');
  const differences = (Array.isArray(readings) ? readings : [])
    .map((reading) => numberAt(reading, 'difference'))
    .filter((difference): difference is number => difference !== undefined);
  const tolerance = numberAt(finding.evidence, 'tolerance');
  const largest = differences.reduce((max, difference) => Math.max(max, Math.abs(difference)), 0);
  const direction =
    differences.length === 0
      ? t.findings.awayFrom
      : differences.every((difference) => difference > 0)
        ? t.findings.above
        : differences.every((difference) => difference < 0)
          ? t.findings.below
          : t.findings.awayFrom;
  return fill(t.findings.divergent, {
    score: officialScore(ctx, finding.pillar),
    direction,
    run: differences.length ? fill(t.findings.divergentRun, { n: f.count(differences.length) }) : '',
    span: describeSpan(ctx, finding.from, finding.to),
    by: largest > 0 ? fill(t.findings.divergentBy, { points: f.score(largest, 1) }) : '',
    limit: tolerance === undefined ? '' : fill(t.findings.divergentLimit, { tolerance: f.score(tolerance) }),
  });
};

const recalculation = (ctx: PageContext, finding: Finding): string => {
  const { t, f, fill } = ctx;
  const evidence = finding.evidence;
  const before = numberAt(recordAt(evidence, 'before'), 'value');
  const after = numberAt(recordAt(evidence, 'after'), 'value');
  const ratio = numberAt(evidence, 'ratio');
  const stepping = numberAt(evidence, 'membersStepping');
  const observed = numberAt(evidence, 'membersObserved');
  return fill(t.findings.recalculation, {
    from: f.day(finding.from, finding.from.slice(0, 4) !== finding.to.slice(0, 4)),
    to: f.day(finding.to),
    score: officialScore(ctx, finding.pillar),
    verb: recordAt(evidence, 'direction') === 'up' ? t.findings.rose : t.findings.fell,
    values:
      before !== undefined && after !== undefined
        ? fill(t.findings.values, { before: f.score(before), after: f.score(after) })
        : '',
    percent: ratio === undefined ? '' : ` (${f.signed((ratio - 1) * 100, 1)} %)`,
    others:
      stepping !== undefined && observed !== undefined
        ? fill(t.findings.others, { stepping: f.count(stepping), observed: f.count(observed) })
        : '',
  });
};

/** One finding in plain words, for the member. Plain text: escape it before putting it in HTML. */
export const describeFinding = (finding: Finding, ctx: PageContext = pageContext('en')): string => {
  switch (finding.type) {
    case 'STALE':
      return stale(ctx, finding);
    case 'DIVERGENT':
      return divergent(ctx, finding);
    case 'RECALCULATION':
      return recalculation(ctx, finding);
  }
};

/** What the member can do about a finding. Plain text. */
export const adviseOnFinding = (finding: Finding, ctx: PageContext = pageContext('en')): string =>
  ctx.t.findings.advice[finding.type];
