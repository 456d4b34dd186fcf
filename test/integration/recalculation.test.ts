import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/days';
import type { Calibration, DailyEstimate, OfficialReading } from '../../shared/domain/pillars';
import { DEFAULT_THRESHOLDS } from '../../shared/findings/thresholds';
import { applyCalibration } from '../../shared/model/calibration';
import { noPublisher } from '../../shared/notify/finding-publisher';
import { recordReadings, type ScoresDeps } from '../../shared/scores/member-scores';
import { AggregatePairsRecorder } from '../../shared/scores/recalc-pairs';
import { sweep } from '../../shared/scores/sweep';
import { DynamoDbActivityStore } from '../../shared/store/dynamodb/activity-store';
import { DynamoDbRecalcAggregate } from '../../shared/store/dynamodb/recalc-aggregate';
import { DynamoDbScoresStore } from '../../shared/store/dynamodb/scores-store';
import { dayRange, START, teamMember } from '../support/recalculation-team';
import { dailyEstimate } from '../support/scores-builders';
import { createLocalTable, localDocumentClient } from '../support/table-dump';

const endpoint = inject('dynamoEndpoint');
// A table of its own: the POPULATION events found here would otherwise reach every other test's members.
const tableName = `recalc-${process.pid}`;
const STEP_DAY = 40;

let deps: ScoresDeps;
let aggregate: DynamoDbRecalcAggregate;

beforeAll(async () => {
  await createLocalTable(endpoint, tableName);
  const client = localDocumentClient(endpoint);
  aggregate = new DynamoDbRecalcAggregate(client, tableName);
  deps = {
    activity: new DynamoDbActivityStore(client, tableName),
    scores: new DynamoDbScoresStore(client, tableName),
    publisher: noPublisher,
    thresholds: DEFAULT_THRESHOLDS,
    now: () => new Date('2026-03-15T00:00:00Z'),
    recalcPairs: new AggregatePairsRecorder(
      aggregate,
      DEFAULT_THRESHOLDS,
      () => new Date('2026-03-15T00:00:00Z'),
    ),
  };
});

describe('a recalculation found by the sweep', () => {
  it('is stored as a population event and sticks for a member whose next reading is POSTed weeks later', async () => {
    // Twelve members reading (almost) daily across a 7 % drop on day 40, with ±0.3 noise.
    for (let i = 0; i < 12; i++) {
      const memberId = `team-${i}`;
      const days = dayRange(0, 60).filter((day) => (day * 7 + i) % 10 !== 0);
      await deps.scores.registerMember(memberId);
      await deps.scores.saveReadings(memberId, teamMember(memberId, days, { stepDay: STEP_DAY }).readings);
    }
    // A member who read every five days before the drop, and whose model sees a steady score.
    const sparse = teamMember('sparse', [...dayRange(5, 35, 5), 62], {
      stepDay: STEP_DAY,
      noise: 0,
    }).readings;
    const after = sparse.at(-1) as OfficialReading;
    await deps.scores.registerMember('sparse');
    await deps.scores.saveReadings('sparse', sparse.slice(0, -1));
    // The model follows the old formula exactly (same member, no step).
    const model = teamMember('sparse', dayRange(0, 70), { noise: 0 }).readings;
    const estimates = model.map((reading, day) => dailyEstimate(addDays(START, day), reading.pillars));
    await deps.scores.writeEstimates('sparse', estimates);

    // The readings went straight into the table: the first sweep's workers add the members' pairs to the
    // aggregate (as for members who read before it existed), the next sweep's coordinator finds the step there.
    expect((await sweep(deps, aggregate)).members).toBe(13);
    expect(await deps.scores.listRecalculations()).toEqual([]);
    await sweep(deps, aggregate);
    const events = await deps.scores.listRecalculations();
    expect(events.find((event) => event.pillar === 'overall')).toMatchObject({
      day: addDays(START, STEP_DAY),
      pillar: 'overall',
    });
    // The sparse member's readings do not bracket the day yet: nothing to attribute.
    expect((await deps.scores.listFindings('sparse')).filter((f) => f.type === 'RECALCULATION')).toEqual([]);

    // Three weeks after the drop the member POSTs a reading: no sweep runs, the stored event still applies.
    const { evaluation } = await recordReadings(deps, 'sparse', [after]);
    const recalculation = evaluation?.findings.find(
      (finding) => finding.type === 'RECALCULATION' && finding.pillar === 'overall',
    );
    expect(recalculation).toMatchObject({
      from: addDays(START, 35),
      to: addDays(START, 62),
      evidence: { clusterDay: addDays(START, STEP_DAY) },
    });
    // The refit put the earlier readings in today's formula: the calibrated estimate meets the new reading
    // (fitted on the old formula alone it would be about 7 % of ~40 points, ≈ 2.5, too high).
    const calibration = await deps.scores.loadCalibration('sparse');
    expect(calibration?.readings).toBe(8);
    const onDay62 = applyCalibration(estimates[62] as DailyEstimate, calibration as Calibration);
    // Within 1 point (the fit is pooled toward the team's prior and weights recent readings), against ≈ 2.5 unnormalised.
    expect(Math.abs((onDay62?.total ?? 0) - after.overall)).toBeLessThan(1);
    expect(evaluation?.findings.filter((finding) => finding.type === 'DIVERGENT')).toEqual([]);
  });
});
