import { PILLARS } from '../../shared/domain/pillars';
import { localeFormat } from '../../shared/i18n/format';
import { fill, messagesFor } from '../../shared/i18n/messages';
import { allPages, api, byId, problemDetail, type State, say, showMain, text } from './kit';

/**
 * The manager's side of the app: the team page (rendered by the API, shown by its `<main>`), the team tables as
 * CSV downloads, a named competition with its standings, the business-goals upload, and the member picker.
 * Every text from the catalogue's `app` namespace (column headings from the team page's own `team` namespace).
 */
const METRICS = ['total', ...PILLARS] as const;
type Table = 'leaderboard' | 'competition' | 'tiers' | 'kpi';

const teamPath = (state: State, rest: string) => `/teams/${encodeURIComponent(state.teamId ?? '')}${rest}`;

/** The period of the team form, as query parameters (absent fields: the API's defaults). */
const period = (): URLSearchParams => {
  const query = new URLSearchParams();
  const from = byId<HTMLInputElement>('team-from').value;
  const to = byId<HTMLInputElement>('team-to').value;
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  return query;
};

const metricName = (state: State, metric: string) => {
  const messages = messagesFor(state.locale);
  return metric === 'total' ? messages.common.overall : messages.pillars[metric as (typeof PILLARS)[number]];
};

/** The metric choices, in the page's language (kept selected across a language switch). */
export const renderMetricOptions = (state: State) => {
  const select = byId<HTMLSelectElement>('competition-metric');
  const chosen = select.value || 'people';
  select.replaceChildren(
    ...METRICS.map((metric) => new Option(metricName(state, metric), metric, false, metric === chosen)),
  );
};

/** Fills the team picker from `GET /teams` (every page); keeps the team asked for in the URL chosen. */
export const loadTeams = async (state: State) => {
  const picker = byId<HTMLSelectElement>('team-picker');
  const teams = await allPages<{ teamId: string; members: number }>(state, '/teams', 'teams').catch(
    (error: Error) => {
      say(byId('status'), fill(text(state).teamLoadFailed, { detail: error.message }), 'error');
      return [];
    },
  );
  picker.replaceChildren(...teams.map((team) => new Option(`${team.teamId} (${team.members})`, team.teamId)));
  if (teams.length === 0) return void say(byId('status'), text(state).noTeams, 'warn');
  state.teamId = teams.some((team) => team.teamId === state.teamId) ? state.teamId : teams[0]?.teamId;
  picker.value = state.teamId ?? '';
};

/** The member picker: a type-ahead over `GET /members` (name and id), for managers. */
export const loadMembers = async (state: State) => {
  const members = await allPages<{ memberId: string; displayName?: string; teams: string[] }>(
    state,
    '/members',
    'members',
  ).catch(() => []);
  byId('member-list').replaceChildren(
    ...members.map((member) => {
      const option = document.createElement('option');
      option.value = member.memberId;
      option.label = [member.displayName, member.teams.join(', ')].filter(Boolean).join(' · ');
      return option;
    }),
  );
  byId<HTMLInputElement>('member-id').placeholder = text(state).memberPick;
};

/** Fetches the team page in the chosen language and period and shows its `<main id="team-page">`. */
export const loadTeamPage = async (state: State) => {
  const slot = byId('team-slot');
  const status = byId('status');
  if (!state.teamId) {
    slot.replaceChildren();
    return void say(status, text(state).chooseTeam);
  }
  say(status, text(state).teamLoading);
  const query = period();
  query.set('lang', state.locale);
  const response = await api(state, teamPath(state, `/report?${query}`), {
    headers: { accept: 'text/html' },
  });
  if (!response.ok) {
    slot.replaceChildren();
    return void say(
      status,
      fill(text(state).teamLoadFailed, { detail: await problemDetail(response) }),
      'error',
    );
  }
  showMain(slot, await response.text());
  status.replaceChildren();
};

/** The named competition shown in the panel, if any: its CSV is the one "Competition" downloads. */
let shownCompetition: string | undefined;

const csvPath = (state: State, table: Table): string => {
  const query = new URLSearchParams({ format: 'csv', lang: state.locale });
  const range = period();
  if (table === 'leaderboard') {
    const to = range.get('to');
    if (to) query.set('date', to);
    return teamPath(state, `/leaderboard?${query}`);
  }
  if (table === 'competition' && shownCompetition)
    return teamPath(state, `/competitions/${encodeURIComponent(shownCompetition)}?${query}`);
  for (const [name, value] of range) query.set(name, value);
  if (table === 'competition') query.set('metric', byId<HTMLSelectElement>('competition-metric').value);
  return teamPath(state, `/${table}?${query}`);
};

/**
 * Downloads a team table as CSV. A plain link would carry no token (Cognito mode), so the app fetches with it
 * and hands the browser a Blob to save. The bytes are kept as sent: the BOM spreadsheets need included.
 */
