import { describe, expect, it } from 'vitest';
import { type EstimateDay, formatEstimates } from '../../bin/commands/estimates';
import { formatLeaderboard } from '../../bin/commands/leaderboard';
import { formatFindings } from '../../local/format';
import type { Leaderboard } from '../../shared/teams/ranking';
import { pillars } from '../support/scores-builders';

const day = (date: string, calibrated: boolean): EstimateDay => ({
  day: date,
  total: 70,
  pillars: pillars(17.5),
  calibrated: calibrated ? { total: 46, pillars: pillars(11.5) } : null,
  confidence: { total: 0.9 },
});

describe('estimates, for a person', () => {
  it('shows calibrated pillars and total first, and the raw total labelled', () => {
    const [header, calibrated, raw] = formatEstimates([day('2026-03-01', true), day('2026-03-02', false)]);
    expect(header).toMatch(/total\s+scale\s+raw total\s+confidence$/);
    expect(calibrated).toMatch(
      /^2026-03-01\s+11\.50\s+11\.50\s+11\.50\s+11\.50\s+46\.00\s+calibrated\s+70\.00\s+0\.90$/,
    );
    expect(raw).toMatch(/^2026-03-02\s+17\.50\s+17\.50\s+17\.50\s+17\.50\s+70\.00\s+raw\s+70\.00\s+0\.90$/);
  });
});

describe('leaderboard, for a person', () => {
  it('shows calibrated estimates bare, raw ones marked, and the calibrated average first', () => {
    const scores = { total: 70, pillars: pillars(17.5) };
    const board: Leaderboard = {
      teamId: 'emea',
      date: '2026-03-31',
      ranking: 'estimate',
      members: [
        {
          memberId: 'a',
          displayName: 'A',
          rank: 1,
          rankedBy: 'estimate',
          official: null,
          estimate: { ...scores, calibrated: { total: 46, pillars: pillars(11.5) } },
          staleOpen: false,
        },
        {
          memberId: 'b',
          displayName: 'B',
          rank: 2,
          rankedBy: 'estimate',
          official: null,
          estimate: { ...scores, calibrated: null },
          staleOpen: true,
        },
      ],
      averages: {
        official: null,
        estimate: { ...scores, members: 2 },
        calibrated: { total: 46, pillars: pillars(11.5), members: 1 },
      },
      staleMembers: ['b'],
      readingMaxAgeDays: 30,
    };
    const lines = formatLeaderboard(board);
    expect(lines[2]).toMatch(/^\s*1\s+a\s+A\s+—\s+46\.00$/);
    expect(lines[3]).toMatch(/^\s*2\s+b\s+B\s+—\s+70\.00 raw\s+STALE$/);
    expect(lines.at(-1)).toBe(
      'Team averages: official —, estimate (calibrated) 46.00 (1), raw model estimate 70.00 (2)',
    );
  });
});

describe('findings, for a person', () => {
  it('says whether each finding is open or resolved, and why', () => {
    const base = {
      type: 'STALE',
      pillar: 'overall',
      from: '2026-02-01',
      to: '2026-03-08',
      evidence: { daysSpanned: 35 },
    };
    expect(
      formatFindings([
        { ...base, status: 'open' },
        { ...base, status: 'resolved', resolution: 'moved-again', resolvedOnDay: '2026-03-09' },
        base,
      ]),
    ).toEqual([
      'STALE         overall       2026-02-01 … 2026-03-08  (35 days)  open',
      'STALE         overall       2026-02-01 … 2026-03-08  (35 days)  resolved 2026-03-09 (moved-again)',
      'STALE         overall       2026-02-01 … 2026-03-08  (35 days)',
    ]);
  });
});
