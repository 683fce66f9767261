import { Op } from 'sequelize';
import { TicketLinkRow, TicketRow } from './ticket.models';
import type { StoredLinkKind } from './ticket-link.schemas';

/** Every link touching `ticketId`, either way, oldest first. */
export const linksOf = (ticketId: number): Promise<TicketLinkRow[]> =>
  TicketLinkRow.findAll({ where: { [Op.or]: [{ from_ticket_id: ticketId }, { to_ticket_id: ticketId }] }, order: [['id', 'ASC']] });

async function linkedTickets(where: object, kind: StoredLinkKind, side: 'from_ticket_id' | 'to_ticket_id'): Promise<number[]> {
  const links = await TicketLinkRow.findAll({ where: { ...where, kind } });
  return links.map((link) => link[side]);
}

/** The children of `ticketId` that are not closed: while any is open, the parent cannot close. */
export async function openChildrenOf(ticketId: number): Promise<number[]> {
  const children = await linkedTickets({ from_ticket_id: ticketId }, 'parent_of', 'to_ticket_id');
  if (children.length === 0) return [];
  const open = await TicketRow.findAll({
    attributes: ['id'],
    where: { id: children, status: { [Op.ne]: 'closed' } },
    order: [['id', 'ASC']],
  });
  return open.map((row) => row.id);
}

/** The tickets marked as duplicates of `ticketId` that are still being worked: they share its solution. */
export async function unresolvedDuplicatesOf(ticketId: number): Promise<TicketRow[]> {
  const duplicates = await linkedTickets({ to_ticket_id: ticketId }, 'duplicate_of', 'from_ticket_id');
  if (duplicates.length === 0) return [];
  return TicketRow.findAll({ where: { id: duplicates, status: { [Op.notIn]: ['resolved', 'closed'] } }, order: [['id', 'ASC']] });
}

/** The parents above `ticketId`, nearest first (a chain, since cycles are refused). */
export async function ancestorsOf(ticketId: number): Promise<number[]> {
  const found: number[] = [];
  for (let current = ticketId; ;) {
    const parent = await TicketLinkRow.findOne({ where: { to_ticket_id: current, kind: 'parent_of' } });
    if (!parent || found.includes(parent.from_ticket_id)) return found;
    found.push(parent.from_ticket_id);
    current = parent.from_ticket_id;
  }
}
