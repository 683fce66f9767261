import { Op, type WhereOptions } from 'sequelize';
import { TicketEventRow, TicketRow } from './ticket.models';
import { NotFoundError } from '../core/errors';
import { categoryWithChildrenOrFail } from '../organisation/category.repository';
import { entityWithChildrenOrFail } from '../organisation/entity.repository';
import { entitiesWhere } from '../users/access';
import { userIn, type CurrentUser } from '../users/user';
import { withActor, withGroupOf } from './ticket-actors.repository';
import { concerningAsset } from './ticket-asset.repository';
import { decodeCursorOrFail, encodeCursor, sortOrder } from './ticket-list-order';
import { readTicketPage } from './ticket-page.repository';
import { TicketQueue, type ListTicketsQuery, type QueueCounts } from './ticket.schemas';

// In the entities where they work or read tickets, users see them all; anywhere, they see the
// tickets they filed or are named on (as requester or observer).
function visibleTo(user: CurrentUser): WhereOptions<TicketRow> {
  const own = [{ requester_id: user.id }, withActor(['requester', 'observer'], user.id)];
  const entities = entitiesWhere(user, 'readers');
  return { [Op.or]: entities.length > 0 ? [{ entity_id: entities }, ...own] : own };
}

/** The user as they act on `ticket`: with the profile they hold in its entity, else as one of its requesters. */
export const actingOn = (user: CurrentUser, ticket: TicketRow): CurrentUser =>
  userIn(user, ticket.entity_id) ?? { ...user, profile: 'requester' };

/** A ticket the user may see; any other id is "not found", so ids cannot be probed. */
export async function visibleTicketOrFail(user: CurrentUser, id: number): Promise<TicketRow> {
  const row = await TicketRow.findOne({ where: { [Op.and]: [visibleTo(user), { id }] } });
  if (!row) throw new NotFoundError(`Ticket ${id}`);
  return row;
}

/** Which of the tickets `ids` the user may see. */
export async function visibleTicketIds(user: CurrentUser, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await TicketRow.findAll({ where: { [Op.and]: [visibleTo(user), { id: ids }] }, attributes: ['id'] });
  return rows.map((row) => row.id);
}

const OPEN = { [Op.notIn]: ['resolved', 'closed'] };
const AT_RISK_MS = 4 * 3_600_000;

/** The technician's saved views: the tickets each one holds. */
function queueFilter(user: CurrentUser, queue: TicketQueue): WhereOptions<TicketRow> {
  switch (queue) {
    case 'mine':
      return { [Op.and]: [withActor(['technician'], user.id), { status: OPEN }] };
    case 'my_groups':
      return { [Op.and]: [withGroupOf(user.id), { status: OPEN }] };
    case 'unassigned':
      return { status: 'new', assignee_id: null, group_id: null };
    case 'waiting':
      return { status: 'pending', [Op.or]: [withActor(['technician'], user.id), withGroupOf(user.id)] };
    case 'sla_at_risk':
      return { status: OPEN, [Op.or]: [{ sla_breached: true }, { ttr_due: { [Op.lt]: new Date(Date.now() + AT_RISK_MS) } }] };
  }
}

/** How many open tickets each saved view holds for the user. */
export async function countQueues(user: CurrentUser): Promise<QueueCounts> {
  const counts = await Promise.all(
    TicketQueue.options.map(async (queue) => [
      queue,
      await TicketRow.count({ where: { [Op.and]: [visibleTo(user), queueFilter(user, queue)] } }),
    ]),
  );
  return Object.fromEntries(counts) as QueueCounts;
}

// Plain equalities (they may drive the page's index walk) and the other conditions.
async function filtersOf(user: CurrentUser, query: ListTicketsQuery) {
  const equalities: Partial<Record<keyof TicketRow, unknown>> = {
    ...(query.status && { status: query.status }),
    ...(query.priority && { priority: query.priority }),
    ...(query.level && { level: query.level }),
    ...(query.slaBreached !== undefined && { sla_breached: query.slaBreached }),
  };
  const conditions: WhereOptions<TicketRow>[] = [visibleTo(user), equalities as WhereOptions<TicketRow>];
  if (query.assignee) conditions.push(withActor(['technician'], query.assignee));
  if (query.group) conditions.push(withActor(['group'], query.group));
  if (query.requester) conditions.push({ [Op.or]: [{ requester_id: query.requester }, withActor(['requester'], query.requester)] });
  if (query.queue) conditions.push(queueFilter(user, query.queue));
  if (query.externalRef) conditions.push({ external_ref: query.externalRef });
  if (query.asset) conditions.push(concerningAsset(query.asset));
  if (query.category) conditions.push({ category_id: await categoryWithChildrenOrFail(query.category, 'category') });
  if (query.entity) conditions.push({ entity_id: await entityWithChildrenOrFail(query.entity, 'entity') });
  return { equalities, conditions };
}

/** One page of the tickets the user may see, in the asked order, keyset-paged (no OFFSET, so page 100 costs what page 1 does). */
export async function findVisibleTickets(
  user: CurrentUser,
  query: ListTicketsQuery,
): Promise<{ rows: TicketRow[]; nextCursor: string | null }> {
  const { equalities, conditions } = await filtersOf(user, query);
  const { column, descending } = sortOrder(query.sort);
  const after = descending ? Op.lt : Op.gt;
  if (query.cursor) {
    const last = decodeCursorOrFail(query.cursor);
    conditions.push(
      column === 'id'
        ? { id: { [after]: last.id } }
        : { [Op.or]: [{ [column]: { [after]: last.key } }, { [column]: last.key, id: { [after]: last.id } }] },
    );
  }
  const direction = descending ? 'DESC' : 'ASC';
  const rows = await readTicketPage({
    filters: conditions,
    equalities,
    q: query.q,
    column,
    order:
      column === 'id'
        ? [['id', direction]]
        : [
            [column, direction],
            ['id', direction],
          ],
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last[column], id: last.id }) : null };
}

/** A range of the tickets the user may see among those `where` selects, in `order`, with how many there are in all. */
export async function rangeOfVisibleTickets(
  user: CurrentUser,
  range: { where: WhereOptions<TicketRow>; order: [string, 'ASC' | 'DESC'][]; offset: number; limit: number },
): Promise<{ rows: TicketRow[]; total: number }> {
  const where = { [Op.and]: [visibleTo(user), range.where] };
  const [rows, total] = await Promise.all([
    TicketRow.findAll({ where, order: [...range.order, ['id', 'ASC']], offset: range.offset, limit: range.limit }),
    TicketRow.count({ where }),
  ]);
  return { rows, total };
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

/** Tickets not closed, by id after `afterId`, at most `limit`. */
export const openTicketsAfter = (afterId: number, limit: number): Promise<TicketRow[]> =>
  TicketRow.findAll({ where: { id: { [Op.gt]: afterId }, status: { [Op.ne]: 'closed' } }, order: [['id', 'ASC']], limit });

export const markWorkflowStarted = (ticketId: number): Promise<unknown> =>
  TicketRow.update({ workflow_started_at: new Date() }, { where: { id: ticketId, workflow_started_at: null } });
