import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;
let owner: TestUser;

beforeAll(async () => {
  desk = await startDesk({ relay: false });
  owner = await desk.stack.userWith('owner');
});
afterAll(async () => desk?.stack.close());

const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;

/** Version 2 calls "pending" "waiting" and has a state where the ticket waits for spare parts. */
function secondVersion(key: string) {
  const next: any = structuredClone({ ...incident, key });
  next.states.waiting = { ...next.states.pending, label: { fr: 'En attente (client)', en: 'Waiting (customer)' } };
  delete next.states.pending;
  for (const action of next.actions) {
    action.from = action.from.map((s: string) => (s === 'pending' ? 'waiting' : s));
    if (action.to === 'pending') action.to = 'waiting';
  }
  next.states.awaiting_parts = { status: 'pending', label: { fr: 'En attente de pièces', en: 'Awaiting parts' } };
  next.actions.push(
    { name: 'order_parts', from: ['assigned'], to: 'awaiting_parts', roles: ['technician'] },
    { name: 'parts_received', from: ['awaiting_parts'], to: 'assigned', roles: ['technician'] },
  );
  return next;
}

async function publish(key: string, definition: unknown): Promise<number> {
  const draft = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts`, { token: owner.token, body: definition });
  const published = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/drafts/${draft.body.id}/publish`, { token: owner.token });
  expect(published.status).toBe(201);
  return published.body.version;
}

async function inParallel<T>(count: number, make: (i: number) => Promise<T>, width = 10): Promise<T[]> {
  const made: T[] = [];
  for (let i = 0; i < count; i += width) {
    made.push(...(await Promise.all(Array.from({ length: Math.min(width, count - i) }, (_, j) => make(i + j)))));
  }
  return made;
}

const act = (id: number, action: string, body: unknown = {}) =>
  desk.stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: desk.tech1.token, body });

describe('migrating running tickets to a new lifecycle version', () => {
  it('moves 1,000 running tickets through their workflows after a dry run that counts them, and records it in their history', async () => {
    const key = `incident-${randomUUID().slice(0, 8)}`;
    await publish(key, { ...incident, key });
    // 600 new, 300 assigned, 100 pending, and 5 closed tickets, which stay where they are.
    const tickets = await inParallel(1005, async (i) => {
      const filed = await desk.stack.call('POST', '/api/v1/tickets', {
        token: desk.alice.token,
        body: {
          title: `Imprimante du 3e étage n° ${i}`,
          description: 'Bourrage papier',
          type: 'incident',
          urgency: 3,
          impact: 2,
          lifecycle: key,
        },
      });
      expect(filed.status).toBe(201);
      const { id } = filed.body;
      if (i >= 600 && i < 900) await act(id, 'assign');
      if (i >= 900 && i < 1000) await act(id, 'pend', { reason: 'En attente du retour du client' });
      if (i >= 1000) {
        await act(id, 'resolve', { solution: 'Papier remplacé' });
        await act(id, 'close');
      }
      return id;
    });
    const version = await publish(key, secondVersion(key));
    expect(version).toBe(2);

    const unmapped = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/migrations`, {
      token: owner.token,
      body: { fromVersion: 1, toVersion: 2, dryRun: true },
    });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.error.details.fields['mapping.pending']).toContain('100 tickets are in "pending"');

    const body = { fromVersion: 1, toVersion: 2, mapping: { pending: 'waiting' } };
    const dryRun = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/migrations`, {
      token: owner.token,
      body: { ...body, dryRun: true },
    });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toEqual({
      dryRun: true,
      tickets: 1000,
      moves: [
        { from: 'new', to: 'new', count: 600 },
        { from: 'assigned', to: 'assigned', count: 300 },
        { from: 'pending', to: 'waiting', count: 100 },
      ],
    });
    // A dry run moves nothing.
    expect((await desk.stack.call('GET', `/api/v1/tickets/${tickets[950]}`, { token: desk.tech1.token })).body.lifecycle.version).toBe(1);

    const started = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/migrations`, { token: owner.token, body });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', total: 1000 });
    const again = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/migrations`, { token: owner.token, body });
    expect(again.status).toBe(409);

    let migration = started.body;
    const startedAt = Date.now();
    while (migration.status === 'running' && Date.now() - startedAt < 240_000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      migration = (await desk.stack.call('GET', `/api/v1/lifecycles/${key}/migrations/${started.body.id}`, { token: owner.token })).body;
    }
    console.log(`migrated ${migration.moved} tickets in ${Date.now() - startedAt} ms`);
    expect(migration).toMatchObject({ status: 'done', total: 1000, moved: 1000, failed: 0, failures: [] });

    const versions = await desk.stack.call('GET', `/api/v1/lifecycles/${key}/versions`, { token: owner.token });
    expect(versions.body.items.map((v: any) => [v.version, v.runningTickets])).toEqual([
      [2, 1000],
      [1, 0],
    ]);
    const pended = await desk.stack.call('GET', `/api/v1/tickets/${tickets[950]}`, { token: desk.tech1.token });
    expect(pended.body).toMatchObject({ lifecycle: { key, version: 2 }, state: 'waiting', status: 'pending' });
    const history = await desk.stack.call('GET', `/api/v1/tickets/${tickets[950]}/history`, { token: desk.tech1.token });
    expect(history.body.items.at(-1)).toMatchObject({
      action: 'migrate_lifecycle',
      from: 'pending',
      to: 'waiting',
      actor: owner.id,
      data: { fromVersion: 1, toVersion: 2, migration: started.body.id },
    });
    const closed = await desk.stack.call('GET', `/api/v1/tickets/${tickets[1002]}`, { token: desk.tech1.token });
    expect(closed.body.lifecycle.version).toBe(1);

    // The workflows now run version 2: an assigned ticket can wait for parts, a waiting one resumes from "waiting".
    const parts = await act(tickets[700], 'order_parts');
    expect(parts.body).toMatchObject({ state: 'awaiting_parts', status: 'pending' });
    expect((await act(tickets[950], 'resume')).body).toMatchObject({ state: 'new', lifecycle: { version: 2 } });
  }, 600_000);

  it('refuses a mapping to a state the new version does not have, and process owners only', async () => {
    const key = `incident-${randomUUID().slice(0, 8)}`;
    await publish(key, { ...incident, key });
    await publish(key, secondVersion(key));
    const wrong = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/migrations`, {
      token: owner.token,
      body: { fromVersion: 1, toVersion: 2, mapping: { pending: 'limbo' } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields['mapping.pending']).toContain('"limbo" is not a state of the version migrated to');
    const unknownVersion = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/migrations`, {
      token: owner.token,
      body: { fromVersion: 1, toVersion: 9, mapping: {} },
    });
    expect(unknownVersion.status).toBe(404);
    const technician = await desk.stack.call('POST', `/api/v1/lifecycles/${key}/migrations`, {
      token: desk.tech1.token,
      body: { fromVersion: 1, toVersion: 2, mapping: { pending: 'waiting' }, dryRun: true },
    });
    expect(technician.status).toBe(403);
  });
});
