import type { Sequelize } from 'sequelize';
import { recordTicketTransition } from '../tickets/ticket-transition.repository';
import type { TransitionRecord } from '../workflows/ticket.contracts';

/** The ticket workflow's activities, built over their dependencies. Each is idempotent. */
export function createTicketActivities({ sequelize }: { sequelize: Sequelize }) {
  return {
    /** Writes the projection, the history row and the outbox row of one transition, in one transaction. */
    async recordTransition(record: TransitionRecord): Promise<void> {
      await recordTicketTransition(sequelize, record);
    },
  };
}
