import type { FollowupRow, TaskRow, TicketEventRow } from './ticket.models';
import type { FeedItem, FeedType } from './ticket-feed.schemas';

const EVENT_TYPES: Record<string, FeedType> = {
  create: 'ticket.created',
  update: 'ticket.updated',
  satisfaction: 'ticket.rated',
  sla_breach: 'ticket.sla',
  sla_level: 'ticket.sla',
  sla_change: 'ticket.sla',
};

/** What a recorded event is in the feed: its kind, and the action with the states it went between. */
export const eventFeedItem = (row: TicketEventRow): FeedItem => ({
  ticketId: row.ticket_id,
  seq: row.seq,
  type: EVENT_TYPES[row.action] ?? 'ticket.transitioned',
  at: row.at.toISOString(),
  actor: row.actor_id,
  data: { action: row.action, from: row.from_state, to: row.to_state, details: JSON.parse(row.data) as unknown },
});

export const followupFeedItem = (row: FollowupRow): FeedItem => ({
  ticketId: row.ticket_id,
  seq: null,
  type: 'ticket.followup_added',
  at: row.created_at.toISOString(),
  actor: row.author_id,
  data: { id: row.id, content: row.content, private: row.private },
});

export const taskFeedItem = (row: TaskRow): FeedItem => ({
  ticketId: row.ticket_id,
  seq: null,
  type: 'ticket.task_added',
  at: row.created_at.toISOString(),
  actor: row.author_id,
  data: {
    id: row.id,
    content: row.content,
    state: row.state,
    durationMinutes: row.duration_minutes,
    plannedStart: row.planned_start?.toISOString() ?? null,
    plannedEnd: row.planned_end?.toISOString() ?? null,
  },
});
