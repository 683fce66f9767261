import { Op, UniqueConstraintError } from 'sequelize';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors';
import { TicketLinkRow } from './ticket.models';
import { isAgent, type CurrentUser } from '../users/user';
import { ancestorsOf, linksOf } from './ticket-link.repository';
import { linkSeenFrom, storedLink, type CreateLinkBody, type LinkView, type StoredLinkKind } from './ticket-link.schemas';
import { actingOn, visibleTicketOrFail } from './ticket.repository';
import { createdBefore, createOnce } from '../idempotency/idempotent-request.repository';

const toLinkView = (ticketId: number, row: TicketLinkRow): LinkView => ({
  ...linkSeenFrom(ticketId, { from: row.from_ticket_id, to: row.to_ticket_id, kind: row.kind as StoredLinkKind }),
  createdAt: row.created_at.toISOString(),
});

/** Links between tickets: related, duplicate of, parent of. */
export const ticketLinkService = {
  /** Links two tickets, once per Idempotency-Key: a retry gets the link the first try made. */
  async link(user: CurrentUser, ticketId: number, body: CreateLinkBody, idempotencyKey?: string): Promise<LinkView> {
    const ticket = await visibleTicketOrFail(user, ticketId);
    if (!isAgent(actingOn(user, ticket))) throw new ForbiddenError('Only the desk links tickets');
    const scope = { userId: user.id, key: idempotencyKey };
    const findLink = (id: number) => TicketLinkRow.findByPk(id);
    const earlier = await createdBefore(scope, findLink);
    if (earlier) return toLinkView(ticket.id, earlier);
    if (body.ticket === ticket.id) throw new ValidationError({ ticket: 'a ticket cannot be linked to itself' });
    // A ticket the caller may not see does not exist for them.
    await visibleTicketOrFail(user, body.ticket).catch(() => {
      throw new ValidationError({ ticket: `ticket ${body.ticket} does not exist` });
    });
    const { from, to, kind } = storedLink(ticket.id, body);
    if (kind === 'parent_of' && (await ancestorsOf(from)).includes(to)) {
      throw new ConflictError('link_cycle', `Ticket ${to} is already above ${from}: a ticket cannot be its own ancestor`);
    }
    if (kind !== 'related' && (await TicketLinkRow.findOne({ where: { from_ticket_id: to, to_ticket_id: from, kind } }))) {
      throw new ConflictError('link_cycle', `Ticket ${to} is already linked the other way`);
    }
    if (kind === 'parent_of' && (await TicketLinkRow.findOne({ where: { to_ticket_id: to, kind } }))) {
      throw new ConflictError('link_exists', `Ticket ${to} already has a parent`);
    }
    try {
      const row = await createOnce(
        scope,
        (transaction) =>
          TicketLinkRow.create(
            { from_ticket_id: from, to_ticket_id: to, kind, created_by: user.id, created_at: new Date() },
            { transaction },
          ),
        findLink,
      );
      return toLinkView(ticket.id, row);
    } catch (error) {
      if (error instanceof UniqueConstraintError) throw new ConflictError('link_exists', 'These tickets are already linked so');
      throw error;
    }
  },

  /** Removes every link between the two tickets; how many there were. */
  async unlink(user: CurrentUser, ticketId: number, otherId: number): Promise<{ removed: number }> {
    const ticket = await visibleTicketOrFail(user, ticketId);
    if (!isAgent(actingOn(user, ticket))) throw new ForbiddenError('Only the desk unlinks tickets');
    const removed = await TicketLinkRow.destroy({
      where: {
        [Op.or]: [
          { from_ticket_id: ticket.id, to_ticket_id: otherId },
          { from_ticket_id: otherId, to_ticket_id: ticket.id },
        ],
      },
    });
    if (removed === 0) throw new NotFoundError(`A link between tickets ${ticket.id} and ${otherId}`);
    return { removed };
  },

  async links(user: CurrentUser, ticketId: number): Promise<LinkView[]> {
    const ticket = await visibleTicketOrFail(user, ticketId);
    return (await linksOf(ticket.id)).map((row) => toLinkView(ticket.id, row));
  },
};
