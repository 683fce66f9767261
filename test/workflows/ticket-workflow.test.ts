import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyActionUpdate,
  editFieldsUpdate,
  ILLEGAL_ACTION,
  migrateLifecycleUpdate,
  NOT_MIGRATABLE,
  STALE_VERSION,
  ticketStateQuery,
} from '../../workflows/ticket.contracts';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { eventually } from '../support/stack';
import { requester, startWorkflowHarness, technician } from '../support/workflow-harness';

const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
let harness: Awaited<ReturnType<typeof startWorkflowHarness>>;
let env: TestWorkflowEnvironment;
beforeAll(async () => {
  harness = await startWorkflowHarness();
  env = harness.env;
});
afterAll(async () => harness?.close());
const startTicket = (...args: Parameters<typeof harness.startTicket>) => harness.startTicket(...args);
const recordsOf = (ticketId: number) => harness.recordsOf(ticketId);

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

  it('migrates to another lifecycle version with its state mapped, keeping its pending clock, across a new run', async () => {
    const next = structuredClone(incident);
    next.states['waiting'] = next.states['pending']!;
    delete next.states['pending'];
    for (const action of next.actions) {
      action.from = action.from.map((s) => (s === 'pending' ? 'waiting' : s));
      if (action.to === 'pending') action.to = 'waiting';
    }
    const { ticketId, handle } = await startTicket({ maxTransitionsPerRun: 2 });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'assign', actor: technician, payload: {} }] });
    const until = new Date((await env.currentTimeMs()) + 3_600_000).toISOString();
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'pend', actor: technician, payload: { reason: 'Attente', until } }] });
    const mapping = { new: 'new', assigned: 'assigned', planned: 'planned', pending: 'waiting', resolved: 'resolved' };
    const migration = { migrationId: 7, actor: technician, fromVersion: 1, toVersion: 2, definition: next, mapping };

    const wrongVersion = await handle
      .executeUpdate(migrateLifecycleUpdate, { args: [{ ...migration, fromVersion: 3 }] })
      .catch((e: unknown) => (e as WorkflowUpdateFailedError).cause as ApplicationFailure);
    expect(wrongVersion).toMatchObject({ type: NOT_MIGRATABLE, message: 'the ticket is on version 1, not 3' });
    const migrated = await handle.executeUpdate(migrateLifecycleUpdate, { args: [migration] });
    expect(migrated).toMatchObject({ status: 'pending', seq: 4, pendingUntil: until, position: { state: 'waiting' } });
    // Sent again (a migration run a second time), it changes nothing.
    expect((await handle.executeUpdate(migrateLifecycleUpdate, { args: [migration] })).seq).toBe(4);
    expect(recordsOf(ticketId).at(-1)).toMatchObject({
      action: 'migrate_lifecycle',
      lifecycleVersion: 2,
      from: { state: 'pending' },
      to: { state: 'waiting' },
      payload: { migration: 7, fromVersion: 1, toVersion: 2 },
    });

    const { runId } = await handle.describe();
    await env.sleep('2h');
    expect(await handle.query(ticketStateQuery)).toMatchObject({ status: 'assigned', position: { state: 'assigned' }, seq: 5 });
    expect(recordsOf(ticketId).at(-1)).toMatchObject({ action: 'resume', from: { state: 'waiting' } });
    // The next run carries the new version.
    await eventually(async () => ((await handle.describe()).runId !== runId ? true : undefined));
    const pendedAgain = await handle.executeUpdate(applyActionUpdate, {
      args: [{ action: 'pend', actor: technician, payload: { reason: 'Attente' } }],
    });
    expect(pendedAgain.position.state).toBe('waiting');
  });

  it('keeps the date a pending ticket resumes when an action keeps it pending', async () => {
    const { ticketId, handle } = await startTicket();
    const take = (action: string, payload: Record<string, unknown>) =>
      handle.executeUpdate(applyActionUpdate, { args: [{ action, actor: technician, payload }] });
    await take('assign', {});
    const until = new Date((await env.currentTimeMs()) + 3_600_000).toISOString();
    await take('pend', { reason: 'Attente du fournisseur', until });
    expect(await take('request_validation', { validator: 40 })).toMatchObject({ status: 'pending', pendingUntil: until });
    await env.sleep('2h');
    expect(recordsOf(ticketId).at(-1)).toMatchObject({ action: 'resume', actor: { profile: 'system' }, to: { state: 'assigned' } });
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

  it('stops a clock whose action its lifecycle refuses, instead of firing it again and again', async () => {
    // A lifecycle where only people close a resolved ticket: the auto-close clock is refused.
    const definition = {
      ...incident,
      actions: incident.actions.map((a) => (a.name === 'close' ? { ...a, roles: a.roles.filter((role) => role !== 'system') } : a)),
    };
    const { ticketId, handle } = await startTicket({ definition, autoCloseAfterMs: 86_400_000 });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'resolve', actor: technician, payload: { solution: 'ok' } }] });
    await env.sleep('3d');
    expect((await handle.query(ticketStateQuery)).status).toBe('resolved');
    expect((await handle.fetchHistory()).events?.length ?? 0).toBeLessThan(100);
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'close', actor: technician, payload: {} }] });
    await handle.result();
    expect(recordsOf(ticketId).map((r) => r.action)).toEqual(['resolve', 'close']);
  });

  it('ends when the ticket is closed', async () => {
    const { handle } = await startTicket();
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'resolve', actor: technician, payload: { solution: 'ok' } }] });
    await handle.executeUpdate(applyActionUpdate, { args: [{ action: 'accept_solution', actor: requester, payload: {} }] });
    await handle.result();
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });
});
