import type { CsvCell } from '../domain/csv-out';
import { PILLARS } from '../domain/pillars';
import type { Competition } from './competition';
import type { TeamKpi } from './kpi';
import type { Leaderboard } from './ranking';
import type { TeamTiers } from './tiers';

/**
 * Every team table as one CSV table (header and rows). The header names are the JSON field names, dotted for
 * nested ones (`official.overall`): stable for the scripts and formulas finance keeps, the same in every
 * language. Pure; `toCsv` writes them.
 */
export interface CsvTable {
  name: string;
  header: string[];
  rows: CsvCell[][];
}

export const leaderboardTable = (board: Leaderboard): CsvTable => ({
  name: `leaderboard-${board.teamId}-${board.date}`,
  header: [
    'rank',
    'memberId',
    'displayName',
    'rankedBy',
    'official.overall',
    'official.day',
    'official.ageDays',
    ...PILLARS.map((p) => `official.${p}`),
    'estimate.calibrated.total',
    ...PILLARS.map((p) => `estimate.calibrated.${p}`),
    'estimate.total',
    'staleOpen',
  ],
  rows: board.members.map((m) => [
    m.rank,
    m.memberId,
    m.displayName,
    m.rankedBy,
    m.official?.overall,
    m.official?.day,
    m.official?.ageDays,
    ...PILLARS.map((p) => m.official?.pillars[p]),
    m.estimate?.calibrated?.total,
    ...PILLARS.map((p) => m.estimate?.calibrated?.pillars[p]),
    m.estimate?.total,
    m.staleOpen,
  ]),
});

export const competitionTable = (competition: Competition): CsvTable => ({
  name: `competition-${competition.teamId}-${competition.name ?? competition.metric}-${competition.from}-${competition.to}`,
  header: [
    'rank',
    'memberId',
    'displayName',
    'metric',
    'start',
    'startDay',
    'end',
    'endDay',
    'improvement',
    'basis',
    'reason',
  ],
  rows: competition.standings.map((s) => [
    s.rank,
    s.memberId,
    s.displayName,
    competition.metric,
    s.start,
    s.startDay,
    s.end,
    s.endDay,
    s.improvement,
    s.basis,
    s.reason,
  ]),
});

export const tiersTable = (tiers: TeamTiers): CsvTable => {
  const moves = new Map(tiers.moves.map((move) => [move.memberId, move]));
  return {
    name: `tiers-${tiers.teamId}-${tiers.to}`,
    header: ['memberId', 'displayName', 'tier', 'score', 'basis', 'tierOnFrom', 'move'],
    rows: tiers.members.map((m) => [
      m.memberId,
      m.displayName,
      m.tier,
      m.score,
      m.basis,
      moves.get(m.memberId)?.from ?? m.tier,
      moves.get(m.memberId)?.direction,
    ]),
  };
};

/** Member rows (`scope` member) then the team's (`scope` team) per week; activity and goal columns after. */
export const kpiTable = (kpi: TeamKpi): CsvTable => {
  const activity = Object.keys(kpi.definition.strategic);
  const goals = Object.keys(kpi.definition.business);
  return {
    name: `kpi-${kpi.teamId}-${kpi.from}-${kpi.to}`,
    header: [
      'scope',
      'week',
      'memberId',
      'displayName',
      'kpi',
      'ssi',
      'strategic',
      'business',
      'missing',
      ...activity.map((name) => `activity.${name}`),
      ...goals.map((name) => `goals.${name}`),
    ],
    rows: [
      ...kpi.members.map((m) => [
        'member',
        m.week,
        m.memberId,
        m.displayName,
        m.kpi,
        m.ssi,
        m.strategic,
        m.business,
        m.missing.join(' '),
        ...activity.map((name) => m.activity[name]),
        ...goals.map((name) => m.goals[name]),
      ]),
      ...kpi.weeks.map((w) => [
        'team',
        w.week,
        kpi.teamId,
        '',
        w.kpi,
        w.ssi,
        w.strategic,
        w.business,
        '',
        ...activity.map(() => null),
        ...goals.map(() => null),
      ]),
    ],
  };
};
