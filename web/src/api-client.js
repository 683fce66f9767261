// The one way every page calls the API: the session's bearer token, JSON in and out, and a refusal
// thrown as an ApiRefusal that keeps the status, code and details the API gave
// (`{ error: { code, message, details: { fields, findings } } }`). The session is kept for the tab.

import { APP_LANGUAGES } from './app-text.js';
import { savedLanguage } from './language.js';

const SESSION_KEY = 'guichet.session';
let session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
let expired = () => {};

export const currentSession = () => session;

export function startSession(opened) {
  session = opened;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(opened));
}

export function endSession() {
  session = null;
  sessionStorage.removeItem(SESSION_KEY);
}

/** `then` runs when the API says the session is over. */
export function onSessionExpired(then) {
  expired = then;
}

/** A refusal of the API, with its HTTP status, its code and its details (fields, findings). */
export class ApiRefusal extends Error {
  constructor(status, error) {
    super(error?.message ?? APP_LANGUAGES[savedLanguage()].error(status));
    this.status = status;
    this.code = error?.code;
    this.details = error?.details ?? {};
  }
}

/** The headers of a call to the API answering `accept`: the session's token when there is one. */
export function apiHeaders(accept = 'application/json') {
  const headers = { accept };
  if (session) headers.authorization = `Bearer ${session.token}`;
  return headers;
}

/**
 * Calls the API: `body` is sent as JSON, the answer is JSON unless `accept` asks for something
 * else (then it is text). A 401 ends the session; any refusal throws an ApiRefusal.
 *
 * @example const { items } = await api('GET', '/api/v1/categories');
 */
export async function api(method, path, body, accept = 'application/json') {
  const headers = apiHeaders(accept);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && session) expired();
  if (!response.ok) throw new ApiRefusal(response.status, (await response.json().catch(() => null))?.error);
  return accept === 'application/json' ? response.json().catch(() => null) : response.text();
}
