import { NotFound } from '../../domain/errors';
import { applyCalibration } from '../../model/calibration';
import { MIN_CALIBRATION_READINGS, MODEL_VERSION } from '../../model/parameters';
import type { ScoresDeps } from '../../scores/member-scores';
import { json } from '../http';
import { dayWindow } from '../paging';
import type { RouteTable } from '../router';
import { requireMember, todayOf } from './member';

/** The model's daily estimates, raw and calibrated, and the calibration itself. */
export const estimateRoutes = (deps: ScoresDeps): Pick<RouteTable<'api'>, 'estimates' | 'calibration'> => ({
  estimates: async ({ memberId, query }) => {
    await requireMember(deps.activity, memberId);
    const { from, to, page } = dayWindow(query, todayOf(deps.now));
    const [estimates, calibration] = await Promise.all([
      from > to ? [] : deps.scores.readEstimates(memberId, from, to),
      deps.scores.loadCalibration(memberId),
    ]);
    const { page: served, nextCursor } = page(estimates, query.limit);
    return json(200, {
      memberId,
      modelVersion: served[0]?.modelVersion ?? MODEL_VERSION,
      days: served.map((estimate) => ({
        day: estimate.day,
        pillars: estimate.pillars,
        total: estimate.total,
        confidence: estimate.confidence,
        calibrated: (calibration && applyCalibration(estimate, calibration)) ?? null,
        contributions: estimate.contributions,
      })),
      ...(nextCursor ? { nextCursor } : {}),
    });
  },

  calibration: async ({ memberId }) => {
    await requireMember(deps.activity, memberId);
    const calibration = await deps.scores.loadCalibration(memberId);
    // The population map's moments are the sweep's working sums, not something a reader acts on.
    if (calibration) {
      const { mapMoments: _, ...shown } = calibration;
      return json(200, shown);
    }
    const readings = (await deps.scores.listReadings(memberId)).length;
    throw new NotFound(
      `No calibration yet for '${memberId}': it needs ${MIN_CALIBRATION_READINGS} official readings on days with estimates (${readings} reading(s) stored).`,
    );
  },
});
