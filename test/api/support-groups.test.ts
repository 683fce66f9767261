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
  it('are created by an administrator with their members and managers, and named once per entity', async () => {
    const name = `Réseau ${Date.now()}`;
    const created = await call('POST', '/api/v1/groups', admin.token, { name, level: 2, managers: [admin.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, level: 2, entity: 1, managers: [admin.id], members: [] });
    const again = await call('POST', '/api/v1/groups', admin.token, { name });
    expect(again.status).toBe(400);
    expect(Object.keys(again.body.error.details.fields)).toEqual(['name']);
    expect((await call('POST', '/api/v1/groups', tech.token, { name: 'Pirates' })).status).toBe(403);
    // Another entity may have a group of that name.
    const site = (await call('POST', '/api/v1/entities', admin.token, { parent: 1, name: `Site ${Date.now()}` })).body.id as number;
    expect((await call('POST', '/api/v1/groups', admin.token, { name, entity: site })).status).toBe(201);

    const id = created.body.id as number;
    const members = await call('PATCH', `/api/v1/groups/${id}`, admin.token, { members: [tech.id, colleague.id] });
    expect(members.status).toBe(200);
    expect(members.body.members.sort()).toEqual([tech.id, colleague.id].sort());
    // A requester is not a member of the desk: nothing changes, not even the name sent with it.
    const refused = await call('PATCH', `/api/v1/groups/${id}`, admin.token, { name: 'Autre nom', members: [tech.id, requester.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields.members).toContain(String(requester.id));
    expect((await call('GET', `/api/v1/groups/${id}`, tech.token)).body).toMatchObject({ name, members: expect.any(Array) });
    expect((await call('GET', `/api/v1/groups/${id}`, tech.token)).body.members).toHaveLength(2);

    // Renamed and given two managers, the rest stays as it is; anyone with an account may manage.
    const edited = await call('PATCH', `/api/v1/groups/${id}`, admin.token, {
      name: `${name} (siège)`,
      managers: [requester.id, admin.id],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: `${name} (siège)`, level: 2 });
    expect(edited.body.managers.sort()).toEqual([requester.id, admin.id].sort());
    expect(edited.body.members).toHaveLength(2);
    const list = await call('GET', '/api/v1/groups', requester.token);
    expect(list.body.items.find((group: { id: number }) => group.id === id)).toMatchObject({ name: `${name} (siège)`, level: 2 });
    expect((await call('GET', '/api/v1/groups/999999', admin.token)).status).toBe(404);
  });

  it('give each member the queues of all their groups: one technician may work in several', async () => {
    const group = (await call('POST', '/api/v1/groups', admin.token, { name: `Postes ${Date.now()}`, members: [tech.id] })).body
      .id as number;
    // The technician stays in Support N1 as well.
    const n1 = (await call('GET', `/api/v1/groups/${stack.groups.n1}`, admin.token)).body;
    expect(n1.members).toContain(tech.id);

    const fileAndAssign = async (assignment: object) => {
      const filed = await call('POST', '/api/v1/tickets', requester.token, {
        title: 'Écran qui clignote',
        description: 'Depuis ce matin.',
        type: 'incident',
        urgency: 3,
        impact: 3,
      });
      expect((await call('POST', `/api/v1/tickets/${filed.body.id}/actions/assign`, admin.token, assignment)).status).toBe(200);
      return filed.body.id as number;
    };
    const inNewGroup = await fileAndAssign({ group });
    const inN1 = await fileAndAssign({ group: stack.groups.n1 });
    const queue = await call('GET', '/api/v1/tickets?queue=my_groups&limit=100', tech.token);
    expect(queue.body.items.map((item: { id: number }) => item.id)).toEqual(expect.arrayContaining([inNewGroup, inN1]));
    const elsewhere = await call('GET', '/api/v1/tickets?queue=my_groups&limit=100', colleague.token);
    expect(elsewhere.body.items.map((item: { id: number }) => item.id)).not.toContain(inNewGroup);
  });
});
