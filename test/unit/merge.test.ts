import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DayActivity, EventKind } from '../../shared/domain/kinds';
import { type AppliedExport, type Coverage, planMerge, spanOf } from '../../shared/domain/merge';

/** Applies plans to an in-memory map, as the store would. */
const apply = (
  state: Map<string, DayActivity>,
  coverage: Coverage,
  exp: AppliedExport,
  days: DayActivity[],
) => {
  const span = spanOf(exp.windows);
  const stored = span ? [...state.values()].filter((d) => d.day >= span.from && d.day <= span.to) : [];
  const plan = planMerge(stored, coverage, exp, days);
  for (const day of plan.deletes) state.delete(day);
  for (const put of plan.puts) state.set(put.day, put);
  return { plan, coverage: plan.coverage };
};

const run = (exports: { exp: AppliedExport; days: DayActivity[] }[]) => {
  const state = new Map<string, DayActivity>();
  let coverage: Coverage = { exports: [] };
  for (const { exp, days } of exports) coverage = apply(state, coverage, exp, days).coverage;
  return [...state.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
};

const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

describe('planMerge', () => {
  const older: AppliedExport = {
    fingerprint: 'a',
    exportedAt: '2024-01-20T00:00:00.000Z',
    windows: { invitation_sent: [{ from: day(0), to: day(19) }], comment: [{ from: day(2), to: day(19) }] },
  };
  const newer: AppliedExport = {
    fingerprint: 'b',
    exportedAt: '2024-02-10T00:00:00.000Z',
    windows: { invitation_sent: [{ from: day(10), to: day(40) }], comment: [{ from: day(2), to: day(40) }] },
  };
  const olderDays: DayActivity[] = [
    {
      day: day(3),
      counts: { invitation_sent: 2, comment: 1 },
      signals: { 'invitation_sent.personalised': 1 },
    },
    { day: day(12), counts: { invitation_sent: 1, comment: 4 }, signals: {} },
  ];
  const newerDays: DayActivity[] = [
    { day: day(12), counts: { invitation_sent: 1, comment: 3 }, signals: {} },
    { day: day(30), counts: { invitation_sent: 5 }, signals: { 'invitation_sent.personalised': 2 } },
  ];

  it('keeps older days outside the newer window and replaces those inside it', () => {
    const state = run([
      { exp: older, days: olderDays },
      { exp: newer, days: newerDays },
    ]);
    expect(state).toEqual([
      // day 3: invitations only in the older window; comments replaced by the newer (which has none there)
      { day: day(3), counts: { invitation_sent: 2 }, signals: { 'invitation_sent.personalised': 1 } },
      { day: day(12), counts: { invitation_sent: 1, comment: 3 }, signals: {} },
      { day: day(30), counts: { invitation_sent: 5 }, signals: { 'invitation_sent.personalised': 2 } },
    ]);
  });

  it('gives the same state in either order and on redelivery', () => {
    const forward = run([
      { exp: older, days: olderDays },
      { exp: newer, days: newerDays },
    ]);
    const backward = run([
      { exp: newer, days: newerDays },
      { exp: older, days: olderDays },
      { exp: newer, days: newerDays },
    ]);
    expect(backward).toEqual(forward);
  });

  it('ranks a guessed (upload) production time below an attested one, even when it is later', () => {
    const guessed: AppliedExport = {
      fingerprint: 'z',
      exportedAt: '2024-03-01T00:00:00.000Z',
      producedAtSource: 'upload',
      windows: { comment: [{ from: day(12), to: day(30) }] },
    };
    for (const order of [
      [newer, guessed],
      [guessed, newer],
    ]) {
      const state = run(order.map((exp) => ({ exp, days: exp === newer ? newerDays : [] })));
      expect(state.find((d) => d.day === day(12))?.counts).toEqual({ invitation_sent: 1, comment: 3 });
      expect(state.find((d) => d.day === day(30))?.counts).toEqual({ invitation_sent: 5 });
    }
    // An activity lower bound is attested: it competes by time.
    const bound: AppliedExport = { ...guessed, producedAtSource: 'activity' };
    const state = run([
      { exp: newer, days: newerDays },
      { exp: bound, days: [{ day: day(30), counts: { comment: 2 }, signals: {} }] },
    ]);
    expect(state.find((d) => d.day === day(30))?.counts).toEqual({ invitation_sent: 5, comment: 2 });
  });

  it('plans no writes when the same export is applied again', () => {
    const state = new Map<string, DayActivity>();
    const first = apply(state, { exports: [] }, newer, newerDays);
    const second = apply(state, first.coverage, newer, newerDays);
    expect(first.plan.puts.length).toBe(2);
    expect(second.plan.puts).toEqual([]);
    expect(second.plan.deletes).toEqual([]);
    expect(second.coverage.exports).toHaveLength(1);
  });

  it('is order-independent for any set of exports (property)', () => {
    const kinds: EventKind[] = ['comment', 'invitation_sent', 'connection'];
    const arbExport = fc.record({
      exportedAt: fc.integer({ min: 0, max: 5 }).map((n) => `2024-0${n + 1}-01T00:00:00.000Z`),
      fingerprint: fc.string({ minLength: 1, maxLength: 3 }),
      producedAtSource: fc.constantFrom('entries' as const, 'activity' as const, 'upload' as const),
      windows: fc.dictionary(
        fc.constantFrom(...kinds),
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10 })).map(([a, len]) => ({
            from: day(a),
            to: day(a + len),
          })),
          { minLength: 1, maxLength: 3 },
        ),
      ),
      counts: fc.array(fc.tuple(fc.integer({ min: 0, max: 45 }), fc.constantFrom(...kinds), fc.nat(5))),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbExport, { minLength: 1, maxLength: 4, selector: (e) => e.fingerprint }),
        (raw) => {
          const exports = raw.map(({ counts, ...exp }) => {
            const byDay = new Map<string, DayActivity>();
            // An export only states counts inside its own windows.
            for (const [n, kind, value] of counts) {
              const d = day(n);
              if (value === 0 || !exp.windows[kind]?.some((r) => r.from <= d && d <= r.to)) continue;
              const entry = byDay.get(d) ?? { day: d, counts: {}, signals: {} };
              entry.counts[kind] = value;
              byDay.set(d, entry);
            }
            return { exp, days: [...byDay.values()] };
          });
          const expected = run(exports);
          expect(run([...exports].reverse())).toEqual(expected);
          expect(run([...exports, ...exports])).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
