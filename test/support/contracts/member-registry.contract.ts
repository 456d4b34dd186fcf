import { describe, expect, it } from 'vitest';
import type { ScoresStore } from '../../../shared/store/scores-store';

export type MemberRegistry = Pick<ScoresStore, 'registerMember' | 'listMembersPage' | 'listMembers'>;

/**
 * What every member registry must do, run against the in-memory fake (unit) and the sharded DynamoDB registry
 * on DynamoDB Local (integration). A table may hold other members (a shared one, or the file's other tests),
 * so each test looks only at the members it registered itself.
 */
export const memberRegistryContract = (name: string, makeRegistry: () => MemberRegistry): void => {
  const run = `registry-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let tests = 0;
  const freshMembers = (n: number) => {
    const prefix = `${run}-${++tests}`;
    return Array.from({ length: n }, (_, i) => `${prefix}-${i}@example.com`);
  };
  const pagedThrough = async (registry: MemberRegistry, limit: number, mine: (id: string) => boolean) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await registry.listMembersPage(limit, cursor);
      expect(page.memberIds.length).toBeLessThanOrEqual(limit);
      seen.push(...page.memberIds.filter(mine));
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== undefined && pages < 10_000);
    return { seen, pages };
  };

  describe(`member registry contract: ${name}`, () => {
    it('lists every registered member exactly once, whatever the page size', async () => {
      const registry = makeRegistry();
      const members = freshMembers(23);
      for (const memberId of members) await registry.registerMember(memberId);
      // Registering again changes nothing.
      await registry.registerMember(members[0] as string);
      const mine = (id: string) => members.includes(id);
      for (const limit of [1, 4, 1000]) {
        const { seen } = await pagedThrough(registry, limit, mine);
        expect(seen.sort()).toEqual([...members].sort());
      }
      expect((await registry.listMembers()).filter(mine).sort()).toEqual([...members].sort());
    });

    it('pages in bounded steps: a small page never returns more than asked, and the listing ends', async () => {
      const registry = makeRegistry();
      const members = freshMembers(5);
      for (const memberId of members) await registry.registerMember(memberId);
      const { pages } = await pagedThrough(registry, 2, () => true);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(pages).toBeLessThan(10_000);
    });
  });
};
