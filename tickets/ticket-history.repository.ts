import { MailOutboxRow } from '../mail/mail.models';
import { noticeOfEvent } from '../mail/notices';
import type { Transaction } from 'sequelize';
import { OutboxRow } from '../analytics/outbox.models';
import { TicketEventRow } from './ticket.models';
import { toAnalyticsEvent, type TicketEventRecord, type TicketFacts } from './ticket-event';
import { appendToFeed } from './ticket-feed.repository';

/**
 * Appends one event to the ticket's history (with its analytics form), the change feed and the
 * analytics outbox, in the caller's transaction; people are told of it unless `notify` is false
 * (an event of the past, imported).
 */
export async function appendTicketEvent(
  transaction: Transaction,
  ticket: TicketFacts,
  event: TicketEventRecord,
  { notify = true }: { notify?: boolean } = {},
): Promise<void> {
  const analytics = JSON.stringify(toAnalyticsEvent(ticket, event));
  const row = await TicketEventRow.create(
    {
      ticket_id: ticket.id,
      seq: event.seq,
      at: event.at,
      actor_id: event.actorId,
      action: event.action,
      from_state: event.fromState,
      to_state: event.toState,
      data: JSON.stringify(event.data),
      analytics,
    },
    { transaction },
  );
  await appendToFeed(transaction, { ticketId: ticket.id, kind: 'event', refId: row.id, tokenId: event.tokenId ?? null });
  await OutboxRow.create({ ticket_id: ticket.id, seq: event.seq, payload: analytics, created_at: new Date() }, { transaction });
  // An event worth telling people about waits for the mail notifier, committed with the event.
  const notice = notify && noticeOfEvent({ action: event.action, fromStatus: event.fromStatus, toStatus: ticket.status, data: event.data });
  if (notice) {
    await MailOutboxRow.create(
      { ticket_id: ticket.id, notice, seq: event.seq, followup_id: null, created_at: new Date() },
      { transaction },
    );
  }
}
