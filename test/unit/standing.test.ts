import { describe, expect, it } from 'vitest';
import { materialiseStanding, STANDING_DAYS, standingOn } from '../../shared/domain/standing';
import {
  calibrationOf,
  dailyEstimate,
  findingOf,
  officialReading,
  pillars,
} from '../support/scores-builders';

const AS_OF = new Date('2026-04-10T12:00:00.000Z');
const since = '2026-04-03';
const reading = (observedAt: string, value: number) => officialReading('ann', observedAt, pillars(value));

describe('materialised standings', () => {
  const stored = materialiseStanding(
    {
      memberId: 'ann',
      readings: [
        reading('2026-03-01T08:00:00.000Z', 9),
        reading('2026-03-20T08:00:00.000Z', 10),
        reading('2026-04-05T08:00:00.000Z', 11),
      ],
      findings: [
        findingOf('ann', 'STALE', '2026-03-20', '2026-04-05'),
        findingOf('ann', 'DIVERGENT', '2026-04-01', '2026-04-05'),
      ],
      calibration: calibrationOf('ann'),
      asOf: AS_OF,
    },
    [dailyEstimate('2026-04-02', pillars(5)), dailyEstimate('2026-04-04', pillars(6))],
  );

  it('keeps a week of days, the last reading before them, and only what a leaderboard shows', () => {
    expect(stored.since).toBe(since);
    expect(STANDING_DAYS).toBe(7);
    expect(stored.readings.map((r) => r.observedAt)).toEqual([
      '2026-03-20T08:00:00.000Z',
      '2026-04-05T08:00:00.000Z',
    ]);
    expect(stored.readings[0]).toEqual({
      observedAt: '2026-03-20T08:00:00.000Z',
      overall: 40,
      pillars: pillars(10),
    });
    expect(stored.estimates).toEqual([
      { day: '2026-04-04', modelVersion: 'v1', pillars: pillars(6), total: 24 },
    ]);
    expect(stored.calibration).not.toHaveProperty('mae');
    expect(stored.stale.map((f) => f.type)).toEqual(['STALE']);
  });

  it('answers for dates from `since` on, and leaves older ones to the per-member read', () => {
    expect(standingOn(stored, '2026-04-02', '2026-03-19')).toBeUndefined();
    expect(standingOn(stored, since, '2026-03-20')).toMatchObject({
      official: { overall: 40 },
      staleFindings: [{ type: 'STALE' }],
    });
    expect(standingOn(stored, '2026-04-04', '2026-03-21')?.estimate?.total).toBe(24);
    expect(standingOn(stored, '2026-04-05', '2026-03-22')?.official?.overall).toBe(44);
    // A later day without an estimate: the reading stands, the estimate is absent, as in the table.
    const later = standingOn(stored, '2026-05-01', '2026-04-17');
    expect(later).toMatchObject({ official: { overall: 44 }, staleFindings: [] });
    expect(later?.estimate).toBeUndefined();
  });
});
