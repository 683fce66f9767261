import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from 'sequelize';
import { readTicketPage } from '../../tickets/ticket-page.repository';
import { startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;
let admin: TestUser;
let tech2: TestUser;

beforeAll(async () => {
  desk = await startDesk();
  admin = await desk.stack.userWith('admin');
  tech2 = await desk.stack.userWith('technician', 'N2');
});
afterAll(async () => desk?.stack.close());

const ticket = (extra: object = {}) => ({
  title: 'Imprimante : lignes décalées après changement de cartouche',
  description: "L'imprimante du 2e imprime des lignes décalées.",
  type: 'incident',
  urgency: 3,
  impact: 3,
  ...extra,
});

async function file(extra: object = {}) {
  const created = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: ticket(extra) });
  expect(created.status).toBe(201);
  return created.body as { id: number; version: number; priority: number };
}

const edit = (user: TestUser, id: number, body: object, ifMatch?: string) =>
  desk.stack.call('PATCH', `/api/v1/tickets/${id}`, { token: user.token, body, headers: ifMatch ? { 'if-match': ifMatch } : {} });

describe('categories and entities', () => {
  it('builds a category tree that an administrator edits and everyone reads with its paths', async () => {
    const name = `Matériel ${randomUUID().slice(0, 6)}`;
    const top = await desk.stack.call('POST', '/api/v1/categories', { token: admin.token, body: { name: { fr: name, en: 'Hardware' } } });
    expect(top.status).toBe(201);
    const child = await desk.stack.call('POST', '/api/v1/categories', {
      token: admin.token,
      body: { parent: top.body.id, name: { fr: 'Imprimante', en: 'Printer' } },
    });
    expect(child.body).toMatchObject({ parent: top.body.id, path: { fr: `${name} › Imprimante`, en: 'Hardware › Printer' } });
    const twice = await desk.stack.call('POST', '/api/v1/categories', {
      token: admin.token,
      body: { parent: top.body.id, name: { fr: 'Imprimante', en: 'Printer' } },
    });
    expect(twice.status).toBe(409);
    const byTechnician = await desk.stack.call('POST', '/api/v1/categories', {
      token: desk.tech1.token,
      body: { name: { fr: 'x', en: 'x' } },
    });
    expect(byTechnician.status).toBe(403);
    const orphan = await desk.stack.call('POST', '/api/v1/categories', {
      token: admin.token,
      body: { parent: 999_999, name: { fr: 'x', en: 'x' } },
    });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.details.fields).toHaveProperty('parent');
    const list = await desk.stack.call('GET', '/api/v1/categories', { token: desk.alice.token });
    expect(list.body.items).toContainEqual(child.body);
  });

  it('refuses a ticket in an unknown category or entity with a 400 naming the field', async () => {
    const category = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: ticket({ category: 999_999 }) });
    expect(category.status).toBe(400);
    expect(Object.keys(category.body.error.details.fields)).toEqual(['category']);
    const entity = await desk.stack.call('POST', '/api/v1/tickets', { token: desk.alice.token, body: ticket({ entity: 999_999 }) });
    expect(entity.status).toBe(400);
    expect(Object.keys(entity.body.error.details.fields)).toEqual(['entity']);
  });

  it('lists the tickets of a category with those of its children', async () => {
    const parent = await desk.stack.newCategory();
    const child = await desk.stack.newCategory(parent);
    const other = await desk.stack.newCategory();
    const inParent = await file({ category: parent });
    const inChild = await file({ category: child });
    await file({ category: other });
    const list = await desk.stack.call('GET', `/api/v1/tickets?category=${parent}`, { token: desk.tech1.token });
    expect(list.body.items.map((t: { id: number }) => t.id)).toEqual([inChild.id, inParent.id]);
  });

  it("prioritises a ticket with its entity's own matrix, inherited by sub-entities", async () => {
    const allHigh = Array.from({ length: 5 }, () => [5, 5, 5, 5, 5]);
    const site = await desk.stack.call('POST', '/api/v1/entities', {
      token: admin.token,
      body: { parent: 1, name: `Magasin ${randomUUID().slice(0, 6)}`, priorityMatrix: allHigh },
    });
    expect(site.status).toBe(201);
    const floor = await desk.stack.call('POST', '/api/v1/entities', {
      token: admin.token,
      body: { parent: site.body.id, name: 'Réserve' },
    });
    expect(floor.body).toMatchObject({ inheritsPriorityMatrix: true, priorityMatrix: allHigh });
    const filed = await file({ urgency: 1, impact: 1, entity: floor.body.id });
    expect(filed).toMatchObject({ priority: 5, entity: floor.body.id });
    expect((await file({ urgency: 1, impact: 1 })).priority).toBe(1);
    const bad = await desk.stack.call('POST', '/api/v1/entities', {
      token: admin.token,
      body: { parent: 1, name: 'Mauvaise', priorityMatrix: [[1, 2, 3]] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields)[0]).toMatch(/^priorityMatrix/);
  });
});

