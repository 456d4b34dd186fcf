import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import type { RecalculationEvent } from '../../shared/domain/population';
import { readingsForCalibration } from '../../shared/findings/evaluate';
import {
  attributeRecalculations,
  detectRecalculationEvents,
  type MemberHistory,
  newRecalculationEvents,
} from '../../shared/findings/recalculation';
import { dayRange, readingOn, START, teamMember } from '../support/recalculation-team';

const STEP_DAY = 40;
const reading = readingOn;
const member = teamMember;
const range = dayRange;

/** Most of the team reads on most days (a few days skipped), some read every two or three weeks. */
const team = (options: { stepDay?: number; factor?: number; size?: number } = {}) => {
  const members = new Map<string, MemberHistory>();
  const size = options.size ?? 24;
  for (let i = 0; i < size; i++) {
    const id = `m${String(i).padStart(2, '0')}`;
    const days = range(0, 80).filter((day) => (day * 7 + i) % 10 !== 0);
    members.set(id, member(id, days, options));
  }
  members.set('weeks-apart', member('weeks-apart', [0, 17, 31, 52, 70], options));
  return members;
};

describe('RECALCULATION as a population fact', () => {
  it('finds the day of a 7 % drop across a noisy team, once per scope', () => {
    const events = detectRecalculationEvents(team({ stepDay: STEP_DAY }));
    const overall = events.filter((event) => event.pillar === 'overall');
    expect(overall).toHaveLength(1);
    expect(overall[0]).toMatchObject({ day: addDays(START, STEP_DAY), pillar: 'overall' });
    expect(overall[0]?.shift).toBeCloseTo(-0.07, 1);
    expect(overall[0]?.members).toBeGreaterThanOrEqual(20);
    // Found on the pillars too (levels 6–16: a step of 0.4–1.1 points against ±0.3 noise), never elsewhere.
    expect(new Set(events.map((event) => event.day))).toEqual(new Set([addDays(START, STEP_DAY)]));
    expect(events.length).toBeGreaterThanOrEqual(3);
  });

  it('raises nothing from ±0.3 noise alone, nor from 3 of 5 members moving +0.5 on one pillar', () => {
    expect(detectRecalculationEvents(team())).toEqual([]);
    const five = new Map(
      ['a', 'b', 'c', 'd', 'e'].map((id) => [id, member(id, range(0, 60), { noise: 0.3 })] as const),
    );
    for (const id of ['a', 'b', 'c']) {
      const history = five.get(id) as MemberHistory;
      five.set(id, {
        ...history,
        readings: history.readings.map((r, day) =>
          day >= 30 ? reading(id, day, { ...r.pillars, brand: r.pillars.brand + 0.5 }) : r,
        ),
      });
    }
    expect(detectRecalculationEvents(five)).toEqual([]);
  });

  it('does not read a rise the members caused themselves (a burst of activity) as LinkedIn’s', () => {
    const members = team({ stepDay: STEP_DAY, factor: 1.1 });
    const bursting = new Map(
      [...members].map(([id, history]) => [
        id,
        {
          ...history,
          activity: [39, 40].map((day) => ({
            day: addDays(START, day),
            counts: { post: 3, comment: 12, search: 9, invitation_sent: 6, message_sent: 9 },
            signals: {},
          })),
        },
      ]),
    );
    expect(detectRecalculationEvents(members).some((e) => e.pillar === 'overall')).toBe(true);
    expect(detectRecalculationEvents(bursting).filter((e) => e.pillar === 'overall')).toEqual([]);
  });

  it('attributes the event to every member whose readings bracket the day, weeks apart too, and to no one else', () => {
    const members = team({ stepDay: STEP_DAY });
    const events = detectRecalculationEvents(members);
    const overall = events.filter((event) => event.pillar === 'overall');
    const weeksApart = attributeRecalculations(
      'weeks-apart',
      members.get('weeks-apart')?.readings ?? [],
      overall,
    );
    expect(weeksApart.map((f) => [f.type, f.pillar, f.from, f.to, f.evidence.clusterDay])).toEqual([
      ['RECALCULATION', 'overall', addDays(START, 31), addDays(START, 52), addDays(START, STEP_DAY)],
    ]);
    const daily = attributeRecalculations('m01', members.get('m01')?.readings ?? [], overall);
    expect(daily[0]?.evidence.clusterDay).toBe(addDays(START, STEP_DAY));

    // Joined after the event, or left before it: nothing to attribute.
    const late = member('late', range(STEP_DAY + 5, 80), { stepDay: STEP_DAY });
    expect(attributeRecalculations('late', late.readings, overall)).toEqual([]);
    const early = member('early', range(0, STEP_DAY - 3));
    expect(attributeRecalculations('early', early.readings, overall)).toEqual([]);
  });

  it('puts readings before the day into today’s formula with the event’s shift, so calibration is not torn', () => {
    const event: RecalculationEvent = {
      day: addDays(START, 10),
      pillar: 'overall',
      shift: -0.1,
      members: 12,
      detectedAt: `${addDays(START, 11)}T09:00:00.000Z`,
    };
    const readings = [5, 9, 30].map((day) =>
      reading('jane', day, { brand: 10, people: 10, insights: 10, relationships: 10 }),
    );
    const findings = attributeRecalculations('jane', readings, [event]);
    expect(findings[0]).toMatchObject({
      from: addDays(START, 9),
      to: addDays(START, 30),
      detectedAt: `${addDays(START, 30)}T09:00:00.000Z`,
      evidence: { clusterDay: addDays(START, 10), ratio: 0.9, shift: -0.1, membersObserved: 12 },
    });
    const normalised = readingsForCalibration(readings, findings);
    expect(normalised.map((r) => r.overall)).toEqual([36, 36, 40]);
  });

  it('keeps stored events as they are: only an event of a scope with none stored near its day is new', () => {
    const event = (day: number, pillar: RecalculationEvent['pillar'], shift = -0.07): RecalculationEvent => ({
      day: addDays(START, day),
      pillar,
      shift,
      members: 20,
      detectedAt: `${addDays(START, day + 1)}T09:00:00.000Z`,
    });
    const stored = [event(40, 'overall')];
    expect(
      newRecalculationEvents(stored, [event(41, 'overall', -0.06), event(40, 'brand'), event(90, 'overall')]),
    ).toEqual([event(40, 'brand'), event(90, 'overall')]);
  });
});
