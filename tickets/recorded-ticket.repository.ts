import type { Transaction } from 'sequelize';
import type { SlaClocks } from '../sla/sla-clock';
import type { RecordedTicket } from '../workflows/ticket.contracts';
import { TicketEventRow, type TicketRow } from './ticket.models';
import { positionOf } from './ticket-view';

// The events of the ticket's current state are read back this far at most.
const STATE_EVENTS_READ = 100;

/**
 * Whether the event recorded at `seq` is the change a recording brings again (a retry of the
 * same decision), rather than another change that took that seq first.
 */
export async function isRecordedAs(
  transaction: Transaction,
  ticketId: number,
  seq: number,
  change: { action: string; actorId: number | null; toState: string },
): Promise<boolean> {
  const event = await TicketEventRow.findOne({ where: { ticket_id: ticketId, seq }, transaction });
  return event !== null && event.action === change.action && event.actor_id === change.actorId && event.to_state === change.toState;
}

/** The ticket as its row and the events of its current state tell it, for its workflow to take. */
export async function recordedTicketOf(transaction: Transaction, ticket: TicketRow): Promise<RecordedTicket> {
  const events = await TicketEventRow.findAll({
    where: { ticket_id: ticket.id },
    order: [['seq', 'DESC']],
    limit: STATE_EVENTS_READ,
    transaction,
  });
  // Since when it is in its state, and the date its hold ends (set by the action that put it on hold).
  let stateSince = ticket.updatedAt;
  let pendingUntil: string | null = null;
  // What the state's timers did during this stay: a timer spent before a restore does not fire again after it.
  const timersFired: string[] = [];
  for (const event of events) {
    if (event.to_state !== ticket.state) break;
    stateSince = event.at;
    const { until, reason } = JSON.parse(event.data) as { until?: unknown; reason?: unknown };
    if (ticket.status === 'pending' && pendingUntil === null && typeof until === 'string') pendingUntil = until;
    if (reason === 'state_timer') timersFired.unshift(event.action);
  }
  return {
    seq: ticket.seq,
    position: positionOf(ticket),
    priority: ticket.priority,
    sla: ticket.sla_clocks === null ? null : (JSON.parse(ticket.sla_clocks) as SlaClocks),
    pendingUntil,
    resolvedSince: ticket.status === 'resolved' && ticket.resolved_at ? ticket.resolved_at.toISOString() : null,
    stateSince: stateSince.toISOString(),
    timersFired,
  };
}
