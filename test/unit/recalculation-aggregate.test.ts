import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import { detectRecalculationEvents, type MemberHistory } from '../../shared/findings/recalculation';
import {
  type AggregateCell,
  contributionDelta,
  detectFromAggregate,
  memberContribution,
} from '../../shared/findings/recalculation-aggregate';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { MemoryRecalcAggregate } from '../support/memory-recalc-aggregate';
import { dayRange, START, teamMember } from '../support/recalculation-team';

const STEP_DAY = 40;
const SINCE = addDays(START, -400);

const team = (options: { stepDay?: number } = {}) => {
  const members = new Map<string, MemberHistory>();
  for (let i = 0; i < 24; i++) {
    const id = `m${String(i).padStart(2, '0')}`;
    members.set(
      id,
      teamMember(
        id,
        dayRange(0, 80).filter((day) => (day * 7 + i) % 10 !== 0),
        options,
      ),
    );
  }
  return members;
};

const aggregateOf = async (members: ReadonlyMap<string, MemberHistory>) => {
  const aggregate = new MemoryRecalcAggregate();
  for (const [memberId, history] of members)
    await aggregate.replaceContribution(
      memberId,
      memberContribution(memberId, history, DEFAULT_THRESHOLDS, SINCE),
    );
  return aggregate;
};

describe('RECALCULATION from the aggregate', () => {
  it('finds the same events as the in-memory detection, from counts alone', async () => {
    const members = team({ stepDay: STEP_DAY });
    const aggregate = await aggregateOf(members);
    const fromCells = detectFromAggregate(
      await aggregate.readCells(SINCE, addDays(START, 100)),
      DEFAULT_THRESHOLDS,
    );
    const inMemory = detectRecalculationEvents(members, DEFAULT_THRESHOLDS);
    const shape = (events: typeof inMemory) =>
      events.map(({ day, pillar, members: n }) => ({ day, pillar, n }));
    expect(shape(fromCells)).toEqual(shape(inMemory));
    expect(fromCells.length).toBeGreaterThan(0);
    for (const event of fromCells) {
      const same = inMemory.find((e) => e.day === event.day && e.pillar === event.pillar);
      // Medians read to a bin: the shift within 0.1 %.
      expect(Math.abs(event.shift - (same?.shift ?? 0))).toBeLessThanOrEqual(0.001);
      expect(event.membersStepping).toBe(same?.membersStepping);
    }
  });

  it('finds nothing in a team without a step', async () => {
    const aggregate = await aggregateOf(team());
    expect(
      detectFromAggregate(await aggregate.readCells(SINCE, addDays(START, 100)), DEFAULT_THRESHOLDS),
    ).toEqual([]);
  });

  it('counts a member once: recording the same readings again changes no cell, new ones change only theirs', async () => {
    const history = teamMember('solo', dayRange(0, 30));
    const pairs = memberContribution('solo', history, DEFAULT_THRESHOLDS, SINCE);
    expect(contributionDelta(pairs, pairs)).toEqual([]);
    const aggregate = new MemoryRecalcAggregate();
    expect(await aggregate.replaceContribution('solo', pairs)).toBeGreaterThan(0);
    const before = await aggregate.readCells(SINCE, addDays(START, 100));
    expect(await aggregate.replaceContribution('solo', pairs)).toBe(0);
    expect(await aggregate.readCells(SINCE, addDays(START, 100))).toEqual(before);
    const total = (cells: AggregateCell[]) => cells.reduce((sum, cell) => sum + cell.members, 0);
    // Every pair counts on the days it covers (consecutive daily readings: one day each), per scope.
    expect(total(before)).toBe(pairs.length);
  });

  it('leaves out pairs before the window the daily detection reads', () => {
    const history = teamMember('old', dayRange(0, 30));
    expect(memberContribution('old', history, DEFAULT_THRESHOLDS, addDays(START, 31))).toEqual([]);
    expect(memberContribution('old', history, DEFAULT_THRESHOLDS, addDays(START, 25)).length).toBeGreaterThan(
      0,
    );
  });
});
