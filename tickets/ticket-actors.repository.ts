import { literal, Op, type Transaction } from 'sequelize';
import { TicketActorRow, type ActorKind } from './ticket.models';

export interface TicketActors {
  technicians: number[];
  groups: number[];
  /** Requesters besides the main one. */
  requesters: number[];
  observers: number[];
}

const KEYS: Record<ActorKind, keyof TicketActors> = {
  technician: 'technicians',
  group: 'groups',
  requester: 'requesters',
  observer: 'observers',
};

/**
 * Makes the ticket's actors of `kind` exactly `ids`, in the caller's transaction, touching only
 * the rows that change: most transitions change nobody, and take no lock here.
 */
export async function setTicketActors(transaction: Transaction, ticketId: number, kind: ActorKind, ids: readonly number[]): Promise<void> {
  const wanted = new Set(ids);
  const present = new Set((await TicketActorRow.findAll({ where: { ticket_id: ticketId, kind }, transaction })).map((row) => row.actor_id));
  const gone = [...present].filter((id) => !wanted.has(id));
  const added = [...wanted].filter((id) => !present.has(id));
  if (gone.length > 0) await TicketActorRow.destroy({ where: { ticket_id: ticketId, kind, actor_id: gone }, transaction });
  if (added.length > 0)
    await TicketActorRow.bulkCreate(
      added.map((actor_id) => ({ ticket_id: ticketId, kind, actor_id })),
      { transaction },
    );
}

/** The actors of each ticket, in one query. */
export async function actorsOfTickets(ticketIds: readonly number[], transaction?: Transaction): Promise<Map<number, TicketActors>> {
  const byTicket = new Map<number, TicketActors>(
    ticketIds.map((id) => [id, { technicians: [], groups: [], requesters: [], observers: [] }]),
  );
  if (ticketIds.length === 0) return byTicket;
  const rows = await TicketActorRow.findAll({
    where: { ticket_id: { [Op.in]: [...ticketIds] } },
    order: [['actor_id', 'ASC']],
    transaction,
  });
  for (const row of rows) byTicket.get(row.ticket_id)?.[KEYS[row.kind]].push(row.actor_id);
  return byTicket;
}

/** A condition on tickets: those held by one of the support groups `userId` is a member of. */
export const withGroupOf = (userId: number) =>
  literal(
    `\`TicketRow\`.\`id\` IN (SELECT ticket_id FROM ticket_actors WHERE kind = 'group' AND actor_id IN (SELECT group_id FROM group_members WHERE user_id = ${Math.trunc(userId)}))`,
  );

/** A condition on tickets: those where `actorId` is one of the actors of `kinds`. */
export const withActor = (kinds: readonly ActorKind[], actorId: number) =>
  literal(
    `\`TicketRow\`.\`id\` IN (SELECT ticket_id FROM ticket_actors WHERE actor_id = ${Math.trunc(actorId)} AND kind IN (${kinds.map((k) => `'${k}'`).join(', ')}))`,
  );
