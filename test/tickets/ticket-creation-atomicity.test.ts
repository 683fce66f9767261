import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { WorkflowNotFoundError } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketRow } from '../../tickets/ticket.models';
import { reconcileTicketWorkflows } from '../../tickets/ticket-workflow-reconciler';
import { startDesk, type Desk } from '../support/stack';

let desk: Desk;

beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => desk?.stack.close());

async function dieBetweenCreationSteps(): Promise<{ signal: NodeJS.Signals | null; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/die-between-creation-steps.ts', String(desk.alice.id)]);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { signal, stdout };
}

describe('ticket creation', () => {
  it('gives a workflow to a ticket whose creator was killed between the two steps', async () => {
    const child = await dieBetweenCreationSteps();
    expect(child.signal).toBe('SIGKILL');
    const ticketId = Number(child.stdout.trim());
    const row = await TicketRow.findByPk(ticketId, { rejectOnEmpty: true });
    expect(row.workflow_started_at).toBeNull();
    const handle = desk.stack.temporal.workflow.getHandle(`ticket-${ticketId}`);
    await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

    expect(await reconcileTicketWorkflows(desk.stack.temporal, 0)).toBeGreaterThanOrEqual(1);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect((await row.reload()).workflow_started_at).not.toBeNull();

    const assigned = await desk.stack.call('POST', `/api/v1/tickets/${ticketId}/actions/assign`, { token: desk.tech1.token, body: {} });
    expect(assigned.status).toBe(200);
    expect(assigned.body.status).toBe('assigned');
    // A second pass finds nothing left to do and starts no second run.
    const { runId } = await handle.describe();
    await reconcileTicketWorkflows(desk.stack.temporal, 0);
    expect((await handle.describe()).runId).toBe(runId);
  });

  it('starts the workflow of a half-created ticket as soon as someone acts on it', async () => {
    const child = await dieBetweenCreationSteps();
    const ticketId = Number(child.stdout.trim());
    const assigned = await desk.stack.call('POST', `/api/v1/tickets/${ticketId}/actions/assign`, { token: desk.tech1.token, body: {} });
    expect(assigned.status).toBe(200);
    const history = await desk.stack.call('GET', `/api/v1/tickets/${ticketId}/history`, { token: desk.tech1.token });
    expect(history.body.items.map((i: { action: string }) => i.action)).toEqual(['create', 'assign']);
  });
});
