import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => desk?.stack.close());

async function file(title: string): Promise<number> {
  const created = await desk.stack.call('POST', '/api/v1/tickets', {
    token: desk.alice.token,
    body: { title, description: 'Envoi et réception bloqués.', type: 'incident', urgency: 4, impact: 4 },
  });
  return created.body.id;
}
const act = (user: TestUser, id: number, action: string, body: object = {}) =>
  desk.stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: user.token, body });
const link = (user: TestUser, id: number, body: object) =>
  desk.stack.call('POST', `/api/v1/tickets/${id}/links`, { token: user.token, body });
const get = (id: number) => desk.stack.call('GET', `/api/v1/tickets/${id}`, { token: desk.tech1.token });

describe('ticket links', () => {
  it('shows a link from both sides, and refuses self links, unknown tickets, repeats and requesters', async () => {
    const [a, b] = [await file('Messagerie bloquée (siège)'), await file('Messagerie bloquée (magasin)')];
    const created = await link(desk.tech1, a, { ticket: b, kind: 'related' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ticket: b, kind: 'related' });
    expect((await link(desk.tech1, b, { ticket: a, kind: 'related' })).status).toBe(409);
    const fromB = await desk.stack.call('GET', `/api/v1/tickets/${b}/links`, { token: desk.tech1.token });
    expect(fromB.body.items).toEqual([expect.objectContaining({ ticket: a, kind: 'related' })]);
    expect((await link(desk.tech1, a, { ticket: a, kind: 'related' })).status).toBe(400);
    const unknown = await link(desk.tech1, a, { ticket: 999_999, kind: 'related' });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.details.fields)).toEqual(['ticket']);
    expect((await link(desk.alice, a, { ticket: b, kind: 'duplicate_of' })).status).toBe(403);
    const removed = await desk.stack.call('DELETE', `/api/v1/tickets/${b}/links/${a}`, { token: desk.tech1.token });
    expect(removed.body).toEqual({ removed: 1 });
    expect((await desk.stack.call('GET', `/api/v1/tickets/${a}/links`, { token: desk.tech1.token })).body.items).toEqual([]);
    expect((await desk.stack.call('DELETE', `/api/v1/tickets/${b}/links/${a}`, { token: desk.tech1.token })).status).toBe(404);
  });

  it('resolves the duplicates of a ticket with its solution', async () => {
    const original = await file('Envoi et réception bloqués pour plusieurs personnes');
    const duplicate = await file('Je ne reçois plus aucun e-mail');
    expect((await link(desk.tech1, duplicate, { ticket: original, kind: 'duplicate_of' })).body).toMatchObject({ kind: 'duplicate_of' });
    await act(desk.tech1, original, 'assign');
    await act(desk.tech1, original, 'resolve', { solution: 'File d’attente du serveur de messagerie purgée' });
    const resolved = await get(duplicate);
    expect(resolved.body.status).toBe('resolved');
    const history = await desk.stack.call('GET', `/api/v1/tickets/${duplicate}/history`, { token: desk.tech1.token });
    expect(history.body.items.at(-1)).toMatchObject({
      action: 'resolve',
      actor: desk.tech1.id,
      data: { solution: 'File d’attente du serveur de messagerie purgée', duplicateOf: original },
    });
  });

  it('keeps a parent from closing while a child is open, and refuses cycles', async () => {
    const parent = await file('Migration de la messagerie');
    const child = await file('Migrer les boîtes du magasin Les Arcs');
    expect((await link(desk.tech1, child, { ticket: parent, kind: 'child_of' })).status).toBe(201);
    const cycle = await link(desk.tech1, child, { ticket: parent, kind: 'parent_of' });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.code).toBe('link_cycle');
    await act(desk.tech1, parent, 'assign');
    await act(desk.tech1, parent, 'resolve', { solution: 'Migration terminée' });
    const refused = await act(desk.alice, parent, 'accept_solution');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'children_open', details: { children: [child] } });
    expect((await get(parent)).body.status).toBe('resolved');
    await act(desk.tech1, child, 'assign');
    await act(desk.tech1, child, 'resolve', { solution: 'Boîtes migrées' });
    await act(desk.alice, child, 'accept_solution');
    expect((await act(desk.alice, parent, 'accept_solution')).body.status).toBe('closed');
  });
});
