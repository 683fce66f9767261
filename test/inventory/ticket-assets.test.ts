import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInventoryProcessor } from '../../inventory/inventory-processor';
import { eventually, startStack, type Stack, type TestUser } from '../support/stack';

// Tickets about the computers of the inventory: a requester names her own, the desk any of its
// entities'; each link is a line of the computer's history, the computer lists its tickets, and the
// warehouse counts tickets by the computer's model.
const logger = pino({ level: 'silent' });
const run = randomUUID().slice(0, 8);
const fixture = readFileSync(new URL('fixtures/debian-vm.xml', import.meta.url), 'utf8');
const processing = new AbortController();
let processor: Promise<void>;
let stack: Stack;
let technician: TestUser;
let requester: TestUser;
let dell: number;
let hp: number;

/** A workstation's inventory as its agent sends it: the fixture's, with its own name, identity, maker and model. */
const inventoryOf = (name: string, mac: string, maker: string, model: string) =>
  deflateSync(
    fixture
      .replace('<DEVICEID>vm-2026-12-06-03-40-03</DEVICEID>', `<DEVICEID>${name}</DEVICEID>`)
      .replace('<NAME>vm</NAME>', `<NAME>${name}</NAME>`)
      .replace('<SSN></SSN>', `<SSN>SN-${name}</SSN><SMANUFACTURER>${maker}</SMANUFACTURER><SMODEL>${model}</SMODEL>`)
      .replaceAll('02:fc:00:00:00:01', mac),
  );

async function fileComputer(secret: string, name: string, mac: string, maker: string, model: string): Promise<number> {
  const sent = await fetch(`${stack.baseUrl}/inventory`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`agent:${secret}`).toString('base64')}`,
      'content-type': 'application/x-compress-zlib',
    },
    body: inventoryOf(name, mac, maker, model),
  });
  expect(sent.status).toBe(200);
  const found = await eventually(async () => {
    const page = await stack.call('GET', `/api/v1/assets?search=${name}`, { token: technician.token });
    return (page.body.items as { id: number }[])[0];
  });
  return found.id;
}

beforeAll(async () => {
  stack = await startStack();
  const admin = await stack.userWith('admin');
  technician = await stack.userWith('technician', 'N1');
  requester = await stack.userWith('requester', undefined, { name: 'Camille Roux' });
  processor = runInventoryProcessor(stack.sequelize, { idleMs: 100, logger }, processing.signal);
  const token = await stack.call('POST', '/api/v1/inventory/agent-tokens', {
    token: admin.token,
    body: { name: `Siège ${run}`, entity: 1 },
  });
  dell = await fileComputer(token.body.token, `pc-compta-${run}`, '02:aa:00:00:00:01', 'Dell Inc.', `OptiPlex ${run}`);
  hp = await fileComputer(token.body.token, `pc-accueil-${run}`, '02:aa:00:00:00:02', 'HP', `EliteDesk ${run}`);
});
afterAll(async () => {
  processing.abort();
  await processor;
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
