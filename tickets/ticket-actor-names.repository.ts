import { SupportGroupRow } from '../organisation/organisation.models';
import { UserRow } from '../users/user.models';
import { type TicketRow } from './ticket.models';
import { actorsOfTickets } from './ticket-actors.repository';
import { firstThen } from './ticket-view';
import type { TicketActorNames } from './ticket.schemas';

/** Who is on the ticket, by name: its requesters, observers, technicians and groups. */
export async function actorNamesOf(ticket: TicketRow): Promise<TicketActorNames> {
  const actors = (await actorsOfTickets([ticket.id])).get(ticket.id)!;
  const requesters = firstThen(ticket.requester_id, actors.requesters);
  const technicians = firstThen(ticket.assignee_id, actors.technicians);
  const groups = firstThen(ticket.group_id, actors.groups);
  const people = [...new Set([...requesters, ...actors.observers, ...technicians])];
  const [users, teams] = await Promise.all([
    people.length ? UserRow.findAll({ where: { id: people }, attributes: ['id', 'name'] }) : [],
    groups.length ? SupportGroupRow.findAll({ where: { id: groups }, attributes: ['id', 'name', 'level'] }) : [],
  ]);
  const userNames = new Map(users.map((user) => [user.id, user.name]));
  const named = (ids: number[]) => ids.map((id) => ({ id, name: userNames.get(id) ?? `#${id}` }));
  const groupOf = new Map(teams.map((group) => [group.id, group]));
  return {
    requesters: named(requesters),
    observers: named(actors.observers),
    technicians: named(technicians),
    groups: groups.map((id) => ({ id, name: groupOf.get(id)?.name ?? `#${id}`, level: groupOf.get(id)?.level ?? null })),
  };
}
