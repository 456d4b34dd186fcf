import { BadRequest } from '../../domain/errors';
import type { OfficialReading } from '../../domain/pillars';
import { sortReadings } from '../../findings/series';
import { parsePlainReading } from '../../readings/parse';
import { recordReadings, type ScoresDeps } from '../../scores/member-scores';
import { json } from '../http';
import { pager } from '../paging';
import type { RouteTable } from '../router';
import { requireMember } from './member';

/** Readings sort by observation time, then hash (the stored key order). */
const readings = pager<OfficialReading>({
  of: (reading) => `${reading.observedAt}#${reading.readingHash}`,
  accepts: (position) => {
    const [, observedAt] = /^(\d{4}-\d{2}-\d{2}T[^#]+)#[0-9a-f]{1,16}$/.exec(position) ?? [];
    return !!observedAt && !Number.isNaN(Date.parse(observedAt));
  },
});

const publicReading = ({ memberId: _member, readingHash: _hash, ...reading }: OfficialReading) => reading;

/** The official SSI readings a member reported (`official-scores`). */
export const scoreRoutes = (deps: ScoresDeps): Pick<RouteTable<'api'>, 'readings' | 'addReading'> => ({
  readings: async ({ memberId, query }) => {
    await requireMember(deps.activity, memberId);
    const after = readings.after(query.cursor);
    const all = sortReadings(await deps.scores.listReadings(memberId)).filter(
      (reading) => after === undefined || readings.of(reading) > after,
    );
    const { page, nextCursor } = readings.page(all, query.limit);
    return json(200, { memberId, readings: page.map(publicReading), ...(nextCursor ? { nextCursor } : {}) });
  },

  addReading: async ({ memberId, body }) => {
    const parsed = parsePlainReading(memberId, body, deps.now().toISOString());
    if (!parsed.ok) throw new BadRequest('body', parsed.reason);
    const result = await recordReadings(deps, memberId, [parsed.reading]);
    return json(result.stored > 0 ? 201 : 200, {
      memberId,
      reading: publicReading(parsed.reading),
      stored: result.stored > 0,
      findings: result.evaluation?.fresh ?? [],
    });
  },
});
