import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLifecycle } from '../../lifecycles/compile-lifecycle';
import { startPosition } from '../../lifecycles/lifecycle-step';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { ALWAYS_OPEN } from '../../sla/business-calendar';
import { startClocks } from '../../sla/sla-clock';
import { applyActionUpdate, ticketStateQuery } from '../../workflows/ticket.contracts';
import { startWorkflowHarness, technician } from '../support/workflow-harness';

let harness: Awaited<ReturnType<typeof startWorkflowHarness>>;
beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => harness?.close());

const change = SHIPPED_LIFECYCLES.find((d) => d.key === 'change')!;
const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
const context = { requester: 10, assignee: null, group: null, level: 1, validator: null };
const supervisor = { id: 40, profile: 'supervisor' as const };
const days = (n: number) => n * 86_400_000;

describe('timers of lifecycle states (time-skipping server)', () => {
  it('sends a change back to assessment when the board has not decided within ten days of its request, once', async () => {
    const { ticketId, handle } = await harness.startTicket({
      definition: change,
      position: startPosition(compileLifecycle(change), context),
    });
    const take = (action: string, payload: Record<string, unknown> = {}, actor = technician) =>
      handle.executeUpdate(applyActionUpdate, { args: [{ action, actor, payload }] });
    await take('assess');
    await harness.env.sleep(days(3));
    await take('request_validation', { validators: [30, 31] });
    await harness.env.sleep(days(9.9));
    expect((await handle.query(ticketStateQuery)).position.state).toBe('approval_board');
    await harness.env.sleep(days(0.2));
    expect((await handle.query(ticketStateQuery)).position.state).toBe('assessment');
    expect(harness.recordsOf(ticketId).at(-1)).toMatchObject({
      action: 'reassess',
      actor: { profile: 'system' },
      from: { state: 'approval_board' },
      payload: { reason: 'state_timer' },
    });
    // Back before the board, the clock starts again from the new request.
    await take('request_validation', { validators: [30] }, supervisor);
    await harness.env.sleep(days(11));
    expect(harness.recordsOf(ticketId).filter((r) => r.action === 'reassess')).toHaveLength(2);
  });

  it('escalates a ticket to the next level when its TTR is breached while it is assigned', async () => {
    const escalating = structuredClone(incident);
    escalating.states['assigned']!.timers = [{ slaBreach: 'ttr', action: 'escalate' }];
    escalating.actions.find((a) => a.name === 'escalate')!.roles.push('system');
    const now = new Date(await harness.env.currentTimeMs());
    const sla = startClocks({ slaId: 1, calendar: ALWAYS_OPEN, ttoMinutes: 30, ttrMinutes: 240, levels: [], levelClocks: [] }, now);
    const { ticketId, handle } = await harness.startTicket({
      definition: escalating,
      position: startPosition(compileLifecycle(escalating), context),
      sla,
    });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    await harness.env.sleep(3.9 * 3_600_000);
    expect((await handle.query(ticketStateQuery)).position.context.level).toBe(1);
    await harness.env.sleep(0.2 * 3_600_000);
    const state = await handle.query(ticketStateQuery);
    expect(state.position.context).toMatchObject({ level: 2, groups: [2], technicians: [] });
    expect(harness.recordsOf(ticketId).map((r) => r.action)).toEqual(['assign', 'sla_breach', 'escalate']);
    expect(harness.recordsOf(ticketId).at(-1)).toMatchObject({
      actor: { profile: 'system' },
      payload: { group: 2, reason: 'state_timer' },
    });
  });
});
