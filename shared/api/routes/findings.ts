import { type Finding, PILLARS } from '../../domain/pillars';
import { withLifecycle } from '../../findings/lifecycle';
import type { ScoresDeps } from '../../scores/member-scores';
import { FINDING_TYPES, isRealDay } from '../contract';
import { json } from '../http';
import { pager } from '../paging';
import type { RouteTable } from '../router';
import { requireMember } from './member';

const TYPES = new Set<string>(FINDING_TYPES);
const PILLARS_AND_OVERALL = new Set<string>(['overall', ...PILLARS]);

/** Findings are stored in key order (first day, type, pillar): the position is that key. */
const findings = pager<Finding>({
  of: (finding) => `${finding.from}#${finding.type}#${finding.pillar}`,
  accepts: (position) => {
    const [from = '', type = '', pillar = '', ...rest] = position.split('#');
    return rest.length === 0 && isRealDay(from) && TYPES.has(type) && PILLARS_AND_OVERALL.has(pillar);
  },
});

export const findingRoutes = (deps: ScoresDeps): Pick<RouteTable<'api'>, 'findings'> => ({
  findings: async ({ memberId, query }) => {
    await requireMember(deps.activity, memberId);
    const after = findings.after(query.cursor);
    const all = (await deps.scores.listFindings(memberId))
      .map(withLifecycle)
      .filter(
        (finding) =>
          (query.status === 'all' || finding.status === query.status) &&
          (after === undefined || findings.of(finding) > after),
      );
    const { page, nextCursor } = findings.page(all, query.limit);
    return json(200, {
      memberId,
      findings: page.map(({ memberId: _member, ...finding }) => finding),
      ...(nextCursor ? { nextCursor } : {}),
    });
  },
});
