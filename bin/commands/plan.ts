import type { PlanAction } from '../../shared/coaching/plan';
import { PILLARS } from '../../shared/domain/pillars';
import { isLocale, type Locale } from '../../shared/i18n/locales';
import { pageContext } from '../../shared/report/page-context';
import { memberOf } from '../cli/args';
import { connect, memberPath } from '../cli/client';
import { CliError, type Command } from '../cli/command';
import { printJson } from '../cli/output';

interface PlanBody {
  horizonDays: number;
  actions: PlanAction[];
  forecast: { from: { total: number }; to: { total: number; day: string }; change: number };
  dataAsOf: string;
  dataAgeDays: number;
  staleData: boolean;
}

/** `--lang en|de|pl` (default en), for the commands that print words. */
export const langOf = (flags: Record<string, unknown>): Locale => {
  const lang = flags.lang ?? 'en';
  if (!isLocale(lang)) throw new CliError('--lang must be en, de or pl.', 2);
  return lang;
};

export const plan: Command = {
  name: 'plan',
  synopsis: 'plan --member <id>',
  summary: 'what to do next: actions, their gain per pillar, the forecast',
  usage: 'plan --member <id> [--lang en|de|pl] [--json] [--data-dir <dir>]',
  help: `The actions that would raise the member's SSI most over the next 4 weeks, with the expected gain per pillar
(the model run on the member's own last 4 weeks of data plus the action), and where the score heads at the current
pace (docs/coaching.md). --json prints the API's answer (GET /members/{id}/plan) as one JSON document.
`,
  flags: { member: { type: 'string' }, lang: { type: 'string' } },
  async run({ flags, output }) {
    const member = memberOf(flags);
    const ctx = pageContext(langOf(flags));
    const stack = await connect(flags, member);
    const body = (await stack.getJson(memberPath(member, '/plan'))) as PlanBody;
    if (flags.json) {
      printJson(output, body);
      return 0;
    }
    const { t, f } = ctx;
    if (body.staleData)
      output.stdout(
        `${ctx.fill(t.member.staleData, { day: f.day(body.dataAsOf), days: f.count(body.dataAgeDays) })}\n`,
      );
    output.stdout(
      `${ctx.fill(t.member.next.intro, { day: f.day(body.dataAsOf), days: f.count(body.horizonDays) })}\n`,
    );
    for (const action of body.actions) {
      const forms = (t.plan.actions as Record<string, typeof t.plan.actions.post>)[action.action];
      const gains = PILLARS.filter((pillar) => action.gain[pillar] >= 0.05)
        .map((pillar) => `${f.signed(action.gain[pillar], 1)} ${t.member.recent.columns[pillar]}`)
        .join(', ');
      output.stdout(
        `  ${forms ? ctx.plural(forms, action.perWeek) : action.action}: ${gains || f.signed(0, 1)}\n`,
      );
    }
    output.stdout(
      `${ctx.fill(t.member.next.forecast, {
        from: f.score(body.forecast.from.total, 1),
        to: f.score(body.forecast.to.total, 1),
        day: f.day(body.forecast.to.day),
        change: f.signed(body.forecast.change, 1),
      })}\n`,
    );
    return 0;
  },
};
