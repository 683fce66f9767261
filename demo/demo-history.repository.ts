import type { Sequelize } from 'sequelize';
import type { GeneratedTicket } from './demo-history';
import { OutboxRow } from '../analytics/outbox.models';
import { TicketActorRow, TicketEventRow, TicketRow } from '../tickets/ticket.models';

/**
 * Writes finished tickets of a generated history as filing and working them would have: the
 * rows, their history with its analytics form, their places in the change feed, and the outbox rows the relay streams to the
 * warehouse, in one transaction. Their workflows ended with them, so none is started.
 */
export async function importFinishedTickets(sequelize: Sequelize, tickets: GeneratedTicket[], lifecycleVersion: number): Promise<void> {
  const now = new Date();
  await sequelize.transaction(async (transaction) => {
    await TicketRow.bulkCreate(
      tickets.map(({ ticket }) => ({
        ...ticket,
        lifecycle_version: lifecycleVersion,
        due_at: null,
        priority_overridden: false,
        workflow_started_at: ticket.opened_at,
        created_by: ticket.requester_id,
      })),
      { transaction },
    );
    await TicketActorRow.bulkCreate(
      tickets.flatMap(({ ticket }) => [
        { ticket_id: ticket.id, kind: 'technician' as const, actor_id: ticket.assignee_id! },
        { ticket_id: ticket.id, kind: 'group' as const, actor_id: ticket.group_id! },
      ]),
      { transaction },
    );
    const events = tickets.flatMap(({ ticket, events }) => events.map((event) => ({ ticketId: ticket.id, ...event })));
    await TicketEventRow.bulkCreate(
      events.map(({ ticketId, record, analytics }) => ({
        ticket_id: ticketId,
        seq: record.seq,
        at: record.at,
        actor_id: record.actorId,
        action: record.action,
        from_state: record.fromState,
        to_state: record.toState,
        data: JSON.stringify(record.data),
        analytics: JSON.stringify(analytics),
      })),
      { transaction },
    );
    // Their places in the change feed, in time order (given at once: nothing else writes meanwhile).
    await sequelize.query(
      `INSERT INTO ticket_feed (ticket_id, kind, ref_id)
       SELECT ticket_id, 'event', id FROM ticket_events WHERE ticket_id IN (:ids) ORDER BY at, id`,
      { replacements: { ids: tickets.map(({ ticket }) => ticket.id) }, transaction },
    );
    await OutboxRow.bulkCreate(
      events.map(({ ticketId, record, analytics }) => ({
        ticket_id: ticketId,
        seq: record.seq,
        payload: JSON.stringify(analytics),
        created_at: now,
      })),
      { transaction },
    );
  });
}
