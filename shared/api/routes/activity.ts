import type { IngestManifest } from '../../domain/manifest';
import type { ScoresDeps } from '../../scores/member-scores';
import { EXPORTS_PREFIX, SCORES_PREFIX } from '../../store/layout';
import { toApiDays } from '../activity';
import { json } from '../http';
import { dayWindow, pager } from '../paging';
import type { RouteTable } from '../router';
import { requireMember, todayOf } from './member';

/** An ingest position: when it started, then the uploaded object, which lies under the member's own prefix. */
const ingestPosition = (memberId: string) => {
  const ownKey = (key: string) =>
    [EXPORTS_PREFIX, SCORES_PREFIX].some((p) => key.startsWith(`${p}${memberId}/`));
  return {
    of: (manifest: IngestManifest) => `${manifest.startedAt}#${manifest.objectKey}`,
    accepts: (position: string) => {
      const [, startedAt, objectKey] = /^(\d{4}-\d{2}-\d{2}T[^#]+)#(.+)$/.exec(position) ?? [];
      return !!startedAt && !Number.isNaN(Date.parse(startedAt)) && !!objectKey && ownKey(objectKey);
    },
  };
};

/** What the exports left: activity per day, and the manifest of every upload (newest first). */
export const activityRoutes = (deps: ScoresDeps): Pick<RouteTable<'api'>, 'activity' | 'ingests'> => ({
  activity: async ({ memberId, query }) => {
    await requireMember(deps.activity, memberId);
    const { from, to, page } = dayWindow(query, todayOf(deps.now));
    const days = from > to ? [] : await deps.activity.readDays(memberId, from, to, query.limit + 1);
    const { page: served, nextCursor } = page(days, query.limit);
    return json(200, { memberId, days: toApiDays(served), ...(nextCursor ? { nextCursor } : {}) });
  },

  ingests: async ({ memberId, query }) => {
    await requireMember(deps.activity, memberId);
    const ingests = pager(ingestPosition(memberId));
    const before = ingests.after(query.cursor);
    const manifests = await deps.activity.listManifests(memberId, query.limit + 1, before);
    const { page, nextCursor } = ingests.page(manifests, query.limit);
    return json(200, { memberId, ingests: page, ...(nextCursor ? { nextCursor } : {}) });
  },
});
