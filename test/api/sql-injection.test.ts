import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Route } from '../../api/route';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let alice: TestUser;
let bob: TestUser;
let tech: TestUser;
let manager: TestUser;
let owner: TestUser;
let admin: TestUser;
const word = `sweep${randomUUID().slice(0, 6)}`;
/** Path parameters that name something that exists, by parameter name (an `id` by the path it is in). */
const existing: Record<string, string> = {};

/** Text the sweep sends in every parameter; each is URL-encoded as a client would. */
const INJECTIONS = [
  "' OR '1'='1",
  "' OR 1=1 -- ",
  '" OR ""="',
  '1 OR 1=1',
  '1) OR (1=1',
  '1; DROP TABLE tickets--',
  "'; DROP TABLE tickets; --",
  "') UNION SELECT id, login, password_hash FROM users --",
  '1 UNION ALL SELECT NULL,NULL,NULL#',
  "%' --",
  '%',
  '_',
  '\\',
  "\\'",
  '\\"',
  "1' AND SLEEP(2)--",
  '1 AND BENCHMARK(10000000,MD5(1))',
  '+imprimante* -x @distance "',
  '*',
  '0x27',
  'CHAR(39)',
  '-1',
  '0',
  '1e309',
  '9999-12-31T23:00:00-05:00',
  '0000-01-01T00:00:00Z',
  '9'.repeat(40),
  'NaN',
  'true',
  '[]',
  '{"$gt":""}',
  'null',
  '',
  ' ',
  'x'.repeat(4000),
  "é'ü\u00a0ß İ 𝕏 😀 \u202e",
  'a\u0000b',
  '\u0000',
  '\r\n',
  "<script>alert('x')</script>",
];

/** Already-encoded values a client may send that no encoder would produce. */
const RAW_VALUES = ['%', '%E0%A4%A', '%ED%A0%80', '%C0%27', '%2527', '%00'];

interface Sent {
  label: string;
  /** The encoded value, or a query string fragment for repeated keys. */
  encoded: string;
}

const sentValues = (extra: string[]): Sent[] => [
  ...[...INJECTIONS, ...extra].map((text) => ({
    label: JSON.stringify(text.length > 60 ? `${text.slice(0, 20)}… (${text.length})` : text),
    encoded: encodeURIComponent(text),
  })),
  ...RAW_VALUES.map((raw) => ({ label: `raw ${raw}`, encoded: raw })),
];

/** The keys of a query schema: zod objects, and the intersections the KPI questions build from them. */
function keysOf(schema: z.ZodType): string[] {
  const def = (
    schema as unknown as { _zod: { def: { type: string; shape?: object; left?: z.ZodType; right?: z.ZodType; in?: z.ZodType } } }
  )._zod.def;
  if (def.type === 'object') return Object.keys(def.shape!);
  if (def.type === 'intersection') return [...keysOf(def.left!), ...keysOf(def.right!)];
  if (def.type === 'pipe') return keysOf(def.in!);
  throw new Error(`the sweep cannot read the keys of a ${def.type} query schema`);
}

const paramsOf = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);

// An id names a ticket under /tickets, an article under /kb, a migration under /lifecycles (there is none: 404).
function existingValue(path: string, param: string): string {
  if (param === 'id')
    return path.startsWith('/api/v1/kb/') ? existing['article']! : path.includes('/migrations/') ? '1' : existing['ticket']!;
  const value = existing[param];
  if (value === undefined) throw new Error(`the sweep has no value for :${param} in ${path}: add one`);
  return value;
}

function pathWith(route: Route, values: Partial<Record<string, string>> = {}): string {
  return route.path.replace(/:(\w+)/g, (_match, param: string) => values[param] ?? existingValue(route.path, param));
}

interface Answer {
  status: number;
  body: unknown;
}

async function get(path: string, token: string): Promise<Answer> {
  const response = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  // An event stream stays open: its status is the answer.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, body: null };
  }
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return { status: response.status, body: json && text ? JSON.parse(text) : text };
}

