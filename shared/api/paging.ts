import { addDays } from '../domain/days';
import { BadRequest } from '../domain/errors';
import { isRealDay, MAX_RANGE_DAYS } from './contract';

/**
 * Paging, one way for every paged route. A cursor is base64url of `{"after": <position>}`, the sort key
 * position of the last item served; callers treat it as opaque. Each route says which positions it could
 * have issued (`accepts`): a cursor that does not decode, or names a position outside this member's key
 * range for this route and request, is a client error naming `cursor` (400), never a store query.
 */
export interface Positions<T> {
  of(item: T): string;
  accepts(position: string): boolean;
}

const encodeCursor = (position: string): string =>
  Buffer.from(JSON.stringify({ after: position })).toString('base64url');

const decodeCursor = (cursor: string): string | undefined => {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof value?.after === 'string' ? value.after : undefined;
  } catch {
    return undefined;
  }
};

export interface Page<T> {
  page: T[];
  nextCursor?: string;
}

export const pager = <T>(positions: Positions<T>) => ({
  /** The position of an item, as a cursor after it would carry. */
  of: positions.of,
  /** The position the request's cursor points after (undefined without a cursor). */
  after(cursor: string | undefined): string | undefined {
    if (cursor === undefined) return undefined;
    const position = decodeCursor(cursor);
    if (position === undefined || !positions.accepts(position))
      throw new BadRequest('cursor', 'not a cursor this API issued for this route, member and range');
    return position;
  },
  /** The cursor to what follows a store's page that ended at `position` (none when the store had no more). */
  cursorAt(position: string | undefined): string | undefined {
    return position === undefined ? undefined : encodeCursor(position);
  },
  /** The first `limit` of `items` (in position order) and, when more follow, the cursor to them. */
  page(items: readonly T[], limit: number): Page<T> {
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return items.length > limit && last !== undefined
      ? { page, nextCursor: encodeCursor(positions.of(last)) }
      : { page };
  },
});

/**
 * The days a day-range request (activity, estimates, report) covers after its defaults and its cursor:
 * `[from, to]`. A cursor is a day this request could have ended a page on: from its first day up to the
 * day before its last (with `from` left out, the longest range the contract allows).
 */
export const dayWindow = (query: { from?: string; to?: string; cursor?: string }, today: string) => {
  const to = query.to ?? today;
  const first = query.from ?? addDays(to, -365);
  const lowest = query.from ?? addDays(to, -MAX_RANGE_DAYS);
  const days = pager<{ day: string }>({
    of: (item) => item.day,
    accepts: (day) => isRealDay(day) && day >= lowest && day < to,
  });
  const after = days.after(query.cursor);
  // Items keep their type: the page holds the very items it was given.
  const page = <T extends { day: string }>(items: readonly T[], limit: number) =>
    days.page(items, limit) as Page<T>;
  return { from: after ? addDays(after, 1) : first, to, page };
};
