import type { Locale } from '../../shared/i18n/locales';
import { type Messages, messagesFor } from '../../shared/i18n/messages';
import type { WebAppConfig } from '../config';
import type { Session } from './auth';

/** What both views of the app share: the state, the API call with the token, and small DOM helpers. */
export interface State {
  config: WebAppConfig;
  session?: Session;
  memberId?: string;
  teamId?: string;
  view: 'member' | 'team';
  locale: Locale;
}

export const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element as T;
};

export const text = (state: State): Messages['app'] => messagesFor(state.locale).app;

/** Calls the API on the app's own origin, with the ID token when signed in. */
export const api = async (state: State, path: string, init: RequestInit = {}): Promise<Response> => {
  const headers = new Headers(init.headers);
  if (state.session) headers.set('authorization', state.session.idToken);
  return fetch(`${state.config.apiBase}${path}`, { ...init, headers });
};

export const problemDetail = async (response: Response): Promise<string> => {
  const body = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
  return body.detail ?? body.title ?? `HTTP ${response.status}`;
};

/** Every item of a paged list route (`GET /teams`, `GET /members`): follows `nextCursor`. */
export const allPages = async <T>(state: State, path: string, field: string): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const response = await api(state, cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : path);
    if (!response.ok) throw new Error(await problemDetail(response));
    const page = (await response.json()) as Record<string, unknown> & { nextCursor?: string };
    items.push(...((page[field] ?? []) as T[]));
    cursor = page.nextCursor;
  } while (cursor);
  return items;
};

export const say = (element: HTMLElement, message: string, tone: 'ok' | 'warn' | 'error' | '' = '') => {
  element.replaceChildren();
  const line = document.createElement('p');
  line.textContent = message;
  if (tone) line.className = tone;
  element.append(line);
  return element;
};

/**
 * Shows a page the API rendered by its `<main>` alone: the page's `<head>` (its inline `<style>`, its CSP meta)
 * stays behind, as Chromium would report the inline `<style>` against the app's CSP even in a DOMParser
 * document; the page's rules ship in the app's stylesheet instead. DOMParser runs no scripts.
 */
export const showMain = (slot: HTMLElement, html: string) => {
  const start = html.search(/<main[\s>]/);
  const end = html.lastIndexOf('</main>');
  const body = start >= 0 && end > start ? html.slice(start, end + '</main>'.length) : '';
  const main = new DOMParser()
    .parseFromString(`<!doctype html><body>${body}`, 'text/html')
    .querySelector('main');
  slot.replaceChildren(...(main ? [document.importNode(main, true)] : []));
};
