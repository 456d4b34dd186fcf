import { sortReadings } from '../../shared/findings/series';
import type { ScoresStore } from '../../shared/store/scores-store';
import type { TeamsStore } from '../../shared/store/teams-store';

/** What the scoring use case hands over at the end of an evaluation, read back from the table and stored. */
export const storeStandingOf = async (
  stores: {
    teams: Pick<TeamsStore, 'saveStanding'>;
    scores: Pick<ScoresStore, 'listReadings' | 'listFindings' | 'loadCalibration'>;
  },
  memberId: string,
  asOf: Date,
) =>
  stores.teams.saveStanding({
    memberId,
    readings: sortReadings(await stores.scores.listReadings(memberId)),
    findings: await stores.scores.listFindings(memberId),
    calibration: await stores.scores.loadCalibration(memberId),
    asOf,
  });
