import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { createTicketActivities } from '../../activities/ticket.activities';
import { compileLifecycle } from '../../lifecycles/compile-lifecycle';
import { ALWAYS_OPEN, workingMinutesBetween } from '../../sla/business-calendar';
import { startClocks } from '../../sla/sla-clock';
import { startPosition } from '../../lifecycles/lifecycle-step';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import type { Actor } from '../../lifecycles/ticket-context';
import {
  applyActionUpdate,
  editFieldsUpdate,
  STALE_VERSION,
  ILLEGAL_ACTION,
  TICKETS_TASK_QUEUE,
  ticketStateQuery,
  type TicketWorkflowInput,
  type TransitionRecord,
} from '../../workflows/ticket.contracts';
import { ensureTicketSearchAttributes } from '../../runtime/search-attributes';
import { parisOffice } from '../support/calendars';
import { eventually } from '../support/stack';
import { temporalBinaries } from '../support/test-settings';

const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
const requester: Actor = { id: 10, profile: 'requester' };
const technician: Actor = { id: 20, profile: 'technician' };

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
// The activities record what they are asked to write; the workflow's decisions are what is under test here.
const recorded: TransitionRecord[] = [];
const priorities = new Map<number, number>();
const activities: ReturnType<typeof createTicketActivities> = {
  async recordTransition(record) {
    if (!recorded.some((r) => r.ticketId === record.ticketId && r.seq === record.seq)) recorded.push(record);
  },
  // An edit that sets a priority changes it; any other changes nothing.
  async recordFieldEdit(record) {
    const priority = record.edit.priority;
    if (typeof priority !== 'number') return { recorded: false, priority: priorities.get(record.ticketId) ?? 3 };
    priorities.set(record.ticketId, priority);
    return { recorded: true, priority };
  },
};

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalBinaries().testServer } },
  });
  // The test server knows no custom search attributes until they are registered, as on a cluster.
  await ensureTicketSearchAttributes(env.client, env.namespace ?? 'default');
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TICKETS_TASK_QUEUE,
    workflowBundle: { code: inject('workflowBundle') },
    activities,
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

let nextTicketId = 1;
async function startTicket(options: Partial<TicketWorkflowInput> = {}) {
  const ticketId = nextTicketId++;
  const input: TicketWorkflowInput = {
    ticketId,
    definition: incident,
    lifecycleVersion: 1,
    position: startPosition(compileLifecycle(incident), { requester: 10, assignee: null, group: null, level: 1, validator: null }),
    seq: 1,
    priority: 3,
    ...options,
  };
  const handle = await env.client.workflow.start('ticketWorkflow', {
    taskQueue: TICKETS_TASK_QUEUE,
    workflowId: `ticket-${ticketId}`,
    args: [input],
  });
  return { ticketId, handle };
}

const recordsOf = (ticketId: number) => recorded.filter((r) => r.ticketId === ticketId);

