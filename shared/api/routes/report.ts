import { applyCalibration } from '../../model/calibration';
import type { ReportInput } from '../../report/render';
import type { ScoresDeps } from '../../scores/member-scores';
import { html } from '../http';
import { dayWindow } from '../paging';
import type { RouteTable } from '../router';
import { requireMember, todayOf } from './member';

/**
 * The member's HTML report over a day range. The renderer is injected, so only the report function
 * bundles it. The query is the contract's; a language parameter would reach the renderer through it.
 */
export const reportRoutes = (
  deps: ScoresDeps,
  renderReport: (input: ReportInput) => string,
): Pick<RouteTable<'report'>, 'report'> => ({
  report: async ({ memberId, query }) => {
    await requireMember(deps.activity, memberId);
    const { from, to } = dayWindow(query, todayOf(deps.now));
    const [estimates, calibration, readings, findings, manifests] = await Promise.all([
      from > to ? [] : deps.scores.readEstimates(memberId, from, to),
      deps.scores.loadCalibration(memberId),
      deps.scores.listReadings(memberId),
      deps.scores.listFindings(memberId),
      deps.activity.listManifests(memberId, 1),
    ]);
    const calibrated = calibration
      ? estimates.flatMap((estimate) => {
          const scores = applyCalibration(estimate, calibration);
          return scores ? [{ day: estimate.day, ...scores }] : [];
        })
      : undefined;
    return html(
      renderReport({
        memberId,
        generatedAt: deps.now().toISOString(),
        estimates,
        calibrated,
        ...(calibration
          ? {
              calibration: {
                readings: calibration.readings,
                basis: calibration.basis ?? 'member',
                expectedError: calibration.mae.total.leaveOneOut,
              },
            }
          : {}),
        readings: readings.filter(
          (r) => r.observedAt.slice(0, 10) >= from && r.observedAt.slice(0, 10) <= to,
        ),
        findings: findings.filter((f) => f.to >= from && f.from <= to),
        latestManifest: manifests[0],
      }),
    );
  },
});