type Row = { id: number; title?: string; description?: string; content?: string; login?: string; name?: string };
const rowsOf = (body: unknown): Row[] | undefined => {
  const items = (body as { items?: unknown })?.items;
  return Array.isArray(items) && items.every((item) => typeof (item as Row)?.id === 'number') ? (items as Row[]) : undefined;
};

// The collation ignores case and accents; so does this comparison.
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Why a row returned for the words of `q` does not hold them literally, or undefined when it does. */
function notMatching(route: Route, q: string, row: Row): string | undefined {
  // Users hold the whole text in their login or name; tickets every word as a substring; articles
  // every word of three letters or more as the start of a word.
  if (route.path === '/api/v1/users') {
    const found = [row.login, row.name].some((field) => folded(field ?? '').includes(folded(q.trim())));
    return found ? undefined : `user ${row.id} has neither login nor name holding ${JSON.stringify(q.trim())}`;
  }
  const text = folded(`${row.title ?? ''} ${row.description ?? ''} ${row.content ?? ''}`);
  const words = route.path === '/api/v1/tickets' ? q.trim().split(/\s+/) : q.split(/[^\p{L}\p{N}]+/u).filter((w) => [...w].length >= 3);
  const missing = words.filter(Boolean).find((w) => !text.includes(folded(w)));
  return missing === undefined ? undefined : `row ${row.id} lacks ${JSON.stringify(missing)}`;
}

/** The first of the sweep's users the route lets in (a 400 for a missing required parameter, a 404 for what does not exist). */
async function callerFor(route: Route): Promise<TestUser> {
  for (const user of [alice, tech, manager, owner, admin]) {
    if ([200, 400, 404].includes((await get(pathWith(route), user.token)).status)) return user;
  }
  throw new Error(`no user of the sweep may call ${route.method.toUpperCase()} ${route.path}`);
}

/** Runs `probe` over `items`, a few at a time. */
async function inBatches<T>(items: T[], probe: (item: T) => Promise<void>, width = 8): Promise<void> {
  for (let start = 0; start < items.length; start += width) await Promise.all(items.slice(start, start + width).map(probe));
}

