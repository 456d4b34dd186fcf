import { addDays } from '../../domain/days';
import { type Locale, negotiateLocale } from '../../i18n/locales';
import {
  TEAM_REPORT_DAYS,
  type TeamReportData,
  type TeamReportDeps,
  teamReport,
} from '../../teams/team-report';
import { html } from '../http';
import type { RouteTable } from '../router';
import { todayOf } from './member';

/** The printable team page; the renderer is injected so only the report function bundles it. */
export const teamReportRoutes = (
  deps: TeamReportDeps,
  render: (data: TeamReportData, locale: Locale) => string,
  now: () => Date,
): Pick<RouteTable<'report'>, 'teamReport'> => ({
  teamReport: async ({ teamId, query, event }) => {
    const to = query.to ?? todayOf(now);
    const from = query.from ?? addDays(to, -TEAM_REPORT_DAYS);
    const acceptLanguage = Object.entries(event.headers ?? {}).find(
      ([k]) => k.toLowerCase() === 'accept-language',
    )?.[1];
    const locale = negotiateLocale({ lang: query.lang, acceptLanguage });
    return html(render(await teamReport(deps, teamId, from, to, now), locale));
  },
});
