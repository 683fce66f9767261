import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => desk?.stack.close());

const newTicket = (category?: number) => ({
  title: 'Mon PC rame depuis ce matin',
  description: 'Tout est très lent, même Outlook.',
  type: 'incident',
  urgency: 3,
  impact: 2,
  category,
  location: 'Siège — 2e étage',
});

async function act(user: TestUser, id: number, action: string, body: object = {}) {
  return desk.stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: user.token, body });
}

async function clickhouseSeqs(ticketId: number): Promise<number[]> {
  const result = await desk.stack.clickhouse.query({
    query: `SELECT DISTINCT seq FROM ticket_events WHERE ticket_id = ${ticketId} ORDER BY seq`,
    format: 'JSONEachRow',
  });
  return (await result.json<{ seq: number }>()).map((r) => Number(r.seq));
}

describe('the full trip of a ticket through HTTP', () => {
  it('goes new → assigned → pending → assigned → resolved → refused → resolved → closed, recorded and streamed', async () => {
    const category = await desk.stack.newCategory();
    const created = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: newTicket(category) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'new',
      priority: 2,
      requester: desk.alice.id,
      lifecycle: { key: 'incident', version: 1 },
    });
    const id: number = created.body.id;
    expect(created.body.workflowId).toBe(`ticket-${id}`);

    const steps: [TestUser, string, object, string][] = [
      [desk.tech1, 'assign', {}, 'assigned'],
      [desk.tech1, 'pend', { reason: 'En attente du nouveau clavier' }, 'pending'],
      [desk.tech1, 'resume', {}, 'assigned'],
      [desk.tech1, 'resolve', { solution: 'Disque remplacé par un SSD' }, 'resolved'],
      [desk.alice, 'refuse_solution', { reason: 'Toujours lent au démarrage' }, 'assigned'],
      [desk.tech1, 'resolve', { solution: 'Programmes au démarrage désactivés' }, 'resolved'],
      [desk.alice, 'accept_solution', {}, 'closed'],
    ];
    for (const [user, action, body, status] of steps) {
      const response = await act(user, id, action, body);
      expect(response.status, `${action}: ${JSON.stringify(response.body)}`).toBe(200);
      expect(response.body.status).toBe(status);
    }

    const ticket = await desk.stack.call('GET', `/api/v1/tickets/${id}`, { token: desk.alice.token });
    expect(ticket.body).toMatchObject({ status: 'closed', assignee: desk.tech1.id, actions: [], reopenCount: 1 });
    expect(ticket.body.takenIntoAccountAt).not.toBeNull();
    expect(ticket.body.closedAt).not.toBeNull();

    const history = await desk.stack.call('GET', `/api/v1/tickets/${id}/history`, { token: desk.tech1.token });
    expect(history.body.items.map((i: { seq: number; action: string; to: string }) => [i.seq, i.action, i.to])).toEqual([
      [1, 'create', 'new'],
      [2, 'assign', 'assigned'],
      [3, 'pend', 'pending'],
      [4, 'resume', 'assigned'],
      [5, 'resolve', 'resolved'],
      [6, 'refuse_solution', 'assigned'],
      [7, 'resolve', 'resolved'],
      [8, 'accept_solution', 'closed'],
    ]);
    expect(history.body.items[5]).toMatchObject({ actor: desk.alice.id, from: 'resolved', data: { reason: 'Toujours lent au démarrage' } });

    await eventually(async () => ((await clickhouseSeqs(id)).length === 8 ? true : undefined));
    const summary = await desk.stack.call('GET', `/api/v1/kpis/summary?category=${category}`, { token: desk.manager.token });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ created: 1, resolved: 1, closed: 1, backlog: 0, reopenRate: 1, fcrRate: 0, escalationRate: 0 });
    expect(summary.body.mttoSeconds).toBeGreaterThanOrEqual(0);
    expect(summary.body.mttrSeconds).toBeGreaterThanOrEqual(summary.body.mttoSeconds);
  });

  it('keeps TicketStatus searchable in Temporal on every transition', async () => {
    const created = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: newTicket() });
    await act(desk.tech1, created.body.id, 'pend', { reason: 'Besoin du numéro de série' });
    const found = await eventually(async () => {
      for await (const execution of desk.stack.temporal.workflow.list({ query: `TicketStatus='pending' AND TicketPriority=2` })) {
        if (execution.workflowId === `ticket-${created.body.id}`) return execution;
      }
      return undefined;
    });
    expect(found.workflowId).toBe(`ticket-${created.body.id}`);
  });
});

