import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;
let tech2: TestUser;
let bob: TestUser;
let carol: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  desk = await startDesk();
  tech2 = await desk.stack.userWith('technician', 'N2');
  [bob, carol, stranger] = [
    await desk.stack.userWith('requester'),
    await desk.stack.userWith('requester'),
    await desk.stack.userWith('requester'),
  ];
});
afterAll(async () => desk?.stack.close());

const act = (user: TestUser, id: number, action: string, body: object = {}) =>
  desk.stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: user.token, body });
const get = (user: TestUser, id: number) => desk.stack.call('GET', `/api/v1/tickets/${id}`, { token: user.token });

async function file(): Promise<number> {
  const created = await desk.stack.call('POST', '/api/v1/tickets', {
    token: desk.alice.token,
    body: { title: 'Fil de la caisse 10 dénudé', description: 'Risque électrique.', type: 'incident', urgency: 5, impact: 3 },
  });
  return created.body.id;
}

describe('ticket actors', () => {
  it('assigns several technicians and groups, and goes back to new only when the last leaves', async () => {
    const id = await file();
    await act(desk.tech1, id, 'assign');
    await act(desk.tech1, id, 'assign', { assignee: tech2.id });
    const both = await act(desk.tech1, id, 'assign', { group: desk.stack.groups.n2 });
    expect(both.body).toMatchObject({
      status: 'assigned',
      assignee: desk.tech1.id,
      assignees: [desk.tech1.id, tech2.id],
      groups: [desk.stack.groups.n2],
    });
    // The requester reads who works on their ticket by name.
    const actors = await desk.stack.call('GET', `/api/v1/tickets/${id}/actors`, { token: desk.alice.token });
    expect(actors.body).toEqual({
      requesters: [{ id: desk.alice.id, name: desk.alice.login }],
      observers: [],
      technicians: [
        { id: desk.tech1.id, name: desk.tech1.login },
        { id: tech2.id, name: tech2.login },
      ],
      groups: [{ id: desk.stack.groups.n2, name: 'Support N2', level: 2 }],
    });
    const mine = await desk.stack.call('GET', '/api/v1/tickets?queue=mine', { token: tech2.token });
    expect(mine.body.items.map((t: { id: number }) => t.id)).toContain(id);
    const byAssignee = await desk.stack.call('GET', `/api/v1/tickets?assignee=${tech2.id}`, { token: desk.tech1.token });
    expect(byAssignee.body.items.map((t: { id: number }) => t.id)).toContain(id);

    const left = await act(desk.tech1, id, 'unassign', { assignee: desk.tech1.id });
    expect(left.body).toMatchObject({ status: 'assigned', assignee: tech2.id, assignees: [tech2.id] });
    await act(desk.tech1, id, 'unassign', { group: desk.stack.groups.n2 });
    const none = await act(desk.tech1, id, 'unassign', { assignee: tech2.id });
    expect(none.body).toMatchObject({ status: 'new', assignees: [], groups: [] });
  });

  it('names further requesters and observers, who then follow the ticket, recorded in history', async () => {
    const id = await file();
    const edited = await desk.stack.call('PATCH', `/api/v1/tickets/${id}`, {
      token: desk.tech1.token,
      body: { requesters: [carol.id], observers: [bob.id] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ requester: desk.alice.id, requesters: [desk.alice.id, carol.id], observers: [bob.id] });
    expect((await get(bob, id)).status).toBe(200);
    expect((await get(stranger, id)).status).toBe(404);
    const actors = await desk.stack.call('GET', `/api/v1/tickets/${id}/actors`, { token: bob.token });
    expect(actors.body).toMatchObject({
      requesters: [
        { id: desk.alice.id, name: desk.alice.login },
        { id: carol.id, name: carol.login },
      ],
      observers: [{ id: bob.id, name: bob.login }],
    });
    expect((await desk.stack.call('GET', `/api/v1/tickets/${id}/actors`, { token: stranger.token })).status).toBe(404);
    const carolsList = await desk.stack.call('GET', '/api/v1/tickets', { token: carol.token });
    expect(carolsList.body.items.map((t: { id: number }) => t.id)).toContain(id);
    const history = await desk.stack.call('GET', `/api/v1/tickets/${id}/history`, { token: desk.tech1.token });
    expect(history.body.items.at(-1).data.changes).toEqual({
      requesters: { from: [], to: [carol.id] },
      observers: { from: [], to: [bob.id] },
    });

    const unknown = await desk.stack.call('PATCH', `/api/v1/tickets/${id}`, { token: desk.tech1.token, body: { observers: [999_999] } });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.details.fields)).toEqual(['observers']);
    await desk.stack.call('PATCH', `/api/v1/tickets/${id}`, { token: desk.tech1.token, body: { observers: [] } });
    expect((await get(bob, id)).status).toBe(404);
  });
});
