import { Op, type WhereOptions } from 'sequelize';
import { TicketEventRow, TicketRow } from '../db/models';
import { NotFoundError } from '../core/errors';
import { isAgent, type CurrentUser } from '../users/user';
import type { ListTicketsQuery } from './ticket.schemas';

// Requesters see the tickets they filed; the desk's agents, managers and owners see all.
const visibleTo = (user: CurrentUser): WhereOptions<TicketRow> =>
  isAgent(user) || user.profile === 'manager' || user.profile === 'owner' ? {} : { requester_id: user.id };

/** A ticket the user may see; any other id is "not found", so ids cannot be probed. */
export async function visibleTicketOrFail(user: CurrentUser, id: number): Promise<TicketRow> {
  const row = await TicketRow.findOne({ where: { ...visibleTo(user), id } });
  if (!row) throw new NotFoundError(`Ticket ${id}`);
  return row;
}

/** One page of the tickets the user may see, newest first, keyset-paged on id. */
export async function findVisibleTickets(
  user: CurrentUser,
  query: ListTicketsQuery,
): Promise<{ rows: TicketRow[]; nextCursor: string | null }> {
  const where: WhereOptions<TicketRow>[] = [visibleTo(user)];
  if (query.status) where.push({ status: query.status });
  if (query.priority) where.push({ priority: query.priority });
  if (query.assignee) where.push({ assignee_id: query.assignee });
  if (query.group) where.push({ group_id: query.group });
  if (query.requester) where.push({ requester_id: query.requester });
  if (query.category) where.push({ category: query.category });
  if (query.q) where.push({ title: { [Op.like]: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` } });
  if (query.cursor) where.push({ id: { [Op.lt]: Number(query.cursor) } });
  const rows = await TicketRow.findAll({ where: { [Op.and]: where }, order: [['id', 'DESC']], limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { rows: page, nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null };
}

/** The ticket's latest recorded event of `action`, if any. */
export const lastEventOf = (ticketId: number, action: string): Promise<TicketEventRow | null> =>
  TicketEventRow.findOne({ where: { ticket_id: ticketId, action }, order: [['seq', 'DESC']] });

export const ticketHistory = (ticketId: number): Promise<TicketEventRow[]> =>
  TicketEventRow.findAll({ where: { ticket_id: ticketId }, order: [['seq', 'ASC']] });

/** Tickets whose workflow has not been confirmed started for `olderThanSeconds`. */
export const ticketsWithoutWorkflow = (olderThanSeconds: number, limit: number): Promise<TicketRow[]> =>
  TicketRow.findAll({
    where: { workflow_started_at: null, createdAt: { [Op.lt]: new Date(Date.now() - olderThanSeconds * 1000) } },
    order: [['id', 'ASC']],
    limit,
  });

export const markWorkflowStarted = (ticketId: number): Promise<unknown> =>
  TicketRow.update({ workflow_started_at: new Date() }, { where: { id: ticketId, workflow_started_at: null } });
