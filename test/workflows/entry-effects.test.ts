import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLifecycle } from '../../lifecycles/compile-lifecycle';
import type { LifecycleDefinition } from '../../lifecycles/definition';
import { startPosition } from '../../lifecycles/lifecycle-step';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { verifiedLifecycleOrFail } from '../../lifecycles/verify-lifecycle';
import { applyActionUpdate, ticketStateQuery } from '../../workflows/ticket.contracts';
import { startWorkflowHarness, technician } from '../support/workflow-harness';

let harness: Awaited<ReturnType<typeof startWorkflowHarness>>;
beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => harness?.close());

const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
/** Taking a ticket hands it to the field group too, raises its priority and tells its people; pending it asks a manager. */
function withEffects(): LifecycleDefinition {
  const definition = structuredClone(incident);
  definition.states['assigned']!.entry = [
    { effect: 'assignGroup', group: 7 },
    { effect: 'raisePriority' },
    { effect: 'notify', to: ['requester', 'technicians'] },
  ];
  definition.states['pending']!.entry = [{ effect: 'requestValidation', validators: [30, 31], rule: 'all' }];
  return verifiedLifecycleOrFail(definition);
}
const context = { requester: 10, assignee: null, group: null, level: 1, validator: null };

describe('entry effects of lifecycle states (time-skipping server)', () => {
  it('assigns the group in the transition itself, then raises the priority and notifies, once per entry', async () => {
    const definition = withEffects();
    const { ticketId, handle } = await harness.startTicket({ definition, position: startPosition(compileLifecycle(definition), context) });
    const take = (action: string, payload: Record<string, unknown> = {}) =>
      handle.executeUpdate(applyActionUpdate, { args: [{ action, actor: technician, payload }] });

    const assigned = await take('assign');
    expect(assigned.position.context).toMatchObject({ technicians: [20], groups: [7] });
    expect(harness.recordsOf(ticketId)[0]).toMatchObject({ action: 'assign', seq: 2, to: { context: { groups: [7] } } });
    expect(harness.notificationsOf(ticketId)).toEqual([
      {
        ticketId,
        seq: 2,
        effect: 2,
        to: ['requester', 'technicians'],
        message: { fr: `Le ticket n° ${ticketId} est maintenant « En cours (attribué) ».`, en: `Ticket #${ticketId} is now "Assigned".` },
      },
    ]);
    expect(assigned.seq).toBe(3); // the priority raised, as an edit of its own

    // Staying in the state (another technician joins) is not entering it.
    await take('assign', { assignee: 21 });
    expect(harness.notificationsOf(ticketId)).toHaveLength(1);

    const pending = await take('pend', { reason: 'Attente du responsable' });
    expect(pending.position.context).toMatchObject({ validators: [30, 31], validationRule: 'all', approvals: [] });
    expect((await handle.query(ticketStateQuery)).position.state).toBe('pending');
  });
});
