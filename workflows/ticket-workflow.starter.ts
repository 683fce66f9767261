import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { config } from '../config/config';
import type { PublishedLifecycle } from '../lifecycles/lifecycle.repository';
import type { LifecyclePosition } from '../lifecycles/lifecycle-step';
import { spentTimers } from '../lifecycles/state-timers';
import type { TicketFacts } from '../lifecycles/ticket-context';
import type { SlaClocks } from '../sla/sla-clock';
import {
  TICKETS_TASK_QUEUE,
  ticketPriorityAttribute,
  ticketStatusAttribute,
  ticketWorkflowId,
  type RecordedTicket,
  type TicketWorkflowInput,
} from './ticket.contracts';

export interface NewTicketWorkflow {
  ticketId: number;
  lifecycle: PublishedLifecycle;
  position: LifecyclePosition;
  priority: number;
  type: TicketFacts['type'];
  sla: SlaClocks | null;
  /**
   * Where a ticket that already lived stands, as MariaDB recorded it (a desk restored from a
   * backup): its workflow starts again from there, as a new run of the same workflow id.
   */
  recorded?: Pick<RecordedTicket, 'seq' | 'stateSince' | 'pendingUntil' | 'resolvedSince' | 'timersFired'>;
}

// A Temporal server out of reach does not hold the caller longer: the reconciler starts the workflow later.
const START_DEADLINE_MS = 5_000;

/**
 * Starts the workflow of a ticket whose row is committed. Safe to call again (from the API, a
 * retry or the reconciler): a workflow that exists already, running or not, is left as it is.
 */
export async function startTicketWorkflow(client: Client, ticket: NewTicketWorkflow): Promise<void> {
  const input: TicketWorkflowInput = {
    ticketId: ticket.ticketId,
    definition: ticket.lifecycle.definition,
    lifecycleVersion: ticket.lifecycle.version,
    position: ticket.position,
    seq: ticket.recorded?.seq ?? 1,
    ...(ticket.recorded && {
      stateSince: ticket.recorded.stateSince,
      pendingUntil: ticket.recorded.pendingUntil,
      resolvedSince: ticket.recorded.resolvedSince,
      timersDone: spentTimers(ticket.lifecycle.definition.states[ticket.position.state]?.timers ?? [], ticket.recorded.timersFired ?? []),
    }),
    priority: ticket.priority,
    ticketType: ticket.type,
    sla: ticket.sla,
    autoCloseAfterMs: config.autoCloseDays * 86_400_000,
  };
  try {
    await client.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      client.workflow.start('ticketWorkflow', {
        taskQueue: TICKETS_TASK_QUEUE,
        workflowId: ticketWorkflowId(ticket.ticketId),
        workflowIdReusePolicy: ticket.recorded ? 'ALLOW_DUPLICATE' : 'REJECT_DUPLICATE',
        args: [input],
        typedSearchAttributes: [
          { key: ticketStatusAttribute, value: ticket.lifecycle.definition.states[ticket.position.state]!.status },
          { key: ticketPriorityAttribute, value: ticket.priority },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
