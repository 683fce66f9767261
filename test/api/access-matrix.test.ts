import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { publishLifecycle } from '../../lifecycles/lifecycle.repository';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import type { Route } from '../../api/route';
import { RIGHTS } from '../../users/profiles';
import { PROFILES, type Profile } from '../../users/profiles';
import { startStack, type ApiResponse, type Stack, type TestUser } from '../support/stack';

/**
 * Every endpoint of the route table × every profile × a resource of the caller's entity and one of
 * another entity. The expected answer comes from the route's declared rights and from whether its
 * resource is scoped by entity, never from a hand-written list of endpoints.
 */

let stack: Stack;
let admin: TestUser;
const users = new Map<Profile, TestUser>();
const fixtures: Record<string, string> = {};
let ownTicket: number;
let ownTicket2: number;
let otherTicket: number;
const NO_SUCH_ID = 2_000_000_000;

async function created(path: string, body: object, token = admin.token): Promise<number> {
  const response = await stack.call('POST', path, { token, body });
  expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(201);
  return response.body.id as number;
}

const ticketBody = (requester: number, entity: number) => ({
  title: 'Imprimante du 3e bloquée',
  description: 'Bourrage papier.',
  type: 'incident',
  urgency: 3,
  impact: 3,
  requester,
  entity,
});

const isTicketScoped = (route: Route) => route.path.startsWith('/api/v1/tickets/:id');

// The concrete path of a route, its ticket being `ticket`.
function pathOf(route: Route, ticket: number): string {
  const path = route.path.replace(/:(\w+)/g, (_match, name: string) => {
    if (name === 'id' && isTicketScoped(route)) return String(ticket);
    if (name === 'ticket') return String(ownTicket2);
    const key = `${route.path.split('/:')[0]}:${name}`;
    return fixtures[key] ?? fixtures[name] ?? String(NO_SUCH_ID);
  });
  return `${path}${requiredQueryOf(route)}`;
}

// The query a route cannot do without: the first allowed value of each required parameter.
function requiredQueryOf(route: Route): string {
  if (!route.query) return '';
  const schema = z.toJSONSchema(route.query, { io: 'input' }) as {
    properties?: Record<string, { enum?: (string | number)[] }>;
    required?: string[];
  };
  const pairs = (schema.required ?? []).map((name) => `${name}=${encodeURIComponent(String(schema.properties?.[name]?.enum?.[0] ?? 1))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

// Some answers are CSV, SVG or XML: only JSON ones are parsed.
async function send(route: Route, path: string, token?: string): Promise<ApiResponse> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (route.method !== 'get') headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.baseUrl}${path}`, {
    method: route.method.toUpperCase(),
    headers,
    body: route.method === 'get' ? undefined : '{}',
  });
  // An event stream stays open: its status is the answer.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, body: '', headers: response.headers };
  }
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json') && text;
  return { status: response.status, body: json ? JSON.parse(text) : text, headers: response.headers };
}

const mayCall = (route: Route, profile: Profile) =>
  route.allow !== 'anonymous' && (RIGHTS[route.allow] as readonly Profile[]).includes(profile);
const aboutTheTicket = (response: ApiResponse, ticket: number) =>
  response.status === 404 && String(response.body?.error?.message).startsWith(`Ticket ${ticket} was not found`);

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  const own = await created('/api/v1/entities', { parent: 1, name: `Site ${randomUUID().slice(0, 6)}` });
  const other = await created('/api/v1/entities', { parent: 1, name: `Site ${randomUUID().slice(0, 6)}` });
  for (const profile of PROFILES) users.set(profile, await stack.userWith(profile, undefined, { entity: own }));
  const outsider = await stack.userWith('requester', undefined, { entity: other });
  fixtures['/api/v1/users:id'] = String(users.get('requester')!.id);
  ownTicket = await created('/api/v1/tickets', ticketBody(users.get('requester')!.id, own));
  ownTicket2 = await created('/api/v1/tickets', ticketBody(users.get('requester')!.id, own));
  otherTicket = await created('/api/v1/tickets', ticketBody(outsider.id, other));

  const key = `incident-${randomUUID().slice(0, 8)}`;
  const definition = { ...structuredClone(SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!), key };
  await publishLifecycle(definition);
  fixtures['/api/v1/lifecycles:key'] = key;
  fixtures['version'] = '1';
  fixtures['draftId'] = String(await created(`/api/v1/lifecycles/${key}/drafts`, definition));
  fixtures['action'] = 'resume';
  fixtures['/api/v1/kb/articles:id'] = String(
    await created('/api/v1/kb/articles', { title: 'Débloquer une imprimante', content: 'Ouvrir le capot arrière.', category: null }),
  );
  const week = { mon: [['08:00', '18:00']], tue: [['08:00', '18:00']], wed: [], thu: [], fri: [], sat: [], sun: [] };
  const calendar = await created('/api/v1/calendars', {
    name: `Cal ${randomUUID().slice(0, 6)}`,
    timezone: 'Europe/Paris',
    hours: week,
    holidays: [],
    entity: own,
  });
  fixtures['/api/v1/calendars:id'] = String(calendar);
  fixtures['/api/v1/slas:id'] = String(
    await created('/api/v1/slas', {
      name: `SLA ${randomUUID().slice(0, 6)}`,
      calendar,
      match: { category: await stack.newCategory() },
      ttoMinutes: 60,
      ttrMinutes: 600,
      entity: own,
    }),
  );
}, 120_000);
afterAll(async () => stack?.close());