export const downloadCsv = async (state: State, table: Table) => {
  const result = byId('download-result');
  const response = await api(state, csvPath(state, table), { headers: { accept: 'text/csv' } });
  if (!response.ok)
    return void say(
      result,
      fill(text(state).downloadFailed, { detail: await problemDetail(response) }),
      'error',
    );
  const blob = new Blob([await response.arrayBuffer()], { type: 'text/csv;charset=utf-8' });
  // The API names the file (table, team, day); a name of our own only if it does not.
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const file = named ?? `${state.teamId}-${table}.csv`;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = file;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  say(result, fill(text(state).downloadDone, { file }), 'ok');
};

interface Standing {
  memberId: string;
  displayName?: string;
  rank: number | null;
  start: number | null;
  end: number | null;
  improvement: number | null;
  basis: 'official' | 'calibrated' | 'raw' | null;
}

/** The standings as a table, in the page's language (headings from the team page's catalogue). */
const standingsTable = (state: State, standings: Standing[]): HTMLTableElement => {
  const messages = messagesFor(state.locale);
  const t = messages.team;
  const format = localeFormat(state.locale);
  const score = (value: number | null) => (value === null ? '—' : format.score(value));
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const heading of [
    t.rank,
    t.member,
    text(state).competitionStart,
    text(state).competitionEnd,
    t.improvement,
    t.basis,
  ]) {
    const cell = document.createElement('th');
    cell.textContent = heading;
    head.append(cell);
  }
  const body = table.createTBody();
  for (const standing of standings) {
    const row = body.insertRow();
    const basis = standing.basis ? messages.common[standing.basis] : t.noData;
    for (const value of [
      standing.rank === null ? '—' : String(standing.rank),
      standing.displayName ?? standing.memberId,
      score(standing.start),
      score(standing.end),
      standing.improvement === null ? t.noData : format.signed(standing.improvement),
      basis,
    ])
      row.insertCell().textContent = value;
  }
  return table;
};

const showCompetition = async (state: State, name: string) => {
  const result = byId('competition-result');
  const response = await api(state, teamPath(state, `/competitions/${encodeURIComponent(name)}`));
  if (!response.ok)
    return void say(
      result,
      fill(text(state).competitionFailed, { detail: await problemDetail(response) }),
      'error',
    );
  const competition = (await response.json()) as {
    name: string;
    from: string;
    to: string;
    metric: string;
    standings: Standing[];
  };
  const format = localeFormat(state.locale);
  const heading = fill(messagesFor(state.locale).team.competitionHeading, {
    name: competition.name,
    metric: metricName(state, competition.metric),
    from: format.day(competition.from),
    to: format.day(competition.to),
  });
  say(result, heading, 'ok').append(standingsTable(state, competition.standings));
  shownCompetition = competition.name;
};

/** Sets up (or changes) the named competition, then shows its standings and the team page with it. */
export const saveCompetition = async (state: State) => {
  const name = byId<HTMLInputElement>('competition-name').value.trim();
  const response = await api(state, teamPath(state, `/competitions/${encodeURIComponent(name)}`), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      from: byId<HTMLInputElement>('competition-from').value,
      to: byId<HTMLInputElement>('competition-to').value,
      metric: byId<HTMLSelectElement>('competition-metric').value,
    }),
  });
  if (!response.ok) {
    const detail = await problemDetail(response);
    return void say(byId('competition-result'), fill(text(state).competitionFailed, { detail }), 'error');
  }
  await showCompetition(state, name);
  await loadTeamPage(state);
};

/** Re-renders the panel's standings in a new language. */
export const refreshCompetition = (state: State) =>
  shownCompetition ? showCompetition(state, shownCompetition) : Promise.resolve();

/** PUTs the chosen CSV as it is (text/csv) and lists what was saved and which lines were rejected, and why. */
export const uploadGoals = async (state: State, file: File) => {
  const messages = text(state);
  const result = byId('goals-result');
  const response = await api(state, teamPath(state, '/business-goals'), {
    method: 'PUT',
    headers: { 'content-type': 'text/csv' },
    body: await file.text(),
  });
  if (!response.ok)
    return void say(result, fill(messages.goalsFailed, { detail: await problemDetail(response) }), 'error');
  const answer = (await response.json()) as {
    saved: number;
    columns: string[];
    rejected: { line: number; reason: string }[];
  };
  const format = localeFormat(state.locale);
  say(
    result,
    fill(messages.goalsSaved, { saved: format.count(answer.saved), columns: answer.columns.join(', ') }),
    answer.rejected.length > 0 ? 'warn' : 'ok',
  );
  if (answer.rejected.length > 0) {
    const intro = document.createElement('p');
    intro.textContent = fill(messages.goalsRejected, { count: format.count(answer.rejected.length) });
    const list = document.createElement('ul');
    for (const { line, reason } of answer.rejected) {
      const item = document.createElement('li');
      item.textContent = fill(messages.goalsRejectedLine, { line, reason });
      list.append(item);
    }
    result.append(intro, list);
  }
  await loadTeamPage(state);
};
