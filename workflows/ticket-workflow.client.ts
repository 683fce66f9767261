import { WorkflowUpdateStage, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { StillRecordingError } from '../core/errors';
import { isServiceFault } from '../core/service-fault';
import { ticketWorkflowId } from './ticket.contracts';
import { workflowUpdateSeconds } from '../metrics/metrics';

// How long the caller waits for the workflow to take the Update (its validator answers), and then
// for the change to be recorded: a workflow that cannot record (MariaDB down) keeps retrying, and
// the caller hears that it was accepted rather than waiting on.
const ACCEPT_DEADLINE_MS = 15_000;
const RECORD_WAIT_MS = 10_000;

/**
 * Sends `update` to a ticket's workflow and waits for its answer. With `updateId` (the request's
 * Idempotency-Key), the engine applies an Update once however often it is sent, and a repeat gets
 * the first outcome. Throws `StillRecordingError` when the workflow took the Update but has not
 * recorded it in time.
 */
export async function updateTicketWorkflow<Ret, Arg>(
  temporal: Client,
  ticketId: number,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  updateId?: string,
): Promise<Ret> {
  const handle = temporal.workflow.getHandle(ticketWorkflowId(ticketId));
  const end = workflowUpdateSeconds.startTimer({ update: update.name });
  const accepted = await temporal.withDeadline(Date.now() + ACCEPT_DEADLINE_MS, () =>
    handle.startUpdate(update, { args: [arg], waitForStage: WorkflowUpdateStage.ACCEPTED, ...(updateId && { updateId }) }),
  );
  try {
    return await temporal.withDeadline(Date.now() + RECORD_WAIT_MS, () => accepted.result());
  } catch (error) {
    if (isServiceFault(error)) throw new StillRecordingError(`/api/v1/tickets/${ticketId}`);
    throw error;
  } finally {
    end();
  }
}
