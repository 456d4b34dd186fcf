/**
 * Maps with at most `limit` calls in flight, results in input order: how the sweep, the team tables and the
 * stores read many members without flooding the table (or holding more than `limit` requests open).
 */
export const mapBounded = async <T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await map(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
};
