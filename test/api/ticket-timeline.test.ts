import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type Desk, type TestUser } from '../support/stack';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => desk?.stack.close());

async function fileTicket(): Promise<number> {
  const created = await desk.stack.call('POST', '/api/v1/tickets', {
    token: desk.alice.token,
    body: {
      title: 'Pas de Wi-Fi sur mon portable',
      description: 'Le portable ne voit plus le réseau.',
      type: 'incident',
      urgency: 3,
      impact: 1,
    },
  });
  return created.body.id;
}

const post = (user: TestUser, path: string, body: object) => desk.stack.call('POST', path, { token: user.token, body });

describe('POST /api/v1/tickets/{id}/tasks', () => {
  it('makes the ticket planned when a task is planned, and wants both ends of the window', async () => {
    const id = await fileTicket();
    await post(desk.tech1, `/api/v1/tickets/${id}/actions/assign`, {});
    const halfBuilt = await post(desk.tech1, `/api/v1/tickets/${id}/tasks`, {
      content: 'Passage sur site',
      plannedStart: '2026-12-01T08:00:00Z',
    });
    expect(halfBuilt.status).toBe(400);
    expect(Object.keys(halfBuilt.body.error.details.fields)).toEqual(['plannedEnd']);
    const task = await post(desk.tech1, `/api/v1/tickets/${id}/tasks`, {
      content: 'Passage sur site pour changer la carte Wi-Fi',
      durationMinutes: 30,
      plannedStart: '2026-12-01T08:00:00Z',
      plannedEnd: '2026-12-01T08:30:00Z',
    });
    expect(task.body).toMatchObject({ plannedStart: '2026-12-01T08:00:00.000Z', plannedEnd: '2026-12-01T08:30:00.000Z' });
    const ticket = await desk.stack.call('GET', `/api/v1/tickets/${id}`, { token: desk.tech1.token });
    expect(ticket.body.status).toBe('planned');
  });
});

describe('GET /api/v1/tickets/{id}/timeline', () => {
  it('orders followups, tasks and status changes, and hides private followups from the requester', async () => {
    const id = await fileTicket();
    await post(desk.tech1, `/api/v1/tickets/${id}/actions/assign`, {});
    const publicNote = await post(desk.tech1, `/api/v1/tickets/${id}/followups`, { content: 'Pouvez-vous redémarrer le portable ?' });
    expect(publicNote.status).toBe(201);
    expect(publicNote.body).toMatchObject({ type: 'followup', author: desk.tech1.id, private: false });
    await post(desk.tech1, `/api/v1/tickets/${id}/followups`, { content: 'Carte Wi-Fi probablement HS', private: true });
    const task = await post(desk.tech1, `/api/v1/tickets/${id}/tasks`, { content: 'Tester avec un dongle USB', durationMinutes: 15 });
    expect(task.body).toMatchObject({ type: 'task', state: 'todo', durationMinutes: 15 });
    await post(desk.alice, `/api/v1/tickets/${id}/followups`, { content: 'Redémarré, toujours rien.' });

    const forDesk = await desk.stack.call('GET', `/api/v1/tickets/${id}/timeline`, { token: desk.tech1.token });
    expect(forDesk.body.items.map((i: { type: string; action?: string; content?: string }) => i.action ?? i.content)).toEqual([
      'create',
      'assign',
      'Pouvez-vous redémarrer le portable ?',
      'Carte Wi-Fi probablement HS',
      'Tester avec un dongle USB',
      'Redémarré, toujours rien.',
    ]);
    const requester = await desk.stack.call('GET', `/api/v1/tickets/${id}/timeline`, { token: desk.alice.token });
    expect(JSON.stringify(requester.body)).not.toContain('Carte Wi-Fi probablement HS');
    expect(requester.body.items).toHaveLength(5);
  });

  it('keeps private followups and tasks for the desk, and names a bad field', async () => {
    const id = await fileTicket();
    expect((await post(desk.alice, `/api/v1/tickets/${id}/followups`, { content: 'x', private: true })).status).toBe(403);
    expect((await post(desk.alice, `/api/v1/tickets/${id}/tasks`, { content: 'x' })).status).toBe(403);
    const empty = await post(desk.tech1, `/api/v1/tickets/${id}/followups`, { content: '   ' });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.error.details.fields)).toEqual(['content']);
    const badState = await post(desk.tech1, `/api/v1/tickets/${id}/tasks`, { content: 'x', state: 'maybe' });
    expect(Object.keys(badState.body.error.details.fields)).toEqual(['state']);
  });

  it('puts a ticket waiting for its requester back to work when the requester answers, and only then', async () => {
    const forRequester = await fileTicket();
    await post(desk.tech1, `/api/v1/tickets/${forRequester}/actions/assign`, {});
    await post(desk.tech1, `/api/v1/tickets/${forRequester}/actions/pend`, {
      reason: 'Quel est le modèle du portable ?',
      waitingFor: 'requester',
    });
    const forSupplier = await fileTicket();
    await post(desk.tech1, `/api/v1/tickets/${forSupplier}/actions/pend`, { reason: 'Carte commandée', waitingFor: 'supplier' });

    await post(desk.alice, `/api/v1/tickets/${forRequester}/followups`, { content: 'Un Latitude 5440.' });
    await post(desk.alice, `/api/v1/tickets/${forSupplier}/followups`, { content: 'Des nouvelles ?' });

    const resumed = await desk.stack.call('GET', `/api/v1/tickets/${forRequester}/history`, { token: desk.tech1.token });
    expect(resumed.body.items.at(-1)).toMatchObject({
      action: 'resume',
      actor: null,
      to: 'assigned',
      data: { reason: 'requester_answered' },
    });
    expect((await desk.stack.call('GET', `/api/v1/tickets/${forSupplier}`, { token: desk.tech1.token })).body.status).toBe('pending');
  });

  it('takes nothing more once the ticket is closed', async () => {
    const id = await fileTicket();
    await post(desk.tech1, `/api/v1/tickets/${id}/actions/resolve`, { solution: 'Pilote Wi-Fi réinstallé' });
    await post(desk.alice, `/api/v1/tickets/${id}/actions/accept_solution`, {});
    const late = await post(desk.alice, `/api/v1/tickets/${id}/followups`, { content: 'Merci !' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ticket_closed');
  });
});
