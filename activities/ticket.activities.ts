import type { Sequelize } from 'sequelize';
import { TicketRow } from '../tickets/ticket.models';
import type { SlaTerms } from '../sla/sla-clock';
import { matchingSlaTerms } from '../sla/sla.repository';
import { nextLevelGroupId } from '../tickets/action-references';
import { recordTicketTransition } from '../tickets/ticket-transition.repository';
import { recordTicketEdit } from '../tickets/ticket-edit.repository';
import { recordNotifications, type NotificationRecord } from '../tickets/notification.repository';
import type { FieldEditRecord, FieldEditResult, RecordedTicket, TransitionRecord } from '../workflows/ticket.contracts';
import { recordingSeconds, slaTimerLatenessSeconds } from '../metrics/metrics';
import { clockEventDueAt } from '../sla/sla-clock';

/** The ticket workflow's activities, built over their dependencies. Each is idempotent. */
// A recording's time, whatever its outcome.
async function timed<T>(kind: 'transition' | 'edit', record: () => Promise<T>): Promise<T> {
  const end = recordingSeconds.startTimer({ kind });
  try {
    return await record();
  } finally {
    end();
  }
}

export function createTicketActivities({ sequelize }: { sequelize: Sequelize }) {
  return {
    /**
     * Writes the projection, the history row and the outbox row of one transition, in one
     * transaction; answers the ticket as recorded when another change already holds its seq.
     */
    recordTransition(record: TransitionRecord): Promise<RecordedTicket | null> {
      const due = clockEventDueAt(record.action, record.payload, record.sla);
      if (due !== null)
        slaTimerLatenessSeconds.observe({ event: record.action }, Math.max(Date.parse(record.at) - Date.parse(due), 0) / 1000);
      return timed('transition', () => recordTicketTransition(sequelize, record));
    },
    /** The support group that serves the level above `level`, if any. */
    nextLevelGroup: nextLevelGroupId,
    /** The terms of the SLA that matches the ticket as it is now, if any. */
    async slaTermsFor(ticketId: number): Promise<SlaTerms | null> {
      const ticket = await TicketRow.findByPk(ticketId, { rejectOnEmpty: true });
      return matchingSlaTerms({ priority: ticket.priority, type: ticket.type, category: ticket.category_id, entity: ticket.entity_id });
    },
    /** Writes an edit of the ticket's fields with its history row (old → new) and outbox row, in one transaction. */
    async recordFieldEdit(record: FieldEditRecord): Promise<FieldEditResult> {
      return timed('edit', () => recordTicketEdit(sequelize, record));
    },
    /** Writes the notifications of a state's `notify` effect; how many users it reached. */
    notify: (record: NotificationRecord): Promise<number> => recordNotifications(record),
  };
}
