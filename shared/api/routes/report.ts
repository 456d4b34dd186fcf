import { negotiateLocale } from '../../i18n/locales';
import { applyCalibration } from '../../model/calibration';
import type { ReportInput } from '../../report/render';
import type { ScoresDeps } from '../../scores/member-scores';
import { html } from '../http';
import { dayWindow } from '../paging';
import type { RouteTable } from '../router';
import { requireMember, todayOf } from './member';
import { loadCoaching } from './plan';

/** A header by name, whatever its case (API Gateway keeps the client's, the local adapter lowercases). */
const header = (headers: Record<string, string | undefined> | null | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/**
 * The member's HTML report over a day range, in the language of `?lang=` or `Accept-Language`. The renderer is
 * injected, so only the report function bundles it. A range the member picks (`from`/`to`) is also What moved's.
 */
export const reportRoutes = (
  deps: ScoresDeps,
  renderReport: (input: ReportInput) => string,
): Pick<RouteTable<'report'>, 'report'> => ({
  report: async ({ memberId, query, event }) => {
    await requireMember(deps.activity, memberId);
    const { from, to } = dayWindow(query, todayOf(deps.now));
    const [estimates, calibration, readings, findings, manifests, coaching] = await Promise.all([
      from > to ? [] : deps.scores.readEstimates(memberId, from, to),
      deps.scores.loadCalibration(memberId),
      deps.scores.listReadings(memberId),
      deps.scores.listFindings(memberId),
      deps.activity.listManifests(memberId, 1),
      loadCoaching(deps, memberId, query.from || query.to ? { from: query.from, to: query.to } : {}),
    ]);
    const calibrated = calibration
      ? estimates.flatMap((estimate) => {
          const scores = applyCalibration(estimate, calibration);
          return scores ? [{ day: estimate.day, ...scores }] : [];
        })
      : undefined;
    const locale = negotiateLocale({
      lang: query.lang,
      acceptLanguage: header(event.headers, 'accept-language'),
    });
    const page = html(
      renderReport({
        memberId,
        generatedAt: deps.now().toISOString(),
        locale: negotiateLocale({
          lang: query.lang,
          acceptLanguage: header(event.headers, 'accept-language'),
        }),
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
        ...(coaching
          ? {
              moved: coaching.moved,
              plan: coaching.plan,
              steadiness: coaching.steadiness,
              ...(coaching.staleData ? { staleDataDays: coaching.dataAgeDays } : {}),
            }
          : {}),
      }),
    );
    // The language follows Accept-Language: caches must key on it.
    return { ...page, headers: { ...page.headers, 'content-language': locale, vary: 'Accept-Language' } };
  },
});
