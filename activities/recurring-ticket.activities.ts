import { ApplicationFailure } from '@temporalio/common';
import { ForbiddenError, ValidationError } from '../core/errors';
import { findRecurringTicket, toRecurringDefinition } from '../recurring/recurring-ticket.repository';
import type { TicketService } from '../tickets/ticket.service';
import { currentUserOf } from '../users/current-user.repository';
import { UserRow } from '../users/user.models';

/** The recurring tickets' activity: filing one occurrence's ticket. */
export function createRecurringTicketActivities({ tickets }: { tickets: TicketService }) {
  return {
    /**
     * Files the ticket of the occurrence due at `due`, in the name of whoever set it up, and gives
     * its number; filed once per occurrence, however often this runs. Nothing is filed for a
     * recurring ticket removed or paused since.
     */
    async fileRecurringTicket(recurringId: number, due: string): Promise<number | null> {
      const row = await findRecurringTicket(recurringId);
      if (!row || row.paused) return null;
      const creator = await UserRow.findOne({ where: { id: row.created_by, disabled: false } });
      if (!creator) throw ApplicationFailure.nonRetryable(`recurring ticket ${recurringId}: its author's account is gone or disabled`);
      const { ticket, entity } = toRecurringDefinition(row);
      try {
        const filed = await tickets.create(
          await currentUserOf(creator),
          { ...ticket, entity, source: 'helpdesk' },
          `recurring:${recurringId}:${due}`,
        );
        return filed.id;
      } catch (error) {
        // What the ticket says no longer holds (a category removed, a right withdrawn): trying again would not help.
        if (error instanceof ValidationError || error instanceof ForbiddenError)
          throw ApplicationFailure.nonRetryable(`recurring ticket ${recurringId}: ${error.message}`);
        throw error;
      }
    },
  };
}
