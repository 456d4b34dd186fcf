import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplyCounter } from '../../shared/export/replies';

type Row = { conversation: number; ms: number; sent: boolean };

/** The definition, computed the obvious way: sort each conversation by time. */
const reference = (rows: Row[]): Map<number, number> => {
  const replies = new Map<number, number>();
  const byConversation = new Map<number, Row[]>();
  for (const row of rows)
    byConversation.set(row.conversation, [...(byConversation.get(row.conversation) ?? []), row]);
  for (const conversation of byConversation.values()) {
    const sorted = [...conversation].sort((a, b) => a.ms - b.ms);
    for (let i = 1; i < sorted.length; i++) {
      const row = sorted[i] as Row;
      if (row.sent && !(sorted[i - 1] as Row).sent) replies.set(row.ms, (replies.get(row.ms) ?? 0) + 1);
    }
  }
  return replies;
};

/** Runs the streaming counter, with its second pass when asked for, the way readExport drives it. */
const streaming = (rows: Row[]): { replies: Map<number, number>; secondPass: boolean } => {
  const replies = new Map<number, number>();
  const emit = (ms: number, delta: number) => {
    const n = (replies.get(ms) ?? 0) + delta;
    if (n === 0) replies.delete(ms);
    else replies.set(ms, n);
  };
  const counter = new ReplyCounter(emit);
  for (const row of rows) counter.add(row.conversation, row.ms, row.sent);
  const second = counter.secondPass();
  if (second) {
    for (const row of rows) second.add(row.conversation, row.ms, row.sent);
    second.finish();
  }
  return { replies, secondPass: second !== undefined };
};

const conversationRows = (conversation: number, times: number[], sent: boolean[]): Row[] =>
  times.map((ms, i) => ({ conversation, ms, sent: sent[i] ?? false }));

describe('ReplyCounter', () => {
  it('counts replies in ascending and descending conversations without a second pass', () => {
    const asc = conversationRows(1, [10, 20, 30, 40], [false, true, true, false]);
    const desc = conversationRows(2, [400, 300, 200, 100], [true, false, true, false]);
    const result = streaming([...asc, ...desc]);
    expect(result.secondPass).toBe(false);
    expect(result.replies).toEqual(
      new Map([
        [20, 1],
        [400, 1],
        [200, 1],
      ]),
    );
  });

  it('settles conversations written out of order in a second pass', () => {
    const rows = conversationRows(3, [10, 30, 20, 40], [false, true, false, true]);
    const result = streaming(rows);
    expect(result.secondPass).toBe(true);
    expect(result.replies).toEqual(reference(rows));
  });

  it('agrees with sorting for any interleaving of ordered or shuffled conversations (property)', () => {
    const conversation = fc.record({
      times: fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 12 }),
      sent: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      layout: fc.constantFrom('asc', 'desc', 'shuffled'),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(
        fc.array(conversation, { minLength: 1, maxLength: 6 }),
        fc.integer(),
        (conversations, seed) => {
          const perConversation = conversations.map((c, id) => {
            const times = [...c.times].sort((a, b) => (c.layout === 'desc' ? b - a : a - b));
            if (c.layout === 'shuffled')
              times.sort((a, b) => ((a * 7919 + c.seed) % 13) - ((b * 7919 + c.seed) % 13));
            return conversationRows(id, times, c.sent);
          });
          // Interleave conversations while keeping each one's own row order.
          const rows: Row[] = [];
          const queues = perConversation.map((r) => [...r]);
          let pick = Math.abs(seed);
          while (queues.some((q) => q.length > 0)) {
            const open = queues.filter((q) => q.length > 0);
            pick = (pick * 1103515245 + 12345) % 2147483648;
            rows.push((open[pick % open.length] as Row[]).shift() as Row);
          }
          expect(streaming(rows).replies).toEqual(reference(rows));
        },
      ),
      { numRuns: 500 },
    );
  });
});
