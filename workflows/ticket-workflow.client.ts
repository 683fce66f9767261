import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { ticketWorkflowId } from './ticket.contracts';

// A workflow that cannot record (MariaDB down) keeps retrying; the caller hears back within this.
const UPDATE_DEADLINE_MS = 30_000;

/** Sends `update` to a ticket's workflow and waits for its answer, within the deadline. */
export function updateTicketWorkflow<Ret, Arg>(
  temporal: Client,
  ticketId: number,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<Ret> {
  const handle = temporal.workflow.getHandle(ticketWorkflowId(ticketId));
  return temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () => handle.executeUpdate(update, { args: [arg] }));
}
