import { MailOutboxRow } from '../mail/mail.models';
import { noticeOfEvent } from '../mail/notices';
import type { InferCreationAttributes, Transaction } from 'sequelize';
import { OutboxRow } from '../analytics/outbox.models';
import { FollowupRow, TaskRow, TicketEventRow } from './ticket.models';
import { TicketFeedRow } from './ticket-feed.models';
import { toAnalyticsEvent, type TicketEventRecord, type TicketFacts } from './ticket-event';
import { appendToFeed } from './ticket-feed.repository';

// An event as its history row, with its analytics form.
const eventRowOf = (ticket: TicketFacts, event: TicketEventRecord) => ({
  ticket_id: ticket.id,
  seq: event.seq,
  at: event.at,
  actor_id: event.actorId,
  action: event.action,
  from_state: event.fromState,
  to_state: event.toState,
  data: JSON.stringify(event.data),
  analytics: JSON.stringify(toAnalyticsEvent(ticket, event)),
});

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
  const row = await TicketEventRow.create(eventRowOf(ticket, event), { transaction });
  await appendToFeed(transaction, { ticketId: ticket.id, kind: 'event', refId: row.id, tokenId: event.tokenId ?? null });
  await OutboxRow.create({ ticket_id: ticket.id, seq: event.seq, payload: row.analytics!, created_at: new Date() }, { transaction });
  // An event worth telling people about waits for the mail notifier, committed with the event.
  const notice = notify && noticeOfEvent({ action: event.action, fromStatus: event.fromStatus, toStatus: ticket.status, data: event.data });
  if (notice) {
    await MailOutboxRow.create(
      { ticket_id: ticket.id, notice, seq: event.seq, followup_id: null, created_at: new Date() },
      { transaction },
    );
  }
}

/** A ticket's past, written at once: its events (each with the ticket's facts as of it), followups and tasks. */
export interface PastTimeline {
  events: { ticket: TicketFacts; event: TicketEventRecord }[];
  followups: { author_id: number; content: string; private: boolean; created_at: Date }[];
  tasks: Omit<InferCreationAttributes<TaskRow>, 'id' | 'ticket_id'>[];
}

/**
 * Writes a ticket's past at once in the caller's transaction — its events with their analytics and
 * outbox rows, its followups and tasks, each in the change feed — telling nobody: a few multi-row
 * inserts rather than a few per item. Returns the followups' ids, in order.
 */
export async function appendPastTimeline(transaction: Transaction, ticketId: number, past: PastTimeline): Promise<number[]> {
  const now = new Date();
  const events = await TicketEventRow.bulkCreate(
    past.events.map(({ ticket, event }) => eventRowOf(ticket, event)),
    { transaction },
  );
  const followups = await FollowupRow.bulkCreate(
    past.followups.map((followup) => ({ ...followup, ticket_id: ticketId })),
    { transaction },
  );
  const tasks = await TaskRow.bulkCreate(
    past.tasks.map((task) => ({ ...task, ticket_id: ticketId })),
    { transaction },
  );
  const entry = (kind: 'event' | 'followup' | 'task') => (row: { id: number }) => ({
    ticket_id: ticketId,
    kind,
    ref_id: row.id,
    token_id: null,
  });
  await TicketFeedRow.bulkCreate([...events.map(entry('event')), ...followups.map(entry('followup')), ...tasks.map(entry('task'))], {
    transaction,
  });
  await OutboxRow.bulkCreate(
    events.map((row) => ({ ticket_id: ticketId, seq: row.seq, payload: row.analytics!, created_at: now })),
    { transaction },
  );
  return followups.map((row) => row.id);
}