describe('the access matrix, from the route table', () => {
  it('answers every endpoint × profile × entity as the route declares', async () => {
    const routes = stack.routes.filter((route) => route.allow !== 'anonymous');
    const wrong: string[] = [];
    let cells = 0;
    for (const route of routes) {
      for (const profile of PROFILES) {
        const user = users.get(profile)!;
        for (const entity of ['own', 'other'] as const) {
          if (entity === 'other' && !isTicketScoped(route)) continue;
          cells += 1;
          const ticket = entity === 'own' ? ownTicket : otherTicket;
          const path = pathOf(route, ticket);
          const response = await send(route, path, user.token);
          const cell = `${route.method.toUpperCase()} ${route.path} as ${profile} (${entity} entity) → ${response.status} ${JSON.stringify(response.body?.error ?? '')}`;
          if (!mayCall(route, profile)) {
            if (response.status !== 403) wrong.push(`${cell}, expected 403`);
          } else if (entity === 'other') {
            // Another entity's ticket answers exactly as a ticket that does not exist.
            const unknown = await send(route, pathOf(route, NO_SUCH_ID), user.token);
            if (response.status !== unknown.status || response.body?.error?.code !== unknown.body?.error?.code) {
              wrong.push(`${cell}, expected what an unknown id gets: ${unknown.status}`);
            }
            if (route.method === 'get' && response.status !== 404) wrong.push(`${cell}, expected 404`);
          } else if (response.status === 401 || response.status === 403 || response.status >= 500 || aboutTheTicket(response, ticket)) {
            wrong.push(`${cell}, expected the route to let a ${profile} in`);
          } else if (route.method === 'get' && response.status !== 200 && response.status !== 404) {
            wrong.push(`${cell}, expected 200`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBeGreaterThan(routes.length * PROFILES.length);
    console.info(`access matrix: ${routes.length} endpoints × ${PROFILES.length} profiles, ${cells} cells`);
  }, 300_000);

  it('answers 401 to every endpoint without a token, and lets anyone reach the open ones', async () => {
    for (const route of stack.routes) {
      const response = await send(route, pathOf(route, ownTicket));
      if (route.allow === 'anonymous') expect(response.status, route.path).not.toBe(401);
      else expect(response.status, `${route.method} ${route.path}`).toBe(401);
    }
  });

  it("lists only the tickets of the caller's entities, whatever the filters", async () => {
    for (const profile of PROFILES) {
      const { token } = users.get(profile)!;
      for (const query of ['', `?requester=${users.get('requester')!.id}`, '?status=new', '?q=Imprimante', '?limit=500']) {
        const response = await stack.call('GET', `/api/v1/tickets${query}`, { token });
        expect(response.status, `${profile} ${query}`).toBe(200);
        const ids = (response.body.items as { id: number }[]).map((item) => item.id);
        expect(ids, `${profile} ${query}`).not.toContain(otherTicket);
      }
    }
  });
});

describe('profiles held per entity', () => {
  it('lets a technician of one site who is a requester at another work only the first one’s tickets', async () => {
    const [siteA, siteB] = [
      await created('/api/v1/entities', { parent: 1, name: `Site ${randomUUID().slice(0, 6)}` }),
      await created('/api/v1/entities', { parent: 1, name: `Site ${randomUUID().slice(0, 6)}` }),
    ];
    const both = await stack.userWith('technician', undefined, {
      entity: siteA,
      grants: [
        { profile: 'technician', entity: siteA, recursive: false },
        { profile: 'requester', entity: siteB, recursive: false },
      ],
    });
    const colleague = await stack.userWith('requester', undefined, { entity: siteB });
    const atA = await created('/api/v1/tickets', ticketBody(colleague.id, siteA));
    const theirsAtB = await created('/api/v1/tickets', ticketBody(colleague.id, siteB));
    const mineAtB = await created('/api/v1/tickets', ticketBody(both.id, siteB));

    expect((await stack.call('GET', `/api/v1/tickets/${atA}`, { token: both.token })).status).toBe(200);
    expect((await stack.call('GET', `/api/v1/tickets/${theirsAtB}`, { token: both.token })).status).toBe(404);
    const mine = await stack.call('GET', `/api/v1/tickets/${mineAtB}`, { token: both.token });
    expect(mine.status).toBe(200);
    // On their own ticket at site B they are its requester, not a technician.
    expect(mine.body.actions).not.toContain('assign');
    const edit = await stack.call('PATCH', `/api/v1/tickets/${mineAtB}`, { token: both.token, body: { urgency: 5 } });
    expect(edit.status).toBe(403);
    const taken = await stack.call('POST', `/api/v1/tickets/${atA}/actions/assign`, { token: both.token, body: {} });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    // A ticket is handed only to someone who works its entity.
    const outsider = await stack.userWith('technician', 'N1', { entity: siteB });
    for (const assignee of [outsider.id, colleague.id]) {
      const handed = await stack.call('POST', `/api/v1/tickets/${atA}/actions/assign`, { token: both.token, body: { assignee } });
      expect(handed.status).toBe(400);
      expect(Object.keys(handed.body.error.details.fields)).toEqual(['assignee']);
    }
    // Filing into an entity where they file nothing is refused, naming the field.
    const outside = await stack.call('POST', '/api/v1/tickets', { token: both.token, body: ticketBody(both.id, 1) });
    expect(outside.status).toBe(400);
    expect(Object.keys(outside.body.error.details.fields)).toEqual(['entity']);
  });

  it('lets an administrator change where a user holds which profile, at once and audited, within the administrator’s entities', async () => {
    const [siteA, siteB] = [
      await created('/api/v1/entities', { parent: 1, name: `Site ${randomUUID().slice(0, 6)}` }),
      await created('/api/v1/entities', { parent: 1, name: `Site ${randomUUID().slice(0, 6)}` }),
    ];
    const colleague = await stack.userWith('requester', undefined, { entity: siteB });
    const atB = await created('/api/v1/tickets', ticketBody(colleague.id, siteB));
    const newcomer = await stack.userWith('technician', 'N1', { entity: siteA });
    expect((await stack.call('GET', `/api/v1/tickets/${atB}`, { token: newcomer.token })).status).toBe(404);
    expect((await stack.call('GET', `/api/v1/users/${colleague.id}`, { token: newcomer.token })).status).toBe(404);

    const profiles = [
      { profile: 'technician', entity: siteA, recursive: true },
      { profile: 'supervisor', entity: siteB, recursive: false },
    ];
    const changed = await stack.call('PATCH', `/api/v1/users/${newcomer.id}/profiles`, { token: admin.token, body: { profiles } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ profile: 'supervisor', profiles });
    // The same login token carries the new rights at once.
    expect((await stack.call('GET', `/api/v1/tickets/${atB}`, { token: newcomer.token })).status).toBe(200);
    const listed = await stack.call('GET', `/api/v1/users?entity=${siteB}`, { token: newcomer.token });
    expect(listed.body.items.map((item: { id: number }) => item.id)).toContain(colleague.id);
    const audit = await stack.call('GET', `/api/v1/audit?kind=rights_changed&subject=user:${newcomer.id}`, { token: admin.token });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      actor: admin.id,
      details: { before: [{ profile: 'technician', entity: siteA }], after: profiles },
    });

    const siteAdmin = await stack.userWith('admin', undefined, { entity: siteA });
    const wider = await stack.call('PATCH', `/api/v1/users/${newcomer.id}/profiles`, {
      token: siteAdmin.token,
      body: { profiles: [{ profile: 'admin', entity: 1 }] },
    });
    expect(wider.status).toBe(400);
    expect(Object.keys(wider.body.error.details.fields)).toEqual(['profiles.0.entity']);
    const byTechnician = await stack.call('PATCH', `/api/v1/users/${newcomer.id}/profiles`, { token: newcomer.token, body: { profiles } });
    expect(byTechnician.status).toBe(403);
    // An API token's account keeps the scope the token was created with.
    const token = await stack.call('POST', '/api/v1/api-tokens', {
      token: admin.token,
      body: { name: 'Supervision', profile: 'requester', entity: siteA },
    });
    const widened = await stack.call('PATCH', `/api/v1/users/${token.body.user}/profiles`, { token: admin.token, body: { profiles } });
    expect(widened.status).toBe(409);
    expect(widened.body.error.code).toBe('profiles_managed_elsewhere');
  });

  it('keeps categories, calendars, SLAs and entities to the entities that own them', async () => {
    const [siteA, siteB] = [
      await created('/api/v1/entities', { parent: 1, name: `Site ${randomUUID().slice(0, 6)}` }),
      await created('/api/v1/entities', { parent: 1, name: `Site ${randomUUID().slice(0, 6)}` }),
    ];
    const adminA = await stack.userWith('admin', undefined, { entity: siteA });
    const adminB = await stack.userWith('admin', undefined, { entity: siteB });
    const technicianB = await stack.userWith('technician', 'N1', { entity: siteB });
    const name = `Badgeuse ${randomUUID().slice(0, 6)}`;
    const category = await created('/api/v1/categories', { name: { fr: name, en: name }, entity: siteA }, adminA.token);
    const week = { mon: [['08:00', '18:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const calendar = await created(
      '/api/v1/calendars',
      { name, timezone: 'Europe/Paris', hours: week, holidays: [], entity: siteA },
      adminA.token,
    );
    const sla = await created(
      '/api/v1/slas',
      { name, calendar, match: { category }, ttoMinutes: 30, ttrMinutes: 240, entity: siteA },
      adminA.token,
    );

    const seenBy = async (token: string, path: string) =>
      ((await stack.call('GET', path, { token })).body.items as { id: number }[]).map((item) => item.id);
    expect(await seenBy(adminA.token, '/api/v1/categories')).toContain(category);
    expect(await seenBy(technicianB.token, '/api/v1/categories')).not.toContain(category);
    expect(await seenBy(technicianB.token, '/api/v1/calendars')).not.toContain(calendar);
    expect(await seenBy(technicianB.token, '/api/v1/slas')).not.toContain(sla);
    const entitiesOfB = await seenBy(technicianB.token, '/api/v1/entities');
    expect(entitiesOfB).toEqual(expect.arrayContaining([1, siteB]));
    expect(entitiesOfB).not.toContain(siteA);

    // Another site's SLA does not exist for its administrator; the root's is not theirs to change.
    expect((await stack.call('PATCH', `/api/v1/slas/${sla}`, { token: adminB.token, body: { ttoMinutes: 5 } })).status).toBe(404);
    expect(
      (await stack.call('PATCH', `/api/v1/calendars/${calendar}`, { token: adminA.token, body: { name: `${name} (été)` } })).status,
    ).toBe(200);
    const rootCalendar = await created('/api/v1/calendars', {
      name: `${name} racine`,
      timezone: 'Europe/Paris',
      hours: week,
      holidays: [],
    });
    expect((await stack.call('PATCH', `/api/v1/calendars/${rootCalendar}`, { token: adminA.token, body: { name: 'x' } })).status).toBe(403);
    // Site B's tickets cannot be filed in site A's category.
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: technicianB.token,
      body: { ...ticketBody(technicianB.id, siteB), category },
    });
    expect(filed.status).toBe(400);
    expect(Object.keys(filed.body.error.details.fields)).toEqual(['category']);
    const atRoot = await stack.call('POST', '/api/v1/categories', { token: adminA.token, body: { name: { fr: name, en: name } } });
    expect(atRoot.status).toBe(400);
    expect(Object.keys(atRoot.body.error.details.fields)).toEqual(['entity']);
    const underB = await stack.call('POST', '/api/v1/entities', { token: adminA.token, body: { parent: siteB, name: 'Annexe' } });
    expect(underB.status).toBe(400);
    expect(Object.keys(underB.body.error.details.fields)).toEqual(['parent']);
  });
});
