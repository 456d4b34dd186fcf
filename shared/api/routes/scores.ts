import { BadRequest } from '../../domain/errors';
import type { OfficialReading } from '../../domain/pillars';
import { sortReadings } from '../../findings/series';
import { parseReadingsJson, type RejectedReading } from '../../readings/parse';
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
export const scoreRoutes = (deps: ScoresDeps): Pick<RouteTable<'api'>, 'readings' | 'addReading'> => {
  const addReadings = addReadingsOf(deps);
  return {
    readings: async ({ memberId, query }) => {
      await requireMember(deps.activity, memberId);
      const after = readings.after(query.cursor);
      const all = sortReadings(await deps.scores.listReadings(memberId)).filter(
        (reading) => after === undefined || readings.of(reading) > after,
      );
      const { page, nextCursor } = readings.page(all, query.limit);
      return json(200, {
        memberId,
        readings: page.map(publicReading),
        ...(nextCursor ? { nextCursor } : {}),
      });
    },

    /**
     * One reading in any JSON shape (typed, the raw SSI page JSON, Unipile's wrapper, an extension's history
     * entry), or an array of them. The page JSON carries no time: the receipt time is taken, flagged assumed.
     * Readings may come before the member's first export.
     */
    addReading: async ({ memberId, body }) => {
      const receivedAt = deps.now().toISOString();
      if (Array.isArray(body)) return addReadings(memberId, body, receivedAt);
      const parsed = parseReadingsJson(body, { only: memberId }, { receivedAt });
      const [reading] = parsed.readings;
      if (!reading) throw new BadRequest('body', describeRejection(parsed.rejected[0]));
      const result = await recordReadings(deps, memberId, [reading]);
      return json(result.stored > 0 ? 201 : 200, {
        memberId,
        reading: publicReading(reading),
        stored: result.stored > 0,
        findings: result.evaluation?.fresh ?? [],
        shape: parsed.shapes[0],
      });
    },
  };
};

/** A list of readings (a history, or what `pillarwatch score --file` read): each item stored, duplicate or rejected. */
const addReadingsOf =
  (deps: ScoresDeps) => async (memberId: string, items: unknown[], receivedAt: string) => {
    if (items.length > MAX_READINGS_PER_REQUEST)
      throw new BadRequest(
        'body',
        `${items.length} readings; send at most ${MAX_READINGS_PER_REQUEST} per request`,
      );
    const parsed = parseReadingsJson(items, { only: memberId }, { receivedAt });
    if (parsed.readings.length === 0 && parsed.repeats.length === 0)
      throw new BadRequest('body', describeRejection(parsed.rejected[0]));
    const result = await recordReadings(deps, memberId, parsed.readings);
    const results = [
      ...parsed.readings.map((reading, index) => ({
        item: parsed.origins[index]?.item ?? index,
        status: result.storedHashes.has(reading.readingHash) ? ('stored' as const) : ('duplicate' as const),
        observedAt: reading.observedAt,
      })),
      ...parsed.repeats.map(({ item }) => ({ item: item ?? 0, status: 'duplicate' as const })),
      ...parsed.rejected.map(({ item, reason }) => ({
        item: item ?? 0,
        status: 'rejected' as const,
        reason,
      })),
    ].sort((a, b) => a.item - b.item);
    return json(result.stored > 0 ? 201 : 200, {
      memberId,
      stored: result.stored > 0,
      counts: {
        stored: result.stored,
        duplicates: items.length - result.stored - parsed.rejected.length,
        rejected: parsed.rejected.length,
      },
      results,
      findings: result.evaluation?.fresh ?? [],
    });
  };

/** Readings one request may carry: a few years of daily readings. */
export const MAX_READINGS_PER_REQUEST = 1000;

/** The reason, and for an unknown shape the shapes that would have been read. */
const describeRejection = (rejected: RejectedReading | undefined): string =>
  !rejected
    ? 'no reading'
    : rejected.expected
      ? `${rejected.reason}; expected one of: ${rejected.expected.join('; ')}`
      : rejected.reason;