describe('POST /api/v1/tickets/{id}/actions/{action}', () => {
  it('refuses an illegal action with 409 and the allowed list, and writes nothing', async () => {
    const created = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: newTicket() });
    const id = created.body.id;
    const refused = await act(desk.tech1, id, 'close');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'illegal_action',
      details: { allowed: ['assign', 'pend', 'escalate', 'resolve', 'request_validation'] },
    });
    const history = await desk.stack.call('GET', `/api/v1/tickets/${id}/history`, { token: desk.tech1.token });
    expect(history.body.items).toHaveLength(1);
    expect((await desk.stack.call('GET', `/api/v1/tickets/${id}`, { token: desk.tech1.token })).body.status).toBe('new');
  });

  it('answers 403 when the caller may not take the action', async () => {
    const created = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: newTicket() });
    await act(desk.tech1, created.body.id, 'resolve', { solution: 'Redémarrage' });
    const response = await act(desk.tech1, created.body.id, 'accept_solution');
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
  });

  it('names the missing field of an action payload', async () => {
    const created = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: newTicket() });
    const response = await act(desk.tech1, created.body.id, 'resolve', {});
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.details.fields)).toEqual(['solution']);
  });

  it('moves a ticket back to new when its last assignee is removed', async () => {
    const created = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: newTicket() });
    await act(desk.tech1, created.body.id, 'assign');
    const unassigned = await act(desk.tech1, created.body.id, 'unassign', { assignee: desk.tech1.id });
    expect(unassigned.status).toBe(200);
    expect(unassigned.body).toMatchObject({ status: 'new', assignee: null });
  });

  it('escalates to the next support level, handing the ticket to its group', async () => {
    const created = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: newTicket() });
    await act(desk.tech1, created.body.id, 'assign');
    const escalated = await act(desk.tech1, created.body.id, 'escalate', { reason: 'Pilote graphique à diagnostiquer' });
    expect(escalated.status).toBe(200);
    expect(escalated.body).toMatchObject({ status: 'assigned', level: 2, group: desk.stack.groups.n2, assignee: null });
  });

  it('de-escalates only an escalated ticket, back to the level, group and technician that escalated it', async () => {
    const category = await desk.stack.newCategory();
    const created = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: newTicket(category) });
    await act(desk.tech1, created.body.id, 'assign', { assignee: desk.tech1.id, group: desk.stack.groups.n1 });
    const never = await act(desk.tech1, created.body.id, 'deescalate', { reason: 'Rien à redescendre' });
    expect(never.status).toBe(409);
    await act(desk.tech1, created.body.id, 'escalate', { reason: 'Pilote graphique à diagnostiquer' });
    const back = await act(desk.tech1, created.body.id, 'deescalate', { reason: 'Pilote réinstallé, suivi par le N1' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'assigned', level: 1, group: desk.stack.groups.n1, assignee: desk.tech1.id });
    const history = await desk.stack.call('GET', `/api/v1/tickets/${created.body.id}/history`, { token: desk.tech1.token });
    expect(history.body.items.at(-1)).toMatchObject({ action: 'deescalate', data: { reason: 'Pilote réinstallé, suivi par le N1' } });
    await act(desk.tech1, created.body.id, 'resolve', { solution: 'Pilote graphique mis à jour' });
    const summary = await eventually(async () => {
      const response = await desk.stack.call('GET', `/api/v1/kpis/summary?category=${category}`, { token: desk.manager.token });
      // The rates come from the resolutions' own rows, which may reach the warehouse just after the count.
      const { resolved, escalationRate, fcrRate } = response.body;
      return resolved === 1 && escalationRate !== null && fcrRate !== null ? response.body : undefined;
    });
    expect(summary).toMatchObject({ escalationRate: 1, fcrRate: 0 });
  });
});

