// A workflow task the engine lost after its local activity had recorded a change (it timed out on
// a loaded machine): MariaDB holds a change the workflow's history does not. The next change the
// workflow records finds its seq taken; the workflow takes the ticket as MariaDB holds it and judges
// that change again from there, so both keep telling the same history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../../lifecycles/ticket-context';
import { recordTicketTransition } from '../../tickets/ticket-transition.repository';
import { TicketRow } from '../../tickets/ticket.models';
import { positionOf } from '../../tickets/ticket-view';
import { ticketStateQuery, ticketWorkflowId } from '../../workflows/ticket.contracts';
import { startStack, type Stack, type TestUser } from '../support/stack';

let stack: Stack;
let requester: TestUser;
let technician: TestUser;
beforeAll(async () => {
  stack = await startStack({ relay: false });
  requester = await stack.userWith('requester');
  technician = await stack.userWith('technician', 'N1');
}, 120_000);
afterAll(async () => stack?.close());

const act = (id: number, action: string, body: object = {}) =>
  stack.call('POST', `/api/v1/tickets/${id}/actions/${action}`, { token: technician.token, body });

async function assignedTicket(): Promise<number> {
  const filed = await stack.call('POST', '/api/v1/tickets', {
    token: requester.token,
    body: { title: 'Écran noir au démarrage', description: 'Plus rien depuis ce matin.', type: 'incident', urgency: 3, impact: 2 },
  });
  expect((await act(filed.body.id, 'assign')).status).toBe(200);
  return filed.body.id as number;
}

/** What the lost task had written: `action` to `toState`, recorded in MariaDB as its local activity records it. */
async function recordedByLostTask(id: number, action: string, toState: string, payload: Record<string, unknown>, actor: Actor) {
  const row = await TicketRow.findByPk(id, { rejectOnEmpty: true });
  const from = positionOf(row);
  const ahead = await recordTicketTransition(stack.sequelize, {
    ticketId: id,
    seq: row.seq + 1,
    at: new Date().toISOString(),
    actor,
    action,
    from,
    to: { state: toState, context: from.context },
    toStatus: toState as 'assigned',
    payload,
    sla: row.sla_clocks === null ? null : JSON.parse(row.sla_clocks),
  });
  expect(ahead).toBeNull();
}

async function expectAgreement(id: number, history: string[]) {
  const events = (await stack.call('GET', `/api/v1/tickets/${id}/history`, { token: technician.token })).body.items as {
    seq: number;
    action: string;
  }[];
  expect(events.map((e) => `${e.seq} ${e.action}`)).toEqual(history.map((action, i) => `${i + 1} ${action}`));
  const row = await TicketRow.findByPk(id, { rejectOnEmpty: true });
  const workflow = await stack.temporal.workflow.getHandle(ticketWorkflowId(id)).query(ticketStateQuery);
  expect({ state: workflow.position.state, seq: workflow.seq }).toEqual({ state: row.state, seq: row.seq });
}

describe('a change recorded by a workflow task the engine lost', () => {
  it('is taken by the workflow, which then takes the next action from there', async () => {
    const id = await assignedTicket();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await act(id, 'pend', { reason: 'Pièce commandée', until })).status).toBe(200);
    // The hold's clock had resumed the ticket in a task that was lost; the technician saw it resumed.
    await recordedByLostTask(id, 'resume', 'assigned', { reason: 'pending_until_reached' }, SYSTEM_ACTOR);
    const resolved = await act(id, 'resolve', { solution: 'Câble vidéo remplacé.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    await expectAgreement(id, ['create', 'assign', 'pend', 'resume', 'resolve']);
  });

  it('refuses, as the ticket now stands, an action it no longer allows', async () => {
    const id = await assignedTicket();
    await recordedByLostTask(id, 'resolve', 'resolved', { solution: 'Redémarré.' }, { id: technician.id, profile: 'technician' });
    const held = await act(id, 'pend', { reason: 'En attente du fournisseur' });
    expect(held.status).toBe(409);
    await expectAgreement(id, ['create', 'assign', 'resolve']);
  });

  it('is taken before an edit, which is then recorded after it', async () => {
    const id = await assignedTicket();
    await recordedByLostTask(id, 'pend', 'pending', { reason: 'Absent' }, { id: technician.id, profile: 'technician' });
    const edited = await stack.call('PATCH', `/api/v1/tickets/${id}`, {
      token: technician.token,
      body: { title: 'Écran noir (poste 12)' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Écran noir (poste 12)', status: 'pending' });
    await expectAgreement(id, ['create', 'assign', 'pend', 'update']);
  });
});
