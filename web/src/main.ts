import { PILLARS } from '../../shared/domain/pillars';
import { localeFormat } from '../../shared/i18n/format';
import { isLocale, type Locale, negotiateLocale } from '../../shared/i18n/locales';
import { fill, type Messages, messagesFor } from '../../shared/i18n/messages';
import { CONFIG_FILE, parseWebAppConfig } from '../config';
import { signedIn, signOut } from './auth';
import { api, byId, problemDetail, type State, say, showMain, text } from './kit';
import {
  downloadCsv,
  loadMembers,
  loadTeamPage,
  loadTeams,
  refreshCompetition,
  renderMetricOptions,
  saveCompetition,
  uploadGoals,
} from './team';

/**
 * The app around the member page: it fetches the page's HTML from the API with the user's token and shows
 * its `<main>`, and adds what a page cannot do on its own: language, range, pasting a reading, uploading an
 * export and following its ingest. Managers (and everyone locally) also get the team page (`team.ts`).
 * Every text comes from the catalogue's `app` namespace.
 */
const LANGUAGE_KEY = 'pillarwatch.lang';
const INGEST_POLL_MS = 1000;
const INGEST_POLLS = 180;

const memberPath = (state: State, rest: string) =>
  `/members/${encodeURIComponent(state.memberId ?? '')}${rest}`;

/** Every `data-text` element takes its text from the catalogue; the page's language follows. */
const renderChrome = (state: State) => {
  const messages = text(state);
  document.documentElement.lang = state.locale;
  byId('app-title').dataset.text = state.view === 'team' ? 'teamTitle' : 'title';
  document.title = `${state.view === 'team' ? messages.teamTitle : messages.title} · pillarwatch`;
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const key = element.dataset.text as keyof Messages['app'];
    element.textContent = messages[key] ?? element.textContent;
  }
  byId<HTMLSelectElement>('language').value = state.locale;
  renderMetricOptions(state);
};

