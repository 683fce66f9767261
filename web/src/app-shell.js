// What every page of the app shares: the session, calls to the API, the page's words in the
// chosen language, the status line, the category tree, and the change stream the page follows.

import { APP_LANGUAGES, translate } from './app-text.js';
import { savedLanguage } from './language.js';

export const main = document.getElementById('main');
const flash = document.getElementById('flash');
let session = JSON.parse(sessionStorage.getItem('guichet.session') ?? 'null');
let expired = () => {};

/** The words of the language the user chose. */
export const text = () => APP_LANGUAGES[savedLanguage()];

/** A time as the user's language writes it. */
export const when = (at) => new Date(at).toLocaleString(text().locale);

export const currentSession = () => session;

export function startSession(opened) {
  session = opened;
  sessionStorage.setItem('guichet.session', JSON.stringify(opened));
}

export function endSession() {
  session = null;
  sessionStorage.removeItem('guichet.session');
}

/** `then` runs when the API says the session is over. */
export function onSessionExpired(then) {
  expired = then;
}

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => null);
  if (response.status === 401 && session) expired();
  if (!response.ok) throw new Error(data?.error?.message ?? text().error(response.status));
  return data;
}

/** Puts the template `templateId` on the page, in the user's language, and moves the focus there. */
export function show(templateId) {
  const page = document.getElementById(templateId).content.cloneNode(true);
  translate(page, text());
  main.replaceChildren(page);
  main.focus();
}

export function say(message) {
  flash.textContent = message;
}

// The category tree, read once per page load: it changes rarely.
let categories;
/** Each category's path in the user's language, by id. */
export async function categoryPaths() {
  categories ??= api('GET', '/api/v1/categories').then(({ items }) => items);
  const lang = savedLanguage();
  return new Map((await categories).map((c) => [c.id, c.path[lang]]));
}

// The change stream the page on show follows; the next page stops it.
let stopFollowing = () => {};

export function follow(stop) {
  stopFollowing();
  stopFollowing = stop;
}

export function stopFollowingChanges() {
  follow(() => {});
}
