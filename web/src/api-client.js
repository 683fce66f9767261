/* global setTimeout, crypto */
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

// The key of each write not yet answered for good, by what it sends: the same submission sent again
// while it runs or after it failed (a double click, a retry) carries the same key, so the API acts once.
const unsettledKeys = new Map();

const RETRIES = 3;
const MAX_WAIT_MS = 5_000;
const RATE_WINDOW_MS = 60_000;
const LIMITED_TRIES = 8;

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// A service out of reach is asked again soon; a limit reached is waited out whole, as Retry-After says.
// Calls refused together are spread over the next second, so they do not all come back at once.
const retryAfterMs = (response) => {
  const asked = Number(response?.headers.get('retry-after') ?? 1) * 1000 || 1000;
  return response?.status === 429 ? Math.min(RATE_WINDOW_MS, asked) + Math.random() * 1000 : Math.min(MAX_WAIT_MS, asked);
};

// Not an answer for good: a service out of reach (502 and 504 from a balancer whose API process
// died or did not answer), the same key still running, or a change accepted and not yet recorded.
// Asked again with the same key, the API gives the outcome.
const UNSETTLED_STATUSES = new Set([202, 502, 503, 504]);
async function unsettled(response) {
  if (UNSETTLED_STATUSES.has(response.status)) return true;
  if (response.status !== 409) return false;
  const error = (
    await response
      .clone()
      .json()
      .catch(() => null)
  )?.error;
  return error?.code === 'request_in_progress';
}

/**
 * Calls the API: `body` is sent as JSON, the answer is JSON unless `accept` asks for something
 * else (then it is text). A write carries an Idempotency-Key and is retried with it a few times
 * while the API cannot answer for good; any call refused with 429 waits for its Retry-After and is
 * asked again. A 401 ends the session; any refusal throws an ApiRefusal.
 *
 * @example const { items } = await api('GET', '/api/v1/categories');
 */
export async function api(method, path, body, accept = 'application/json') {
  const headers = apiHeaders(accept);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const write = method === 'GET' ? null : `${method} ${path} ${payload ?? ''}`;
  if (write) {
    if (!unsettledKeys.has(write)) unsettledKeys.set(write, crypto.randomUUID());
    headers['idempotency-key'] = unsettledKeys.get(write);
  }
  let response = null;
  for (let attempt = 1; ; attempt += 1) {
    if (attempt > 1) await pause(retryAfterMs(response));
    response = await fetch(path, { method, headers, body: payload }).catch((error) => {
      if (attempt >= RETRIES) throw error;
      return null;
    });
    // Too many requests: any call waits as long as Retry-After says, then asks again.
    if (response?.status === 429) {
      if (attempt >= LIMITED_TRIES) break;
      continue;
    }
    if ((response && !(write && (await unsettled(response)))) || attempt >= RETRIES) break;
  }
  if (write && response && !(await unsettled(response))) unsettledKeys.delete(write);
  if (response.status === 401 && session) expired();
  if (!response.ok) throw new ApiRefusal(response.status, (await response.json().catch(() => null))?.error);
  return accept === 'application/json' ? response.json().catch(() => null) : response.text();
}

// One key per file chosen: sent again (a retry, a second drop of the same file object), it is attached once.
const fileKeys = new WeakMap();

/**
 * Sends `file` to the API as a multipart form (its field `file`, after `fields`), once per file
 * whatever the retries (or once per `idempotencyKey`, for a file sent again on purpose); answers the API's JSON or throws an ApiRefusal (413 and 415 name the limit or the type).
 */
export async function upload(path, file, fields = {}, idempotencyKey = undefined) {
  if (!fileKeys.has(file)) fileKeys.set(file, crypto.randomUUID());
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, file.name);
  const key = idempotencyKey ?? fileKeys.get(file);
  const response = await fetch(path, { method: 'POST', headers: { ...apiHeaders(), 'idempotency-key': key }, body: form });
  if (response.status === 401 && session) expired();
  if (!response.ok) throw new ApiRefusal(response.status, (await response.json().catch(() => null))?.error);
  return response.json();
}

/** A file the API serves to the session only, as a blob for the page to show or save. */
export async function fetchBlob(path) {
  const response = await fetch(path, { headers: apiHeaders('*/*') });
  if (!response.ok) throw new ApiRefusal(response.status, null);
  return response.blob();
}