/** Shows one view (the member page or the team page), says which in the URL, and loads it. */
const showView = (state: State) => {
  byId('member-view').hidden = state.view !== 'member';
  byId('member-form').hidden = state.view !== 'member' || byId('views').hidden;
  byId('team-view').hidden = state.view !== 'team';
  for (const view of ['member', 'team'] as const) {
    const link = byId(`view-${view}`);
    if (view === state.view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  renderChrome(state);
  return state.view === 'team' ? loadTeamPage(state) : loadReport(state);
};

const setUrl = (changes: Record<string, string>) => {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(changes)) url.searchParams.set(name, value);
  history.replaceState(null, '', url);
};

/** Fetches the member page in the chosen language and range and shows its `<main>` (nothing else of it). */
const loadReport = async (state: State) => {
  const slot = byId('report-slot');
  const status = byId('status');
  if (!state.memberId) {
    slot.replaceChildren();
    return void say(status, text(state).chooseMember);
  }
  say(status, text(state).loading);
  const query = new URLSearchParams({ lang: state.locale });
  const from = byId<HTMLInputElement>('range-from').value;
  const to = byId<HTMLInputElement>('range-to').value;
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const response = await api(state, memberPath(state, `/report?${query}`), {
    headers: { accept: 'text/html' },
  });
  if (!response.ok) {
    slot.replaceChildren();
    return void say(status, fill(text(state).loadFailed, { detail: await problemDetail(response) }), 'error');
  }
  showMain(slot, await response.text());
  status.replaceChildren();
  void showLatestIngest(state);
};

interface Manifest {
  objectKey: string;
  status: 'SUCCEEDED' | 'PARTIAL' | 'FAILED';
  reason?: string;
  duplicateOf?: string;
  filesRecognised: { rows: number; rejected: number }[];
}

const describeIngest = (state: State, manifest: Manifest): [string, 'ok' | 'warn' | 'error'] => {
  const messages = text(state);
  const format = localeFormat(state.locale);
  const file = manifest.objectKey.split('/').pop() ?? manifest.objectKey;
  const rows = manifest.filesRecognised.reduce((sum, entry) => sum + entry.rows, 0);
  const rejected = manifest.filesRecognised.reduce((sum, entry) => sum + entry.rejected, 0);
  if (manifest.duplicateOf) return [messages.ingestDuplicate, 'ok'];
  if (manifest.status === 'FAILED')
    return [fill(messages.ingestFailed, { file, reason: manifest.reason ?? '' }), 'error'];
  if (manifest.status === 'PARTIAL')
    return [
      fill(messages.ingestPartial, { file, rows: format.count(rows), rejected: format.count(rejected) }),
      'warn',
    ];
  const files = format.count(manifest.filesRecognised.length);
  return [fill(messages.ingestSucceeded, { file, rows: format.count(rows), files }), 'ok'];
};

const latestIngest = async (state: State): Promise<Manifest | undefined> => {
  const response = await api(state, memberPath(state, '/ingests?limit=1'));
  if (!response.ok) return undefined;
  return ((await response.json()) as { ingests: Manifest[] }).ingests[0];
};

const showLatestIngest = async (state: State, manifest?: Manifest) => {
  const latest = manifest ?? (await latestIngest(state));
  const element = byId('latest-ingest');
  if (!latest) return void say(element, text(state).noUpload);
  const [message, tone] = describeIngest(state, latest);
  say(element, message, tone);
};

interface ReadingAnswer {
  stored: boolean;
  reading?: { observedAt: string; overall: number; pillars: Record<(typeof PILLARS)[number], number> };
  counts?: { stored: number; duplicates: number; rejected: number };
}

/** POSTs the pasted text as it is (the API reads the SSI page JSON and the typed shapes) and says what happened. */
const submitReading = async (state: State) => {
  const messages = text(state);
  const result = byId('reading-result');
  const body = byId<HTMLTextAreaElement>('reading-input').value.trim();
  try {
    JSON.parse(body);
  } catch {
    return void say(result, messages.readingNotJson, 'error');
  }
  const response = await api(state, memberPath(state, '/official-scores'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (!response.ok) {
    return void say(
      result,
      fill(messages.readingRejected, { detail: await problemDetail(response) }),
      'error',
    );
  }
  const answer = (await response.json()) as ReadingAnswer;
  const format = localeFormat(state.locale);
  if (answer.counts) {
    const counts = Object.fromEntries(Object.entries(answer.counts).map(([k, v]) => [k, format.count(v)]));
    say(result, fill(messages.readingCounts, counts), answer.counts.stored > 0 ? 'ok' : 'warn');
  } else if (answer.reading) {
    const day = format.day(answer.reading.observedAt.slice(0, 10));
    const template = answer.stored ? messages.readingStored : messages.readingDuplicate;
    say(
      result,
      fill(template, { day, overall: format.score(answer.reading.overall) }),
      answer.stored ? 'ok' : 'warn',
    );
    const pillars = document.createElement('ul');
    const labels = messagesFor(state.locale).pillars;
    for (const pillar of PILLARS) {
      const item = document.createElement('li');
      item.textContent = `${labels[pillar]}: ${format.score(answer.reading.pillars[pillar])}`;
      pillars.append(item);
    }
    result.append(pillars);
  }
  if (answer.stored) await loadReport(state);
};

/** PUTs with XMLHttpRequest: fetch cannot report upload progress. `content-length` is the browser's to set. */
const putWithProgress = (
  url: string,
  headers: Record<string, string>,
  file: File,
  onProgress: (p: number) => void,
) =>
  new Promise<void>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() !== 'content-length') request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () =>
      request.status < 300 ? resolve() : reject(new Error(`the bucket answered ${request.status}`));
    request.onerror = () => reject(new Error('the connection to the bucket failed'));
    request.send(file);
  });

/** Asks for a presigned PUT, uploads with progress, then follows the ingest until its manifest appears. */
const uploadExport = async (state: State, file: File) => {
  const messages = text(state);
  const result = byId('upload-result');
  const progress = byId<HTMLProgressElement>('upload-progress');
  const grantResponse = await api(state, memberPath(state, '/uploads'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'export', fileName: file.name, size: file.size }),
  });
  if (!grantResponse.ok) {
    return void say(
      result,
      fill(messages.uploadFailed, { detail: await problemDetail(grantResponse) }),
      'error',
    );
  }
  const grant = (await grantResponse.json()) as { url: string; key: string; headers: Record<string, string> };
  progress.hidden = false;
  progress.value = 0;
  try {
    await putWithProgress(grant.url, grant.headers, file, (percent) => {
      progress.value = percent;
      say(result, fill(messages.uploadProgress, { percent }));
    });
  } catch (error) {
    return void say(result, fill(messages.uploadFailed, { detail: (error as Error).message }), 'error');
  }
  say(result, messages.uploadWaiting);
  for (let poll = 0; poll < INGEST_POLLS; poll += 1) {
    const latest = await latestIngest(state);
    if (latest?.objectKey === grant.key) {
      progress.hidden = true;
      const [message, tone] = describeIngest(state, latest);
      say(result, message, tone);
      await showLatestIngest(state, latest);
      return loadReport(state);
    }
    await new Promise((resolve) => setTimeout(resolve, INGEST_POLL_MS));
  }
  say(result, messages.uploadTimeout, 'warn');
};

