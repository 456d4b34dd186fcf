import { MOVED_DAYS, type WhatMoved, whatMoved } from '../../coaching/moved';
import { dataAge, type Plan, planActions, planDaysFrom, STALE_DATA_DAYS } from '../../coaching/plan';
import { STEADY_WEEKS, type Steadiness, steadiness } from '../../coaching/steady';
import { addDays } from '../../domain/days';
import { NotFound } from '../../domain/errors';
import type { Day } from '../../domain/kinds';
import { coverageSpan } from '../../domain/merge';
import { observedWindows } from '../../model/observed';
import type { ScoresDeps } from '../../scores/member-scores';
import { json } from '../http';
import type { RouteTable } from '../router';
import { requireMember, todayOf } from './member';

/** The member page's coaching sections and the plan, from one read of the member's data. */
export interface Coaching {
  plan: Plan;
  steadiness: Steadiness;
  moved?: WhatMoved;
  /** Days between the data's last day and today. */
  dataAgeDays: number;
  staleData: boolean;
}

/**
 * Reads what the coaching needs (coverage, recent days, profile, calibration) and runs shared/coaching on it.
 * "Recent" is the 4 weeks up to the last day the member's exports describe, so old data still gets a plan.
 * Undefined until an export has been read. `moved` spans `range` (default: the last 4 weeks of data).
 */
export const loadCoaching = async (
  deps: ScoresDeps,
  memberId: string,
  range: { from?: Day; to?: Day } = {},
): Promise<Coaching | undefined> => {
  const coverage = await deps.activity.loadCoverage(memberId);
  const dataAsOf = coverageSpan(coverage)?.to;
  if (!dataAsOf) return undefined;
  const steadyFrom = addDays(dataAsOf, -7 * STEADY_WEEKS);
  const planFrom = planDaysFrom(dataAsOf);
  const movedTo = range.to && range.to < dataAsOf ? range.to : dataAsOf;
  const movedFrom = range.from ?? addDays(movedTo, -MOVED_DAYS);
  const [days, profile, calibration, estimates] = await Promise.all([
    deps.activity.readDays(memberId, planFrom < steadyFrom ? planFrom : steadyFrom, dataAsOf),
    deps.activity.loadProfile(memberId),
    deps.scores.loadCalibration(memberId),
    movedFrom > movedTo ? [] : deps.scores.readEstimates(memberId, movedFrom, movedTo),
  ]);
  const age = dataAge(dataAsOf, todayOf(deps.now));
  return {
    plan: planActions({ days, profile, observed: observedWindows(coverage), dataAsOf, calibration }),
    steadiness: steadiness({ days, latestDay: dataAsOf }),
    moved: whatMoved({ estimates, calibration, from: movedFrom, to: movedTo }),
    dataAgeDays: age,
    staleData: age > STALE_DATA_DAYS,
  };
};

/** `GET /members/{id}/plan`: what to do next, with the expected gain per pillar, and the forecast. */
export const planRoutes = (deps: ScoresDeps): Pick<RouteTable<'report'>, 'plan'> => ({
  plan: async ({ memberId }) => {
    await requireMember(deps.activity, memberId);
    const coaching = await loadCoaching(deps, memberId);
    if (!coaching)
      throw new NotFound(`No export read yet for member '${memberId}': the plan starts from their activity.`);
    const { plan } = coaching;
    return json(200, {
      memberId,
      horizonDays: plan.horizonDays,
      actions: plan.actions,
      forecast: plan.forecast,
      dataAsOf: plan.dataAsOf,
      dataAgeDays: coaching.dataAgeDays,
      staleData: coaching.staleData,
      calibrated: plan.calibrated,
    });
  },
});
