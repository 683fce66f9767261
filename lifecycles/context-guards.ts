import { groupsOf, techniciansOf, type TicketContext } from './ticket-context';

/** The named guards that read the ticket's context only (the others read the action's payload too). */
export const CONTEXT_GUARDS = {
  hasAssignment: (context: TicketContext): boolean => techniciansOf(context).length > 0 || groupsOf(context).length > 0,
  wasEscalated: (context: TicketContext): boolean => (context.escalatedFrom ?? []).length > 0,
};
