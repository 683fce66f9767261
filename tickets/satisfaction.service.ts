import { UniqueConstraintError, type Sequelize } from 'sequelize';
import { systemClock, type Clock } from '../core/clock';
import { DAY_MS } from '../core/durations';
import { ConflictError, ForbiddenError, NotFoundError } from '../core/errors';
import { SatisfactionRow, TicketRow } from './ticket.models';
import type { CanonicalStatus } from '../lifecycles/definition';
import type { CurrentUser } from '../users/user';
import { appendTicketEvent } from './ticket-history.repository';
import { visibleTicketOrFail } from './ticket.repository';
import type { AnswerSatisfactionBody, SatisfactionView } from './satisfaction.schemas';

const toSatisfactionView = (row: SatisfactionRow): SatisfactionView => ({
  ticket: row.ticket_id,
  rating: row.rating,
  comment: row.comment,
  answeredAt: row.answered_at.toISOString(),
});

const alreadyAnswered = () => new ConflictError('survey_answered', 'The satisfaction survey of this ticket was already answered');

/**
 * The satisfaction survey: once a ticket is closed, its requester may rate it (1–5, with a comment)
 * once, within `answerWithinDays`. The answer is a ticket event, so it streams to the warehouse.
 */
export function createSatisfactionService({
  sequelize,
  answerWithinDays,
  clock = systemClock,
}: {
  sequelize: Sequelize;
  answerWithinDays: number;
  clock?: Clock;
}) {
  return {
    async answer(user: CurrentUser, ticketId: number, body: AnswerSatisfactionBody): Promise<SatisfactionView> {
      const ticket = await visibleTicketOrFail(user, ticketId);
      if (ticket.requester_id !== user.id) throw new ForbiddenError("Only the ticket's requester answers its satisfaction survey");
      if (ticket.status !== 'closed' || !ticket.closed_at)
        throw new ConflictError('ticket_not_closed', 'The survey opens when the ticket is closed');
      if (clock().getTime() - ticket.closed_at.getTime() > answerWithinDays * DAY_MS) {
        throw new ConflictError('survey_expired', `The survey closes ${answerWithinDays} days after the ticket`);
      }
      try {
        const row = await sequelize.transaction(async (transaction) => {
          // A closed ticket's workflow has ended: this is the only writer of its next event.
          const locked = await TicketRow.findByPk(ticket.id, { transaction, lock: transaction.LOCK.UPDATE, rejectOnEmpty: true });
          const answeredAt = clock();
          const answer = await SatisfactionRow.create(
            { ticket_id: locked.id, requester_id: user.id, rating: body.rating, comment: body.comment ?? null, answered_at: answeredAt },
            { transaction },
          );
          const seq = locked.seq + 1;
          await locked.update({ seq }, { transaction });
          await appendTicketEvent(
            transaction,
            { ...locked.get(), status: locked.status as CanonicalStatus },
            {
              seq,
              at: answeredAt,
              actorId: user.id,
              tokenId: user.tokenId,
              action: 'satisfaction',
              fromState: locked.state,
              fromStatus: locked.status as CanonicalStatus,
              toState: locked.state,
              data: { rating: body.rating, ...(body.comment ? { comment: body.comment } : {}) },
            },
          );
          return answer;
        });
        return toSatisfactionView(row);
      } catch (error) {
        if (error instanceof UniqueConstraintError) throw alreadyAnswered();
        throw error;
      }
    },

    async get(user: CurrentUser, ticketId: number): Promise<SatisfactionView> {
      const ticket = await visibleTicketOrFail(user, ticketId);
      const row = await SatisfactionRow.findByPk(ticket.id);
      if (!row) throw new NotFoundError(`The satisfaction answer of ticket ${ticketId}`);
      return toSatisfactionView(row);
    },
  };
}

export type SatisfactionService = ReturnType<typeof createSatisfactionService>;