/** Dropping a .json file (or text) on the box fills it, ready to save. */
const acceptDrops = (textarea: HTMLTextAreaElement) => {
  textarea.addEventListener('dragover', (event) => {
    event.preventDefault();
    textarea.classList.add('dragging');
  });
  textarea.addEventListener('dragleave', () => textarea.classList.remove('dragging'));
  textarea.addEventListener('drop', async (event) => {
    event.preventDefault();
    textarea.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    textarea.value = file ? await file.text() : (event.dataTransfer?.getData('text/plain') ?? '');
  });
};

const initialLocale = (): Locale => {
  const asked = new URLSearchParams(location.search).get('lang') ?? localStorage.getItem(LANGUAGE_KEY);
  return negotiateLocale({ lang: asked, acceptLanguage: navigator.languages.join(',') });
};

const start = async () => {
  const configResponse = await fetch(CONFIG_FILE);
  const config = parseWebAppConfig(await configResponse.json());
  const params = new URLSearchParams(location.search);
  const state: State = {
    config,
    locale: initialLocale(),
    view: params.get('view') === 'team' ? 'team' : 'member',
    teamId: params.get('team') ?? undefined,
  };
  renderChrome(state);
  if (config.mode === 'cognito' && config.signIn) {
    const { signIn } = config;
    say(byId('status'), text(state).signingIn);
    state.session = await signedIn(signIn).catch((error: Error) => {
      say(byId('status'), fill(text(state).signInFailed, { detail: error.message }), 'error');
      throw error;
    });
    state.memberId = state.session.username;
    const signOutButton = byId<HTMLButtonElement>('sign-out');
    signOutButton.hidden = false;
    signOutButton.addEventListener('click', () => signOut(signIn));
  } else {
    byId('local-banner').hidden = false;
  }
  // Managers (and everyone locally, where there is no sign-in) open any member and the team pages.
  const isManager = config.mode === 'local' || (state.session?.groups.includes('managers') ?? false);
  const memberField = byId<HTMLInputElement>('member-id');
  const asked = params.get('member');
  if (isManager) {
    byId('views').hidden = false;
    if (asked) state.memberId = asked;
    memberField.value = state.memberId ?? '';
    // The member list is fetched when the field is first used: a member page needs no list of everyone.
    memberField.addEventListener('focus', () => void loadMembers(state), { once: true });
    await loadTeams(state);
  } else {
    state.view = 'member';
  }
  byId('member-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.memberId = memberField.value.trim();
    setUrl({ member: state.memberId });
    void loadReport(state);
  });
  for (const view of ['member', 'team'] as const) {
    byId(`view-${view}`).addEventListener('click', (event) => {
      event.preventDefault();
      state.view = view;
      setUrl({ view });
      void showView(state);
    });
  }
  byId<HTMLSelectElement>('language').addEventListener('change', (event) => {
    const chosen = (event.target as HTMLSelectElement).value;
    if (!isLocale(chosen)) return;
    state.locale = chosen;
    localStorage.setItem(LANGUAGE_KEY, chosen);
    void showView(state);
    void refreshCompetition(state);
  });
  byId('range-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void loadReport(state);
  });
  byId('team-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.teamId = byId<HTMLSelectElement>('team-picker').value;
    setUrl({ team: state.teamId });
    void loadTeamPage(state);
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.download')) {
    const table = button.dataset.table as Parameters<typeof downloadCsv>[1];
    button.addEventListener('click', () => void downloadCsv(state, table));
  }
  byId('competition-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void saveCompetition(state);
  });
  byId<HTMLInputElement>('goals-file').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void uploadGoals(state, file);
  });
  const readingInput = byId<HTMLTextAreaElement>('reading-input');
  acceptDrops(readingInput);
  byId('reading-submit').addEventListener('click', () => void submitReading(state));
  byId<HTMLInputElement>('upload-file').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void uploadExport(state, file);
  });
  await showView(state);
};

void start();