describe('POST /api/v1/tickets', () => {
  it('creates one ticket for a repeated Idempotency-Key', async () => {
    const key = randomUUID();
    const body = newTicket(await desk.stack.newCategory());
    const first = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body, headers: { 'idempotency-key': key } });
    const again = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const list = await desk.stack.call('GET', `/api/v1/tickets?category=${body.category}`, { token: desk.tech1.token });
    expect(list.body.items).toHaveLength(1);
    const reused = await desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      body: { ...body, title: 'Autre chose' },
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('answers 400 naming each bad field, and creates nothing', async () => {
    const before = (await desk.stack.call('GET', '/api/v1/tickets?limit=500', { token: desk.tech1.token })).body.items.length;
    const response = await desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      body: { ...newTicket(), title: '', urgency: 9 },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(Object.keys(response.body.error.details.fields).sort()).toEqual(['title', 'urgency']);
    expect((await desk.stack.call('GET', '/api/v1/tickets?limit=500', { token: desk.tech1.token })).body.items.length).toBe(before);
  });

  it('refuses bodies that are not JSON, malformed or too large', async () => {
    const plain = await desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      rawBody: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    const broken = await desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      rawBody: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_json');
    const huge = await desk.stack.call('POST', '/api/v1/tickets', {
      token: desk.alice.token,
      body: { ...newTicket(), description: 'x'.repeat(2_000_000) },
    });
    expect(huge.status).toBe(413);
  });
});

describe('access', () => {
  it('needs a valid token and a right password', async () => {
    expect((await desk.stack.call('GET', '/api/v1/tickets')).status).toBe(401);
    expect((await desk.stack.call('GET', '/api/v1/tickets', { token: 'x'.repeat(43) })).status).toBe(401);
    const wrong = await desk.stack.call('POST', '/api/v1/auth/login', { body: { login: desk.alice.login, password: 'wrong' } });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain('password_hash');
  });

  it("hides other requesters' tickets behind a 404", async () => {
    const bob = await desk.stack.userWith('requester');
    const created = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: newTicket() });
    expect((await desk.stack.call('GET', `/api/v1/tickets/${created.body.id}`, { token: bob.token })).status).toBe(404);
    const list = await desk.stack.call('GET', '/api/v1/tickets', { token: bob.token });
    expect(list.body.items).toEqual([]);
  });

  it('sends security headers and a strict content security policy', async () => {
    const page = await fetch(`${desk.stack.baseUrl}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the built web UI: the page checked on every load, its hashed files kept for a year', async () => {
    const page = await fetch(`${desk.stack.baseUrl}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /<script type="module" crossorigin src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(`${desk.stack.baseUrl}${script}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // The dashboards and the lifecycle editor come in chunks of their own, when opened.
    expect(await bundle.text()).toMatch(/import\(`\.\/dashboard-[\w-]+\.js`\)/);
  });

  it('serves an OpenAPI document describing every route', async () => {
    const doc = await desk.stack.call('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/tickets',
        '/api/v1/tickets/{id}',
        '/api/v1/tickets/{id}/history',
        '/api/v1/kpis/summary',
        '/api/v1/tickets/{id}/actions/resolve',
      ]),
    );
  });

  it('shows the lifecycle a ticket is pinned to, as data and as a diagram', async () => {
    const list = await desk.stack.call('GET', '/api/v1/lifecycles', { token: desk.alice.token });
    expect(list.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'incident', version: 1 })]));
    const definition = await desk.stack.call('GET', '/api/v1/lifecycles/incident/versions/1', { token: desk.alice.token });
    expect(definition.body.initial).toBe('new');
    const diagram = await fetch(`${desk.stack.baseUrl}/api/v1/lifecycles/incident/versions/1/diagram.mmd?lang=en`, {
      headers: { authorization: `Bearer ${desk.alice.token}` },
    });
    expect(diagram.headers.get('content-type')).toContain('text/vnd.mermaid');
    expect(await diagram.text()).toContain('resolved --> closed: accept_solution');
    expect((await desk.stack.call('GET', '/api/v1/lifecycles/incident/versions/99', { token: desk.alice.token })).status).toBe(404);
  });

  it('reports readiness of MariaDB, ClickHouse and the worker', async () => {
    const ready = await desk.stack.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
  });
});
