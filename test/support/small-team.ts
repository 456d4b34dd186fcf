import { PutMemberBodySchema } from '../../shared/api/contract';
import type { Day } from '../../shared/domain/kinds';
import type { Finding } from '../../shared/domain/pillars';
import type { ScoresStore } from '../../shared/store/scores-store';
import { putMember, type TeamsDeps } from '../../shared/teams/teams';
import { calibrationOf, dailyEstimate, findingOf, officialReading, pillars } from './scores-builders';

/** The day the small team's leaderboard is read on. */
export const SMALL_TEAM_DATE = '2026-03-31';

export const memberBody = (displayName: string, teamIds: string[]) =>
  PutMemberBodySchema.parse({ displayName, teams: teamIds });
/** A reading with the same value on every pillar, its hash from time and value. */
export const flatReading = (memberId: string, observedAt: string, value: number) =>
  officialReading(memberId, observedAt, pillars(value), `${observedAt}-${value}`);
export const flatEstimate = (day: Day, value: number) => dailyEstimate(day, pillars(value));
export const findingWithReadings = (memberId: string, type: Finding['type'], from: Day, to: Day) =>
  findingOf(memberId, type, from, to, { readings: 3 });

/**
 * Three members of one team, as the leaderboard and the materialised standings tests read them: Ann (readings
 * either side of midnight after the date, estimates around it, a STALE open on it), Ben (one reading 21 days
 * old, a closed STALE, a DIVERGENT), Cid (an estimate and a calibration only, a STALE that starts after the date).
 */
export const seedSmallTeam = async (
  deps: TeamsDeps,
  scores: Pick<ScoresStore, 'saveReadings' | 'writeEstimates' | 'saveFindings' | 'saveCalibration'>,
  run: string,
) => {
  const team = `${run}-small`;
  const [ann, ben, cid] = ['ann', 'ben', 'cid'].map((name) => `${run}-${name}`) as [string, string, string];
  for (const [id, name] of [
    [ann, 'Ann'],
    [ben, 'Ben'],
    [cid, 'Cid'],
  ] as const)
    await putMember(deps, id, memberBody(name, [team]));
  await scores.saveReadings(ann, [
    flatReading(ann, '2026-03-01T10:00:00.000Z', 10),
    flatReading(ann, '2026-03-31T23:59:00.000Z', 12),
    flatReading(ann, '2026-04-01T00:01:00.000Z', 20),
  ]);
  await scores.writeEstimates(ann, [
    flatEstimate('2026-03-30', 5),
    flatEstimate(SMALL_TEAM_DATE, 6),
    flatEstimate('2026-04-01', 7),
  ]);
  await scores.saveFindings(ann, [findingWithReadings(ann, 'STALE', '2026-02-01', '2026-03-20')]);
  // Ben's only reading is older than a standing's days: it is kept as the last one before them.
  await scores.saveReadings(ben, [flatReading(ben, '2026-03-10T10:00:00.000Z', 15)]);
  await scores.saveFindings(ben, [
    findingWithReadings(ben, 'STALE', '2025-10-01', '2026-03-16'),
    findingWithReadings(ben, 'DIVERGENT', '2026-03-01', '2026-03-30'),
  ]);
  await scores.writeEstimates(cid, [flatEstimate(SMALL_TEAM_DATE, 11)]);
  await scores.saveCalibration(calibrationOf(cid));
  await scores.saveFindings(cid, [findingWithReadings(cid, 'STALE', '2026-04-01', '2026-04-20')]);
  return { team, ann, ben, cid };
};
