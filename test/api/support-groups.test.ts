// Support groups through the API, as an administrator shapes the desk: a group created in an
// entity, its members and manager set, and its queue followed by those in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let admin: TestUser;
let tech: TestUser;
let colleague: TestUser;
let requester: TestUser;

beforeAll(async () => {
  stack = await startStack();
  [admin, tech, colleague, requester] = [
    await stack.userWith('admin'),
    await stack.userWith('technician', 'N1'),
    await stack.userWith('technician'),
    await stack.userWith('requester'),
  ];
});
afterAll(async () => stack?.close());

const call = (method: string, path: string, token: string, body?: object) => stack.call(method, path, { token, body });

describe('support groups', () => {
  it('are created by an administrator with their members and manager, and named once per entity', async () => {
    const name = `Réseau ${Date.now()}`;
    const created = await call('POST', '/api/v1/groups', admin.token, { name, level: 2, manager: admin.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, level: 2, entity: 1, manager: admin.id, members: [] });
    const again = await call('POST', '/api/v1/groups', admin.token, { name });
    expect(again.status).toBe(400);
    expect(Object.keys(again.body.error.details.fields)).toEqual(['name']);
    expect((await call('POST', '/api/v1/groups', tech.token, { name: 'Pirates' })).status).toBe(403);

    const id = created.body.id as number;
    const members = await call('PUT', `/api/v1/groups/${id}/members`, admin.token, { members: [tech.id, colleague.id] });
    expect(members.status).toBe(200);
    expect(members.body.members.map((member: { id: number }) => member.id).sort()).toEqual([tech.id, colleague.id].sort());
    // A requester is not a member of the desk: nothing changes.
    const refused = await call('PUT', `/api/v1/groups/${id}/members`, admin.token, { members: [tech.id, requester.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields.members).toContain(String(requester.id));
    expect((await call('GET', `/api/v1/groups/${id}`, tech.token)).body.members).toHaveLength(2);

    // Renamed and given no manager, the rest stays as it is.
    const edited = await call('PATCH', `/api/v1/groups/${id}`, admin.token, { name: `${name} (siège)`, manager: null });
    expect(edited.body).toMatchObject({ name: `${name} (siège)`, level: 2, manager: null });
    expect(edited.body.members).toHaveLength(2);
    const list = await call('GET', '/api/v1/groups', requester.token);
    expect(list.body.items.find((group: { id: number }) => group.id === id)).toMatchObject({ name: `${name} (siège)`, level: 2 });
    expect((await call('GET', '/api/v1/groups/999999', admin.token)).status).toBe(404);
  });

  it('give their members the group’s tickets in their queue, and one leaves the group they were in', async () => {
    const group = (await call('POST', '/api/v1/groups', admin.token, { name: `Postes ${Date.now()}` })).body.id as number;
    await call('PUT', `/api/v1/groups/${group}/members`, admin.token, { members: [tech.id] });
    // The technician left Support N1 for the new group.
    const n1 = (await call('GET', `/api/v1/groups/${stack.groups.n1}`, admin.token)).body;
    expect(n1.members.map((member: { id: number }) => member.id)).not.toContain(tech.id);

    const filed = await call('POST', '/api/v1/tickets', requester.token, {
      title: 'Écran qui clignote',
      description: 'Depuis ce matin.',
      type: 'incident',
      urgency: 3,
      impact: 3,
    });
    const assigned = await call('POST', `/api/v1/tickets/${filed.body.id}/actions/assign`, admin.token, { group });
    expect(assigned.status).toBe(200);
    const queue = await call('GET', '/api/v1/tickets?queue=my_groups', tech.token);
    expect(queue.body.items.map((item: { id: number }) => item.id)).toContain(filed.body.id);
    const elsewhere = await call('GET', '/api/v1/tickets?queue=my_groups', colleague.token);
    expect(elsewhere.body.items.map((item: { id: number }) => item.id)).not.toContain(filed.body.id);
  });
});
