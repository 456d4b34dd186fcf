import { describe, expect, it } from 'vitest';
import type { ScoresStore } from '../../../shared/store/scores-store';

/**
 * What every `ScoresStore` must do for the sweep's registry paging, run against the in-memory fake (unit) and
 * the DynamoDB adapter on DynamoDB Local (integration). The registry is shared by the whole table, so the
 * tests page through everything and look at their own members only.
 */
export const scoresStoreContract = (name: string, makeStore: () => ScoresStore): void => {
  const run = `contract-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  const pageAll = async (store: ScoresStore, limit: number) => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listMembersPage(limit, cursor);
      expect(page.memberIds.length).toBeLessThanOrEqual(limit);
      pages.push(page.memberIds);
      cursor = page.cursor;
    } while (cursor);
    return pages;
  };

  describe(`ScoresStore contract: ${name}`, () => {
    it('pages through the registry: every member once, in order, at most `limit` a page', async () => {
      const store = makeStore();
      const mine = Array.from({ length: 7 }, (_, i) => `${run}-page-${i}`);
      for (const memberId of [...mine].reverse()) await store.registerMember(memberId);
      await store.registerMember(mine[3] as string);
      const pages = await pageAll(store, 3);
      const seen = pages.flat();
      expect(seen.filter((memberId) => memberId.startsWith(`${run}-page-`))).toEqual(mine);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual((await store.listMembers()).filter((id) => seen.includes(id)));
      expect(pages.length).toBeGreaterThanOrEqual(3);
    });

    it('answers an empty last page without a cursor', async () => {
      const store = makeStore();
      const pages = await pageAll(store, 1000);
      expect(pages.at(-1)?.length ?? 0).toBeLessThanOrEqual(1000);
      const last = await store.listMembersPage(5, '\uffff');
      expect(last).toEqual({ memberIds: [] });
    });
  });
};
