import { addDays, dayNumber, dayOf } from '../domain/days';
import type { Day, DayActivity, EventKind } from '../domain/kinds';
import { PILLARS, type Pillar } from '../domain/pillars';
import { ACTIVE_KINDS, COMPONENTS, seriesKinds } from '../model/parameters';

/** How far back "How steady you are" looks: a year of weeks. */
export const STEADY_WEEKS = 52;

export interface PillarSteadiness {
  pillar: Pillar;
  /** Weeks in a row, up to the latest week, with activity feeding the pillar. */
  current: number;
  /** The longest run in the span. */
  longest: number;
  /** Weeks of the span with such activity. */
  activeWeeks: number;
  /** Oldest first, one flag per week of the span (Monday-based weeks). */
  weeks: boolean[];
  /** Mondays of the weeks that broke a run (an empty week after an active one), newest first, at most 5. */
  breaks: Day[];
}

export interface Steadiness {
  /** Monday of the span's first week, and of its latest (the week of the latest activity day). */
  firstWeek: Day;
  lastWeek: Day;
  pillars: PillarSteadiness[];
}

const MAX_BREAKS = 5;

/** The Monday of a day's week (day number 0, 1 Jan 1970, was a Thursday). */
export const mondayOf = (day: Day): Day => {
  const number = dayNumber(day);
  return dayOf(number - ((number + 3) % 7));
};

/** What the member does themselves that feeds the pillar: received invitations or endorsements do not count. */
const PILLAR_KINDS: Record<Pillar, ReadonlySet<EventKind>> = Object.fromEntries(
  PILLARS.map((pillar) => [
    pillar,
    new Set(
      COMPONENTS[pillar]
        .flatMap((component) => seriesKinds(component.series))
        .filter((kind) => ACTIVE_KINDS.includes(kind)),
    ),
  ]),
) as unknown as Record<Pillar, ReadonlySet<EventKind>>;

/**
 * Per pillar, the weeks in a row with activity feeding it and the weeks that broke the run, over the
 * STEADY_WEEKS weeks up to the week of `latestDay` (docs/coaching.md). Practitioners stress continuity.
 */
export const steadiness = (input: {
  days: readonly DayActivity[];
  latestDay: Day;
  weeks?: number;
}): Steadiness => {
  const count = input.weeks ?? STEADY_WEEKS;
  const lastWeek = mondayOf(input.latestDay);
  const firstWeek = addDays(lastWeek, -7 * (count - 1));
  const first = dayNumber(firstWeek);
  const flags = Object.fromEntries(PILLARS.map((pillar) => [pillar, new Array<boolean>(count).fill(false)]));
  for (const activity of input.days) {
    const index = Math.floor((dayNumber(activity.day) - first) / 7);
    if (index < 0 || index >= count) continue;
    for (const pillar of PILLARS) {
      const kinds = PILLAR_KINDS[pillar];
      if (Object.entries(activity.counts).some(([kind, n]) => (n ?? 0) > 0 && kinds.has(kind as EventKind)))
        (flags[pillar] as boolean[])[index] = true;
    }
  }
  return {
    firstWeek,
    lastWeek,
    pillars: PILLARS.map((pillar) => {
      const weeks = flags[pillar] as boolean[];
      let current = 0;
      for (let i = count - 1; i >= 0 && weeks[i]; i--) current++;
      let longest = 0;
      let run = 0;
      const breaks: Day[] = [];
      weeks.forEach((active, i) => {
        run = active ? run + 1 : 0;
        longest = Math.max(longest, run);
        if (!active && i > 0 && weeks[i - 1]) breaks.push(addDays(firstWeek, 7 * i));
      });
      return {
        pillar,
        current,
        longest,
        activeWeeks: weeks.filter(Boolean).length,
        weeks,
        breaks: breaks.reverse().slice(0, MAX_BREAKS),
      };
    }),
  };
};