describe('PATCH /api/v1/tickets/:id', () => {
  it('edits fields with If-Match, records each change old → new in history, and sends the new ETag', async () => {
    const created = await file();
    const read = await desk.stack.call('GET', `/api/v1/tickets/${created.id}`, { token: desk.tech1.token });
    const etag = read.headers.get('etag')!;
    expect(etag).toBe(`"${read.body.version}"`);
    const edited = await edit(desk.tech1, created.id, { urgency: 5, location: 'Siège — 2e étage' }, etag);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ urgency: 5, priority: 4, location: 'Siège — 2e étage', version: read.body.version + 1 });
    expect(edited.headers.get('etag')).toBe(`"${read.body.version + 1}"`);
    const history = await desk.stack.call('GET', `/api/v1/tickets/${created.id}/history`, { token: desk.tech1.token });
    expect(history.body.items.at(-1)).toMatchObject({
      action: 'update',
      actor: desk.tech1.id,
      data: { changes: { urgency: { from: 3, to: 5 }, priority: { from: 3, to: 4 }, location: { from: null, to: 'Siège — 2e étage' } } },
    });
  });

  it('refuses an edit made on a stale version with 412, writing nothing', async () => {
    const created = await file();
    await edit(desk.tech1, created.id, { title: 'Imprimante du 2e : lignes décalées' });
    const stale = await edit(tech2, created.id, { title: 'Autre titre' }, `"${created.version}"`);
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: 'stale_version', details: { version: created.version + 1 } });
    const read = await desk.stack.call('GET', `/api/v1/tickets/${created.id}`, { token: desk.tech1.token });
    expect(read.body).toMatchObject({ title: 'Imprimante du 2e : lignes décalées', version: created.version + 1 });
  });

  it('loses no update when two technicians edit different fields at once', async () => {
    const created = await file();
    const [a, b] = await Promise.all([
      edit(desk.tech1, created.id, { impact: 5 }),
      edit(tech2, created.id, { location: 'Magasin Les Arcs' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const read = await desk.stack.call('GET', `/api/v1/tickets/${created.id}`, { token: desk.tech1.token });
    expect(read.body).toMatchObject({ impact: 5, location: 'Magasin Les Arcs', version: created.version + 2 });
  });

  it('lets only one of two edits on the same version through', async () => {
    const created = await file();
    const etag = `"${created.version}"`;
    const answers = await Promise.all([edit(desk.tech1, created.id, { urgency: 1 }, etag), edit(tech2, created.id, { urgency: 5 }, etag)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
  });

  it('sets priority 6 (major) only by hand, keeps it when urgency changes, and gives it back to the matrix on null', async () => {
    const created = await file();
    const major = await edit(desk.tech1, created.id, { priority: 6 });
    expect(major.body).toMatchObject({ priority: 6, priorityOverridden: true });
    const urgent = await edit(desk.tech1, created.id, { urgency: 1 });
    expect(urgent.body).toMatchObject({ priority: 6, urgency: 1 });
    const computed = await edit(desk.tech1, created.id, { priority: null });
    expect(computed.body).toMatchObject({ priority: 2, priorityOverridden: false });
    const history = await desk.stack.call('GET', `/api/v1/tickets/${created.id}/history`, { token: desk.tech1.token });
    const updates = history.body.items.filter((item: { action: string }) => item.action === 'update');
    expect(updates[0].data.changes).toEqual({ priority: { from: 3, to: 6 }, priorityOverridden: { from: false, to: true } });
  });

  it('refuses requesters, bad fields, unknown categories, malformed If-Match and closed tickets', async () => {
    const created = await file();
    expect((await edit(desk.alice, created.id, { urgency: 1 })).status).toBe(403);
    const bad = await edit(desk.tech1, created.id, { urgency: 9, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toHaveProperty('urgency');
    const unknown = await edit(desk.tech1, created.id, { category: 999_999 });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.details.fields)).toEqual(['category']);
    expect((await edit(desk.tech1, created.id, { urgency: 2 }, 'version 3')).status).toBe(400);
    expect((await edit(desk.tech1, created.id, {})).status).toBe(400);
    const act = (user: TestUser, action: string, body: object = {}) =>
      desk.stack.call('POST', `/api/v1/tickets/${created.id}/actions/${action}`, { token: user.token, body });
    await act(desk.tech1, 'assign');
    await act(desk.tech1, 'resolve', { solution: 'Cartouche réinstallée' });
    expect((await act(desk.alice, 'accept_solution')).body.status).toBe('closed');
    const closed = await edit(desk.tech1, created.id, { urgency: 1 });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('ticket_closed');
  });
});

describe('GET /api/v1/tickets', () => {
  it('pages through a category by priority with keyset cursors, each ticket exactly once', async () => {
    const category = await desk.stack.newCategory();
    const filed = [];
    for (const [urgency, impact] of [
      [1, 1],
      [5, 5],
      [3, 3],
      [5, 5],
      [2, 2],
    ])
      filed.push(await file({ category, urgency, impact }));
    const seen: { id: number; priority: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: number; priority: number }[]; nextCursor: string | null } } = await desk.stack.call(
        'GET',
        `/api/v1/tickets?category=${category}&sort=-priority&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: desk.tech1.token },
      );
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((t) => t.priority)).toEqual([5, 5, 3, 2, 1]);
    expect(new Set(seen.map((t) => t.id)).size).toBe(5);
    expect(seen[0]!.id).toBeGreaterThan(seen[1]!.id);
    const forged = await desk.stack.call('GET', `/api/v1/tickets?cursor=abc`, { token: desk.tech1.token });
    expect(forged.status).toBe(400);
    expect(Object.keys(forged.body.error.details.fields)).toEqual(['cursor']);
  });

  it('finds tickets by words of their title or description, and the level they are at', async () => {
    const word = `zx${randomUUID().slice(0, 8).replace(/-/g, '')}`;
    const inTitle = await file({ title: `Écran noir ${word}` });
    const inDescription = await file({ description: `Depuis la mise à jour ${word} plus rien` });
    await file();
    const found = await desk.stack.call('GET', `/api/v1/tickets?q=${encodeURIComponent(`${word} noir`)}`, { token: desk.tech1.token });
    expect(found.body.items.map((t: { id: number }) => t.id)).toEqual([inTitle.id]);
    const either = await desk.stack.call('GET', `/api/v1/tickets?q=${word}&level=1`, { token: desk.tech1.token });
    expect(either.body.items.map((t: { id: number }) => t.id)).toEqual([inDescription.id, inTitle.id]);
    const injected = await desk.stack.call('GET', `/api/v1/tickets?q=${encodeURIComponent("' OR 1=1 -- ")}`, { token: desk.tech1.token });
    expect(injected.status).toBe(200);
    expect(injected.body.items).toEqual([]);
  });

  it('reads the same page whether the index walk answers or gives up for the full-text index', async () => {
    const word = `zy${randomUUID().slice(0, 8).replace(/-/g, '')}`;
    for (let i = 0; i < 3; i += 1) await file({ title: `Clavier en panne ${word}`, urgency: 1 + i });
    await file({ title: `Souris ${word}x` });
    const query = {
      filters: [{ status: 'new' }],
      equalities: { status: 'new' },
      q: `${word} clavier`,
      column: 'id' as const,
      order: [['id', 'DESC']] as Order,
      limit: 10,
    };
    const walked = (await readTicketPage(query)).map((t) => t.id);
    const searched = (await readTicketPage({ ...query, maxExamined: 1 })).map((t) => t.id);
    expect(walked).toHaveLength(3);
    expect(searched).toEqual(walked);
  });

  it("counts and lists a technician's saved views", async () => {
    const tech = await desk.stack.userWith('technician', 'N1');
    const mine = await file();
    await desk.stack.call('POST', `/api/v1/tickets/${mine.id}/actions/assign`, { token: tech.token, body: {} });
    const counts = await desk.stack.call('GET', '/api/v1/tickets/queues', { token: tech.token });
    expect(counts.status).toBe(200);
    expect(counts.body.mine).toBe(1);
    expect(counts.body.unassigned).toBeGreaterThan(0);
    const list = await desk.stack.call('GET', '/api/v1/tickets?queue=mine', { token: tech.token });
    expect(list.body.items.map((t: { id: number }) => t.id)).toEqual([mine.id]);
  });
});
