import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgents } from '../support/agent-computers';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

// Tickets about the computers of the inventory: a requester names her own, the desk any of its
// entities'; each link is a line of the computer's history, the computer lists its tickets, and the
// warehouse counts tickets by the computer's model.
const run = randomUUID().slice(0, 8);
let agents: Awaited<ReturnType<typeof startAgents>>;
let stack: Stack;
let technician: TestUser;
let requester: TestUser;
let dell: number;
let hp: number;

beforeAll(async () => {
  stack = await startStack();
  technician = await stack.userWith('technician', 'N1');
  requester = await stack.userWith('requester', undefined, { name: 'Camille Roux' });
  agents = await startAgents(stack, await stack.userWith('admin'));
  dell = await agents.file(
    { name: `pc-compta-${run}`, mac: '02:aa:00:00:00:01', maker: 'Dell Inc.', model: `OptiPlex ${run}` },
    technician,
  );
  hp = await agents.file({ name: `pc-accueil-${run}`, mac: '02:aa:00:00:00:02', maker: 'HP', model: `EliteDesk ${run}` }, technician);
});
afterAll(async () => {
  await agents?.stop();
  await stack?.close();
});

type AssetView = {
  tickets: { id: number; title: string; status: string }[];
  history: { field: string; before: string | null; after: string | null }[];
};
const assetAs = async (user: TestUser, id: number) => stack.call<AssetView>('GET', `/api/v1/assets/${id}`, { token: user.token });

describe('tickets about assets', () => {
  it('lets a requester name her own computer, and only hers', async () => {
    const given = await stack.call('PATCH', `/api/v1/assets/${dell}`, { token: technician.token, body: { user: requester.id } });
    expect(given.status).toBe(200);
    expect(given.body.history[0]).toMatchObject({
      field: 'user',
      before: null,
      after: 'Camille Roux',
      source: 'person',
      user: technician.id,
    });

    // Her computer is hers to see; another is not there for her.
    const mine = await stack.call('GET', `/api/v1/assets?search=${run}`, { token: requester.token });
    expect((mine.body.items as { id: number }[]).map((item) => item.id)).toEqual([dell]);
    expect((await assetAs(requester, hp)).status).toBe(404);

    const refused = await stack.call('POST', '/api/v1/tickets', {
      token: requester.token,
      body: {
        title: 'Écran noir',
        description: 'Le poste de l’accueil ne démarre plus.',
        type: 'incident',
        urgency: 3,
        impact: 2,
        assets: [hp],
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toHaveProperty('assets');
    expect((await stack.call('GET', `/api/v1/assets/${hp}`, { token: technician.token })).body.tickets).toEqual([]);
  });

  it('links a ticket to its computers, both ways and in their histories, and counts it by model in the warehouse', async () => {
    const filed = await stack.call('POST', '/api/v1/tickets', {
      token: requester.token,
      body: {
        title: `Mon PC rame ${run}`,
        description: 'Dix minutes pour ouvrir Excel.',
        type: 'incident',
        urgency: 3,
        impact: 2,
        assets: [dell],
      },
    });
    expect(filed.status).toBe(201);
    const ticket = filed.body.id as number;
    expect(filed.body.assets).toEqual([dell]);

    // The desk adds the reception's computer, then takes it off again.
    const both = await stack.call('PATCH', `/api/v1/tickets/${ticket}`, { token: technician.token, body: { assets: [hp, dell] } });
    expect(both.status).toBe(200);
    expect(both.body.assets).toEqual([dell, hp].sort((a, b) => a - b));
    expect((await assetAs(technician, hp)).body.tickets.map((t) => t.id)).toEqual([ticket]);
    const one = await stack.call('PATCH', `/api/v1/tickets/${ticket}`, { token: technician.token, body: { assets: [dell] } });
    expect(one.body.assets).toEqual([dell]);
    const history = (await stack.call('GET', `/api/v1/tickets/${ticket}/history`, { token: technician.token })).body.items as {
      action: string;
      data: { changes?: { assets?: unknown } };
    }[];
    expect(history.filter((item) => item.action === 'update').map((item) => item.data.changes?.assets)).toEqual([
      { from: [dell], to: [dell, hp].sort((a, b) => a - b) },
      { from: [dell, hp].sort((a, b) => a - b), to: [dell] },
    ]);

    const named = `#${ticket} Mon PC rame ${run}`;
    const reception = (await assetAs(technician, hp)).body;
    expect(reception.tickets).toEqual([]);
    expect(reception.history.filter((line) => line.field === 'ticket')).toEqual([
      expect.objectContaining({ before: named, after: null }),
      expect.objectContaining({ before: null, after: named }),
    ]);
    const hers = (await assetAs(requester, dell)).body;
    expect(hers.tickets).toEqual([expect.objectContaining({ id: ticket, title: `Mon PC rame ${run}`, status: 'new' })]);
    expect(hers.history.filter((line) => line.field === 'ticket')).toEqual([expect.objectContaining({ before: null, after: named })]);
    const listed = await stack.call('GET', `/api/v1/tickets?asset=${dell}`, { token: technician.token });
    expect((listed.body.items as { id: number }[]).map((item) => item.id)).toEqual([ticket]);

    // Resolved: the warehouse counts it for its computer's model and maker, and for no other.
    expect((await stack.call('POST', `/api/v1/tickets/${ticket}/actions/assign`, { token: technician.token, body: {} })).status).toBe(200);
    const resolved = await stack.call('POST', `/api/v1/tickets/${ticket}/actions/resolve`, {
      token: technician.token,
      body: { solution: 'Disque remplacé par un SSD.' },
    });
    expect(resolved.status).toBe(200);
    const model = `Dell Inc. OptiPlex ${run}`;
    const byModel = await eventually(async () => {
      const answer = await stack.call('GET', '/api/v1/kpis/breakdown?metric=resolved&by=model', { token: technician.token });
      return (answer.body.items as { key: string; value: number }[]).find((item) => item.key === model);
    }, 30_000);
    expect(byModel.value).toBe(1);
    const created = await stack.call('GET', '/api/v1/kpis/breakdown?metric=created&by=model', { token: technician.token });
    expect(created.body.items).toContainEqual({ key: model, value: 1 });
    expect((created.body.items as { key: string }[]).map((item) => item.key)).not.toContain(`HP EliteDesk ${run}`);
  });
});