async function file(user: TestUser, title: string, description: string): Promise<number> {
  const response = await stack.call('POST', '/api/v1/tickets', {
    token: user.token,
    body: { title, description, type: 'incident', urgency: 3, impact: 3 },
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

beforeAll(async () => {
  stack = await startStack();
  [alice, bob, tech, manager, owner, admin] = await Promise.all([
    stack.userWith('requester'),
    stack.userWith('requester'),
    stack.userWith('technician', 'N1'),
    stack.userWith('manager'),
    stack.userWith('owner'),
    stack.userWith('admin'),
  ]);
  existing['ticket'] = String(await file(alice, `Imprimante ${word} bloquée`, "Le bac de O'Brien ' OR '1'='1 reste coincé"));
  await file(alice, `VPN ${word} coupé`, 'Déconnexion toutes les 10 minutes; DROP TABLE tickets--');
  await file(bob, `Imprimante ${word} de Bob`, "' OR '1'='1 -- bob");
  await file(bob, `Écran ${word} noir`, '%_\\ reste noir');
  const article = await stack.call('POST', '/api/v1/kb/articles', {
    token: tech.token,
    body: { title: `Débloquer une imprimante ${word}`, content: "Ouvrir le bac ' OR '1'='1, retirer la feuille." },
  });
  existing['article'] = String(article.body.id);
  existing['key'] = 'incident';
  existing['version'] = '1';
  const definition = (await stack.call('GET', '/api/v1/lifecycles/incident/versions/1', { token: owner.token })).body;
  const draft = await stack.call('POST', '/api/v1/lifecycles/incident/drafts', { token: owner.token, body: definition });
  expect(draft.status).toBe(201);
  existing['draftId'] = String(draft.body.id);
});
afterAll(async () => stack?.close());

const getRoutes = () => stack.routes.filter((route) => route.method === 'get');

describe('SQL injection sweep', () => {
  it('reaches every GET route with a query or path parameters', () => {
    const swept = getRoutes().filter((route) => route.query || paramsOf(route.path).length > 0);
    // The ticket list, the knowledge base, the KPI questions and their CSVs, notifications, diagrams, and every route with an id.
    expect(swept.length).toBeGreaterThanOrEqual(30);
  });

  it('answers every query parameter of every GET list route with its usual rows or a 400, never a 500 nor rows the caller may not see', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const route of getRoutes().filter((r) => r.query)) {
      const caller = await callerFor(route);
      const keys = keysOf(route.query!);
      const widest = keys.includes('limit') ? '?limit=100' : '';
      const baseline = await get(`${pathWith(route)}${widest}`, caller.token);
      const visible = new Set(rowsOf(baseline.body)?.map((row) => row.id));
      const values = sentValues([existing['ticket']!, `${existing['ticket']} OR 1=1`, String(bob.id), `${bob.id} OR requester_id > 0`]);
      const probes = keys.flatMap((key) => [
        ...values.map((value) => ({ key, value, query: `${key}=${value.encoded}` })),
        { key, value: { label: 'the key twice', encoded: '' }, query: `${key}=1&${key}=${encodeURIComponent("' OR 1=1")}` },
        { key, value: { label: 'a key with brackets', encoded: '' }, query: `${key}[$ne]=1` },
      ]);
      await inBatches(probes, async ({ key, value, query }) => {
        sent += 1;
        const where = `GET ${route.path}?${key}=${value.label} as ${caller.login.split('-')[0]}`;
        const answer = await get(`${pathWith(route)}?${query}`, caller.token);
        if (![200, 400, 404].includes(answer.status)) {
          failures.push(`${where}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          return;
        }
        if (answer.status !== 200) return;
        for (const row of rowsOf(answer.body) ?? []) {
          if (!visible.has(row.id)) failures.push(`${where}: row ${row.id}, not among the caller's own`);
          const text = new URLSearchParams(query).get(key);
          const mismatch = key === 'q' && text !== null && notMatching(route, text, row);
          if (mismatch) failures.push(`${where}: ${mismatch}`);
        }
      });
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    // About 8,000 requests: a minute on a quiet 2-core machine, more when it is busy.
  }, 300_000);

  it('answers every path parameter of every GET route with a 400 or a 404, never a 500', async () => {
    const failures: string[] = [];
    for (const route of getRoutes().filter((r) => paramsOf(r.path).length > 0)) {
      const caller = await callerFor(route);
      const probes = paramsOf(route.path).flatMap((param) =>
        sentValues([`${existing['ticket']}.0`, '1/../2']).map((value) => ({ param, value })),
      );
      await inBatches(probes, async ({ param, value }) => {
        const answer = await get(pathWith(route, { [param]: value.encoded }), caller.token);
        // An empty value leaves a path of another route, or none: anything but a 5xx is fine then.
        const allowed = value.encoded === '' ? answer.status < 500 : [200, 400, 404].includes(answer.status);
        if (!allowed)
          failures.push(`GET ${route.path} with :${param}=${value.label}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        // A requester's ticket routes never show another's ticket, whatever the id says.
        const id = (answer.body as { id?: unknown })?.id;
        if (
          answer.status === 200 &&
          caller === alice &&
          route.path.startsWith('/api/v1/tickets/:id') &&
          typeof id === 'number' &&
          String(id) !== existing['ticket']
        )
          failures.push(`GET ${route.path} with :${param}=${value.label}: ticket ${id}, not alice's`);
      });
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('finds a text holding SQL by its literal words, for the requester only among her own tickets', async () => {
    const found = await get(`/api/v1/tickets?q=${encodeURIComponent(`${word} ' OR '1'='1`)}`, alice.token);
    expect(found.status).toBe(200);
    expect(rowsOf(found.body)?.map((row) => row.id)).toEqual([Number(existing['ticket'])]);
    const article = await get(`/api/v1/kb/articles?q=${encodeURIComponent(`${word} ' OR '1'='1`)}`, alice.token);
    expect(rowsOf(article.body)?.map((row) => row.id)).toEqual([Number(existing['article'])]);
    const wildcard = await get(`/api/v1/tickets?q=${encodeURIComponent(`${word} %_\\`)}`, tech.token);
    expect(rowsOf(wildcard.body)).toHaveLength(1);
  });
});
