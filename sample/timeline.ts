/**
 * The member's timeline: how many events of a stream happen on each day, and at which seconds.
 *
 * Everything is a function of (seed, stream, day) only, never of the export's end date, so exports of one
 * member taken at different dates agree on every day they share. A stream's `total` is spread exactly over
 * [startDay, scaleEndDay] (largest-remainder rounding of per-day weights); after scaleEndDay activity goes
 * on at the same average rate, rounded per day by that day's own random draw.
 */
import { weekday } from './calendar';
import { at, rngFor } from './prng';

export interface TimelineSpan {
  seed: number;
  startDay: number;
  /** The day by which each stream's total is reached. */
  scaleEndDay: number;
}

/** Working days are busier, weekends quiet, and now and then the member is away for a week. */
const dayWeight = (seed: number, stream: string, day: number): number => {
  const week = Math.floor((day + 3) / 7);
  const away = rngFor(seed, 'away', week).chance(0.06);
  const dow = weekday(day);
  const weekly = dow === 0 ? 0.2 : dow === 6 ? 0.3 : 1;
  const mood = 0.3 + 1.4 * rngFor(seed, `${stream}/weight`, day).next();
  return (away ? 0.1 : 1) * weekly * mood;
};

/** Events per day for days [startDay, lastDay]; index 0 is startDay. */
export const dailyCounts = (span: TimelineSpan, stream: string, total: number, lastDay: number): number[] => {
  const { seed, startDay, scaleEndDay } = span;
  const nominalDays = scaleEndDay - startDay + 1;
  const weights: number[] = [];
  for (let day = startDay; day <= scaleEndDay; day++) weights.push(dayWeight(seed, stream, day));
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const perWeight = weightSum > 0 ? total / weightSum : 0;

  const nominal = weights.map((w) => Math.floor(w * perWeight));
  let missing = total - nominal.reduce((sum, n) => sum + n, 0);
  const byRemainder = weights
    .map((w, index) => ({ index, remainder: w * perWeight - at(nominal, index) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    nominal[index] = at(nominal, index) + 1;
    missing--;
  }

  const counts: number[] = [];
  for (let day = startDay; day <= lastDay; day++) {
    const offset = day - startDay;
    if (offset < nominalDays) {
      counts.push(at(nominal, offset));
    } else {
      const expected = dayWeight(seed, stream, day) * perWeight;
      const whole = Math.floor(expected);
      counts.push(whole + (rngFor(seed, `${stream}/extend`, day).chance(expected - whole) ? 1 : 0));
    }
  }
  return counts;
};

/**
 * `n` distinct seconds of the UTC day, ascending. Most activity falls in European and American working
 * hours; the rest anywhere, so some events sit near midnight, where time-zone mistakes show.
 */
export const secondsOfDay = (rng: { next(): number }, n: number): number[] => {
  const taken = new Set<number>();
  const limit = Math.min(n, 86_400);
  while (taken.size < limit) {
    const busy = rng.next() < 0.75;
    const second = busy ? 7 * 3600 + Math.floor(rng.next() * 14 * 3600) : Math.floor(rng.next() * 86_400);
    taken.add(second);
  }
  return [...taken].sort((a, b) => a - b);
};
