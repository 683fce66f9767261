import { ConflictError, ForbiddenError } from '../core/errors';
import { FollowupRow, TaskRow, type TicketEventRow } from './ticket.models';
import { isAgent, type CurrentUser } from '../users/user';
import { ticketHistory, actingOn, visibleTicketOrFail } from './ticket.repository';
import type { TicketService } from './ticket.service';
import type { CreateFollowupBody, CreateTaskBody, TimelineItem } from './timeline.schemas';
import { createOnce, updateIdOf } from '../idempotency/idempotent-request.repository';
import { createFollowup } from './followup.repository';
import { createTask } from './task.repository';

const followupItem = (row: FollowupRow): TimelineItem => ({
  type: 'followup',
  id: row.id,
  at: row.created_at.toISOString(),
  author: row.author_id,
  content: row.content,
  private: row.private,
});

const taskItem = (row: TaskRow): TimelineItem => ({
  type: 'task',
  id: row.id,
  at: row.created_at.toISOString(),
  author: row.author_id,
  content: row.content,
  durationMinutes: row.duration_minutes,
  state: row.state as 'todo' | 'done',
  plannedStart: row.planned_start?.toISOString() ?? null,
  plannedEnd: row.planned_end?.toISOString() ?? null,
});

/** A recorded event as history shows it. */
export const historyItem = (row: TicketEventRow) => ({
  seq: row.seq,
  at: row.at.toISOString(),
  actor: row.actor_id,
  action: row.action,
  from: row.from_state,
  to: row.to_state,
  data: JSON.parse(row.data) as Record<string, unknown>,
});

const eventItem = (row: TicketEventRow): TimelineItem => ({ type: 'event', ...historyItem(row) });

async function openTicketOrFail(user: CurrentUser, ticketId: number) {
  const ticket = await visibleTicketOrFail(user, ticketId);
  if (ticket.status === 'closed') throw new ConflictError('ticket_closed', `Ticket ${ticketId} is closed: nothing can be added to it`);
  return ticket;
}

/** Followups, tasks and recorded events of a ticket, in one ordered timeline. */
export const createTimelineService = (tickets: Pick<TicketService, 'resumeForRequesterAnswer' | 'planForTask' | 'takeIntoAccount'>) => ({
  /**
   * Adds a followup, once per Idempotency-Key; what it sets off in the ticket's workflow (resuming a
   * ticket pending for its requester, taking it into account) happens once too, on a retry included.
   */
  async addFollowup(user: CurrentUser, ticketId: number, body: CreateFollowupBody, idempotencyKey?: string): Promise<TimelineItem> {
    const ticket = await openTicketOrFail(user, ticketId);
    if (body.private && !isAgent(actingOn(user, ticket))) throw new ForbiddenError('Only the desk writes private followups');
    const scope = { userId: user.id, key: idempotencyKey };
    const row = await createOnce(
      scope,
      (transaction) =>
        createFollowup(
          { ticketId: ticket.id, authorId: user.id, content: body.content, private: body.private, tokenId: user.tokenId },
          transaction,
        ),
      (id) => FollowupRow.findByPk(id),
    );
    if (user.id === ticket.requester_id) await tickets.resumeForRequesterAnswer(ticket, updateIdOf(scope, 'resume'));
    await tickets.takeIntoAccount(user, ticket);
    return followupItem(row);
  },

  /** Adds a task, once per Idempotency-Key; a planned one plans its ticket, once too. */
  async addTask(user: CurrentUser, ticketId: number, body: CreateTaskBody, idempotencyKey?: string): Promise<TimelineItem> {
    const ticket = await openTicketOrFail(user, ticketId);
    if (!isAgent(actingOn(user, ticket))) throw new ForbiddenError('Only the desk adds tasks to a ticket');
    const scope = { userId: user.id, key: idempotencyKey };
    const row = await createOnce(
      scope,
      (transaction) =>
        createTask(
          {
            ticketId: ticket.id,
            authorId: user.id,
            content: body.content,
            durationMinutes: body.durationMinutes ?? null,
            state: body.state,
            plannedStart: body.plannedStart ? new Date(body.plannedStart) : null,
            plannedEnd: body.plannedEnd ? new Date(body.plannedEnd) : null,
            tokenId: user.tokenId,
          },
          transaction,
        ),
      (id) => TaskRow.findByPk(id),
    );
    if (body.plannedStart && body.plannedEnd) {
      await tickets.planForTask(user, ticket, { start: body.plannedStart, end: body.plannedEnd }, updateIdOf(scope, 'plan'));
    }
    return taskItem(row);
  },

  /** Requesters never see private followups. Items of the same instant keep a stable order. */
  async timeline(user: CurrentUser, ticketId: number): Promise<TimelineItem[]> {
    const ticket = await visibleTicketOrFail(user, ticketId);
    const followupWhere = isAgent(actingOn(user, ticket)) ? { ticket_id: ticket.id } : { ticket_id: ticket.id, private: false };
    const [events, followups, tasks] = await Promise.all([
      ticketHistory(ticket.id),
      FollowupRow.findAll({ where: followupWhere, order: [['id', 'ASC']] }),
      TaskRow.findAll({ where: { ticket_id: ticket.id }, order: [['id', 'ASC']] }),
    ]);
    const items = [...events.map(eventItem), ...followups.map(followupItem), ...tasks.map(taskItem)];
    return items.sort((a, b) => a.at.localeCompare(b.at));
  },

  /** The ticket's recorded events, in order. */
  async history(user: CurrentUser, ticketId: number): Promise<ReturnType<typeof historyItem>[]> {
    const ticket = await visibleTicketOrFail(user, ticketId);
    return (await ticketHistory(ticket.id)).map(historyItem);
  },
});