describe('ticket workflow (time-skipping server)', () => {
  it('applies legal actions in order and records each with the next seq', async () => {
    const { ticketId, handle } = await startTicket();
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    const state = await handle.executeUpdate(applyActionUpdate, {
      args: [{ action: 'resolve', actor: technician, payload: { solution: 'Câble remplacé' } }],
    });
    expect(state).toMatchObject({ status: 'resolved', seq: 3, position: { state: 'resolved', context: { assignee: 20 } } });
    expect(recordsOf(ticketId).map((r) => [r.seq, r.action, r.to.state])).toEqual([
      [2, 'assign', 'assigned'],
      [3, 'resolve', 'resolved'],
    ]);
  });

  it('refuses an illegal action in the validator, before anything is recorded', async () => {
    const { ticketId, handle } = await startTicket();
    const error = await handle
      .executeUpdate(applyActionUpdate, { args: [{ action: 'accept_solution', actor: requester, payload: {} }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe(ILLEGAL_ACTION);
    expect(cause.details?.[0]).toEqual({ allowed: [] });
    expect(recordsOf(ticketId)).toEqual([]);
    expect((await handle.query(ticketStateQuery)).status).toBe('new');
  });

  it('edits fields one at a time, refusing an edit made on a stale version before anything is recorded', async () => {
    const { handle } = await startTicket();
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    const edited = await handle.executeUpdate(editFieldsUpdate, {
      args: [{ actor: technician, edit: { priority: 6 }, expectedVersion: 2 }],
    });
    expect(edited.seq).toBe(3);
    const unchanged = await handle.executeUpdate(editFieldsUpdate, { args: [{ actor: technician, edit: { title: 'Même titre' } }] });
    expect(unchanged.seq).toBe(3);
    const stale = await handle
      .executeUpdate(editFieldsUpdate, { args: [{ actor: technician, edit: { priority: 1 }, expectedVersion: 2 }] })
      .catch((e: unknown) => e);
    const cause = (stale as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe(STALE_VERSION);
    expect(cause.details?.[0]).toEqual({ version: 3 });
    expect((await handle.query(ticketStateQuery)).seq).toBe(3);
    const described = await handle.describe();
    expect(described.searchAttributes['TicketPriority']).toEqual([6]);
  });

  it('resumes a pending ticket by itself when its pending-until time comes, hours later', async () => {
    const { ticketId, handle } = await startTicket();
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    const until = new Date((await env.currentTimeMs()) + 3 * 3_600_000).toISOString();
    await handle.executeUpdate(applyActionUpdate, {
      args: [{ action: 'pend', actor: technician, payload: { reason: 'Pièce commandée', until } }],
    });
    await env.sleep('2h');
    expect((await handle.query(ticketStateQuery)).status).toBe('pending');
    await env.sleep('2h');
    const state = await handle.query(ticketStateQuery);
    expect(state).toMatchObject({ status: 'assigned', pendingUntil: null });
    expect(recordsOf(ticketId).at(-1)).toMatchObject({ action: 'resume', actor: { profile: 'system' }, to: { state: 'assigned' } });
  });

  it('continues as new after its transition budget, keeping state, seq and clocks', async () => {
    const { ticketId, handle } = await startTicket({ maxTransitionsPerRun: 2 });
    const { runId: firstRun } = await handle.describe();
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    const until = new Date((await env.currentTimeMs()) + 3_600_000).toISOString();
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'pend', actor: technician, payload: { reason: 'Attente', until } }] });
    const state = await handle.query(ticketStateQuery);
    expect(state).toMatchObject({ status: 'pending', seq: 3, pendingUntil: until });
    await eventually(async () => ((await handle.describe()).runId !== firstRun ? true : undefined));

    await env.sleep('2h');
    expect(await handle.query(ticketStateQuery)).toMatchObject({ status: 'assigned', seq: 4 });
    expect(recordsOf(ticketId).map((r) => r.seq)).toEqual([2, 3, 4]);
  });

  it('closes a resolved ticket by itself when the requester does not answer within the delay', async () => {
    const { ticketId, handle } = await startTicket({ autoCloseAfterMs: 7 * 86_400_000 });
    await handle.executeUpdate(applyActionUpdate, {
      args: [{ action: 'resolve', actor: technician, payload: { solution: 'Câble remplacé' } }],
    });
    await env.sleep('6d');
    expect((await handle.query(ticketStateQuery)).status).toBe('resolved');
    await env.sleep('2d');
    await handle.result();
    expect(recordsOf(ticketId).at(-1)).toMatchObject({ action: 'close', actor: { profile: 'system' }, to: { state: 'closed' } });
  });

  it('stops the auto-close clock when the requester refuses the solution', async () => {
    const { ticketId, handle } = await startTicket({ autoCloseAfterMs: 86_400_000 });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'resolve', actor: technician, payload: { solution: 'ok' } }] });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'refuse_solution', actor: requester, payload: { reason: 'non' } }] });
    await env.sleep('3d');
    expect((await handle.query(ticketStateQuery)).status).toBe('assigned');
    expect(recordsOf(ticketId).map((r) => r.action)).toEqual(['assign', 'resolve', 'refuse_solution']);
  });

  it('ends when the ticket is closed', async () => {
    const { handle } = await startTicket();
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'resolve', actor: technician, payload: { solution: 'ok' } }] });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'accept_solution', actor: requester, payload: {} }] });
    await handle.result();
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });

  describe('SLA clocks', () => {
    // Monday to Friday, 08:00–17:00 in Paris, Monday 21 December a holiday.
    const office = parisOffice([{ date: '2026-12-21' }]);
    const hours = (n: number) => n * 3_600_000;

    it('breaches TTR at its due date in working time, not before, and only once', async () => {
      const now = new Date(await env.currentTimeMs());
      const sla = startClocks({ slaId: 1, calendar: ALWAYS_OPEN, ttoMinutes: 30, ttrMinutes: 8 * 60 }, now);
      const { ticketId, handle } = await startTicket({ sla });
      await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
      expect((await handle.query(ticketStateQuery)).sla?.tto.metAt).not.toBeNull();
      await env.sleep(hours(7.5));
      expect(recordsOf(ticketId).map((r) => r.action)).toEqual(['assign']);
      await env.sleep(hours(1));
      const breach = recordsOf(ticketId).filter((r) => r.action === 'sla_breach');
      expect(breach).toHaveLength(1);
      expect(breach[0]).toMatchObject({
        payload: { clock: 'ttr' },
        actor: { profile: 'system' },
        sla: { ttr: { breached: true }, tto: { breached: false } },
      });
      await env.sleep(hours(48));
      expect(recordsOf(ticketId).filter((r) => r.action === 'sla_breach')).toHaveLength(1);
    });

    it('pauses TTR while the ticket is pending and gives it back the working time it waited', async () => {
      const now = new Date(await env.currentTimeMs());
      const sla = startClocks({ slaId: 1, calendar: office, ttoMinutes: 60, ttrMinutes: 16 * 60 }, now);
      const { ticketId, handle } = await startTicket({ sla });
      await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
      await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'pend', actor: technician, payload: { reason: 'Fournisseur' } }] });
      const pendingAt = new Date(await env.currentTimeMs());
      await env.sleep(hours(72));
      const resumed = await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'resume', actor: technician, payload: {} }] });
      const resumedAt = new Date(await env.currentTimeMs());
      const waited = workingMinutesBetween(office, pendingAt, resumedAt);
      expect(waited).toBeGreaterThan(0);
      const moved = workingMinutesBetween(office, new Date(sla.ttr.due!), new Date(resumed.sla!.ttr.due!));
      expect(Math.abs(moved - waited)).toBeLessThan(1 / 60);
      expect(recordsOf(ticketId).some((r) => r.action === 'sla_breach')).toBe(false);
    });
  });
});
