import type { Finding, FindingScope } from '../domain/pillars';
import { daysBetween, formatDay, formatScore, formatSpan, PILLAR_LABELS, plural } from './format';

// Evidence is stored as loose JSON (docs/findings.md); a field that is missing or of another shape is left out.
const numberAt = (record: unknown, key: string): number | undefined => {
  const value = (record as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};
const recordAt = (record: unknown, key: string): unknown =>
  (record as Record<string, unknown> | undefined)?.[key];

const officialScore = (scope: FindingScope): string =>
  scope === 'overall' ? 'official overall score' : `official score for “${PILLAR_LABELS[scope]}”`;

const stale = (finding: Finding): string => {
  const evidence = finding.evidence;
  const value = numberAt(evidence, 'value');
  const activeDays = numberAt(evidence, 'activeDays');
  const moved = numberAt(recordAt(evidence, 'estimate'), 'largestMove');
  const reason = recordAt(evidence, 'reason');
  const because = [
    reason !== 'estimate-moved' && activeDays !== undefined
      ? `you were active on ${plural(activeDays, 'day')}`
      : '',
    reason !== 'active' && moved !== undefined && moved > 0
      ? `our estimate moved by ${formatScore(moved, 1)} points`
      : '',
  ].filter(Boolean);
  const held = value === undefined ? '' : `, always ${formatScore(value, 6)}`;
  return (
    `Your ${officialScore(finding.pillar)} did not change ${formatSpan(finding.from, finding.to)} ` +
    `(${plural(daysBetween(finding.from, finding.to), 'day')}${held})` +
    `${because.length ? ` while ${because.join(' and ')}` : ''} — LinkedIn probably did not recompute it.`
  );
};

const divergent = (finding: Finding): string => {
  const readings = recordAt(finding.evidence, 'readings');
  const differences = (Array.isArray(readings) ? readings : [])
    .map((reading) => numberAt(reading, 'difference'))
    .filter((difference): difference is number => difference !== undefined);
  const tolerance = numberAt(finding.evidence, 'tolerance');
  const largest = differences.reduce((max, difference) => Math.max(max, Math.abs(difference)), 0);
  const direction =
    differences.length === 0
      ? 'away from'
      : differences.every((difference) => difference > 0)
        ? 'above'
        : differences.every((difference) => difference < 0)
          ? 'below'
          : 'away from';
  const days = differences.length ? ` on ${differences.length} reading days in a row` : '';
  const by = largest > 0 ? `, by up to ${formatScore(largest, 1)} points` : '';
  const limit = tolerance === undefined ? '' : ` (more than the ${formatScore(tolerance)}-point tolerance)`;
  return (
    `Your ${officialScore(finding.pillar)} was ${direction} our calibrated estimate${days} ` +
    `${formatSpan(finding.from, finding.to)}${by}${limit} — either LinkedIn's figure is off or the estimate ` +
    'misses something your export does not show.'
  );
};

const recalculation = (finding: Finding): string => {
  const evidence = finding.evidence;
  const before = numberAt(recordAt(evidence, 'before'), 'value');
  const after = numberAt(recordAt(evidence, 'after'), 'value');
  const ratio = numberAt(evidence, 'ratio');
  const stepping = numberAt(evidence, 'membersStepping');
  const observed = numberAt(evidence, 'membersObserved');
  const verb = recordAt(evidence, 'direction') === 'up' ? 'rose' : 'fell';
  const values =
    before !== undefined && after !== undefined
      ? ` from ${formatScore(before)} to ${formatScore(after)}`
      : '';
  const percent =
    ratio === undefined ? '' : ` (${ratio >= 1 ? '+' : '−'}${formatScore(Math.abs(ratio - 1) * 100, 1)} %)`;
  const others =
    stepping !== undefined && observed !== undefined
      ? `, as it did for ${stepping} of ${observed} members reading their score then,`
      : '';
  return (
    `Between ${formatDay(finding.from, finding.from.slice(0, 4) !== finding.to.slice(0, 4))} and ${formatDay(finding.to)} your ${officialScore(finding.pillar)} ` +
    `${verb}${values}${percent}${others} with no matching change in your activity — LinkedIn probably changed ` +
    'its formula. Older readings are rescaled before they are compared with the estimate.'
  );
};

/** One finding in plain words, for the member. Plain text: escape it before putting it in HTML. */
export const describeFinding = (finding: Finding): string => {
  switch (finding.type) {
    case 'STALE':
      return stale(finding);
    case 'DIVERGENT':
      return divergent(finding);
    case 'RECALCULATION':
      return recalculation(finding);
  }
};
