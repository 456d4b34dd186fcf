import type { Day } from '../domain/kinds';
import type { BusinessGoalRow, KpiDefinition, KpiPart } from '../domain/team-settings';

export type { BusinessGoalRow, KpiDefinition, KpiPart };

import {
  type DayActivity,
  type EventKind,
  isEventKind,
  SIGNAL_NAMES,
  type SignalName,
} from '../domain/kinds';
import { weekEnd, weeksOverlapping } from '../domain/weeks';
import { byMemberId, type MemberHistory, round2, standingOn } from './history';

/**
 * The company KPI: per member and ISO week, a weighted mean of three parts, each 0–1, times 100:
 *
 *   ssi        = overall SSI at the week's end (a current official reading, else the calibrated estimate) / 100
 *   strategic  = mean over the strategic targets of min(1, done in the week / weekly target), activity from
 *                the export (post, comment, connection.senior, … — any activity kind or signal)
 *   business   = mean over the business targets of min(1, value in the week / weekly target), values from the
 *                CSV the manager uploads (calls, meetings, leads, … — any column)
 *   kpi        = 100 · (w_ssi·ssi + w_strategic·strategic + w_business·business) / (sum of the weights used)
 *
 * A part without targets (strategic, business) is not used and its weight drops out. A part that is used but
 * has no data for the week (no SSI figure, no business row) counts 0 and is listed in `missing`: a KPI never
 * rises because data is missing. Capping each target at 1 keeps one overshoot from hiding another miss.
 * Worked example: docs/teams.md. Pure.
 */
export const KPI_PARTS = ['ssi', 'strategic', 'business'] as const satisfies readonly KpiPart[];

/** Until a team defines its own: half SSI, half thought leadership and relationships, no business goals. */
export const DEFAULT_KPI: KpiDefinition = {
  weights: { ssi: 0.5, strategic: 0.5, business: 0 },
  strategic: { post: 1, comment: 5, 'connection.senior': 2 },
  business: {},
};

/** Names a strategic target may use: every activity kind and derived signal of the export. */
export const isStrategicName = (name: string): name is EventKind | SignalName =>
  isEventKind(name) || (SIGNAL_NAMES as readonly string[]).includes(name);

export interface MemberKpiWeek {
  memberId: string;
  displayName: string;
  week: Day;
  /** Each part 0–1 (ssi as a fraction of 100), null when the part is not used or has no data. */
  ssi: number | null;
  strategic: number | null;
  business: number | null;
  kpi: number;
  missing: KpiPart[];
  /** What the week's parts were computed from. */
  activity: Record<string, number>;
  goals: Record<string, number>;
}

export interface TeamKpiWeek {
  week: Day;
  /** Means over the members (each part over the members that have it). */
  kpi: number | null;
  ssi: number | null;
  strategic: number | null;
  business: number | null;
  members: number;
}

export interface TeamKpi {
  teamId: string;
  from: Day;
  to: Day;
  definition: KpiDefinition;
  /** True while the team has not set its own definition. */
  defaultDefinition: boolean;
  weeks: TeamKpiWeek[];
  members: MemberKpiWeek[];
}

const achievement = (targets: Record<string, number>, done: (name: string) => number): number => {
  const names = Object.keys(targets);
  const sum = names.reduce((total, name) => total + Math.min(1, done(name) / (targets[name] as number)), 0);
  return sum / names.length;
};

/** Sums each activity kind or signal the targets name over the days of one week. */
export const weekActivity = (
  days: readonly DayActivity[],
  week: Day,
  names: readonly string[],
): Record<string, number> => {
  const end = weekEnd(week);
  const totals: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (const day of days) {
    if (day.day < week || day.day > end) continue;
    for (const name of names) {
      const value = isEventKind(name) ? day.counts[name] : day.signals[name as SignalName];
      totals[name] = (totals[name] ?? 0) + (value ?? 0);
    }
  }
  return totals;
};

export const memberKpiWeek = (input: {
  history: MemberHistory;
  days: readonly DayActivity[];
  goals: BusinessGoalRow | undefined;
  week: Day;
  definition: KpiDefinition;
}): MemberKpiWeek => {
  const { history, definition, week } = input;
  const strategicNames = Object.keys(definition.strategic);
  const businessNames = Object.keys(definition.business);
  const used = (part: KpiPart) =>
    definition.weights[part] > 0 &&
    (part === 'ssi' || (part === 'strategic' ? strategicNames : businessNames).length > 0);
  const activity = weekActivity(input.days, week, strategicNames);
  const goals = input.goals?.values ?? {};
  const standing = standingOn(history, weekEnd(week), 'total');
  const parts: Record<KpiPart, number | null> = {
    ssi: used('ssi') && standing ? standing.value / 100 : null,
    strategic: used('strategic') ? achievement(definition.strategic, (name) => activity[name] ?? 0) : null,
    business:
      used('business') && input.goals ? achievement(definition.business, (name) => goals[name] ?? 0) : null,
  };
  const missing = KPI_PARTS.filter((part) => used(part) && parts[part] === null);
  const weights = KPI_PARTS.filter(used).reduce((sum, part) => sum + definition.weights[part], 0);
  const weighted = KPI_PARTS.filter(used).reduce(
    (sum, part) => sum + definition.weights[part] * (parts[part] ?? 0),
    0,
  );
  const rounded = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
  return {
    memberId: history.memberId,
    displayName: history.displayName,
    week,
    ssi: rounded(parts.ssi),
    strategic: rounded(parts.strategic),
    business: rounded(parts.business),
    kpi: weights > 0 ? round2((100 * weighted) / weights) : 0,
    missing,
    activity,
    goals,
  };
};

const mean = (values: readonly (number | null)[], digits = 4): number | null => {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return null;
  const factor = 10 ** digits;
  return Math.round((present.reduce((a, b) => a + b, 0) / present.length) * factor) / factor;
};

export const buildKpi = (input: {
  teamId: string;
  from: Day;
  to: Day;
  definition: KpiDefinition;
  defaultDefinition: boolean;
  histories: readonly MemberHistory[];
  activity: ReadonlyMap<string, readonly DayActivity[]>;
  goals: readonly BusinessGoalRow[];
}): TeamKpi => {
  const goalsOf = new Map(input.goals.map((row) => [`${row.memberId}\n${row.week}`, row]));
  const weeks = weeksOverlapping(input.from, input.to);
  const histories = [...input.histories].sort(byMemberId);
  const members = weeks.flatMap((week) =>
    histories.map((history) =>
      memberKpiWeek({
        history,
        days: input.activity.get(history.memberId) ?? [],
        goals: goalsOf.get(`${history.memberId}\n${week}`),
        week,
        definition: input.definition,
      }),
    ),
  );
  return {
    teamId: input.teamId,
    from: input.from,
    to: input.to,
    definition: input.definition,
    defaultDefinition: input.defaultDefinition,
    weeks: weeks.map((week) => {
      const rows = members.filter((row) => row.week === week);
      return {
        week,
        kpi: mean(
          rows.map((row) => row.kpi),
          2,
        ),
        ssi: mean(rows.map((row) => row.ssi)),
        strategic: mean(rows.map((row) => row.strategic)),
        business: mean(rows.map((row) => row.business)),
        members: rows.length,
      };
    }),
    members,
  };
};
