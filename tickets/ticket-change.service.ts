import type { CurrentUser } from '../users/user';
import type { TicketChange } from './ticket-change-feed';
import { visibleTicketIds } from './ticket.repository';

/** What changed on one ticket in a batch of changes, and when it last did. */
export interface TicketChanged {
  ticket: number;
  kinds: TicketChange['kind'][];
  at: string;
}

/** The changes the user may see, one summary per ticket: a ticket they may not see is never named to them. */
export async function changesSeenBy(user: CurrentUser, changes: TicketChange[]): Promise<TicketChanged[]> {
  const visible = new Set(await visibleTicketIds(user, [...new Set(changes.map((change) => change.ticket))]));
  const byTicket = new Map<number, TicketChange[]>();
  for (const change of changes)
    if (visible.has(change.ticket)) byTicket.set(change.ticket, [...(byTicket.get(change.ticket) ?? []), change]);
  return [...byTicket].map(([ticket, ofTicket]) => ({
    ticket,
    kinds: [...new Set(ofTicket.map((change) => change.kind))],
    at: ofTicket.at(-1)!.at,
  }));
}
