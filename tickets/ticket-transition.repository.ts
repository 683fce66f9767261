import { Transaction, type Sequelize } from 'sequelize';
import { TicketRow } from './ticket.models';
import type { CanonicalStatus } from '../lifecycles/definition';
import type { RecordedTicket, TransitionRecord } from '../workflows/ticket.contracts';
import { isRecordedAs, recordedTicketOf } from './recorded-ticket.repository';
import { groupsOf, techniciansOf, type TicketContext } from '../lifecycles/ticket-context';
import { setTicketActors } from './ticket-actors.repository';
import { appendTicketEvent } from './ticket-history.repository';

/**
 * Records one transition decided by the ticket's workflow: the projection, the history row and
 * the outbox row in one transaction. A retried call with a seq already recorded changes nothing;
 * when another change holds that seq, nothing is written and the ticket as recorded is answered.
 */
export async function recordTicketTransition(sequelize: Sequelize, record: TransitionRecord): Promise<RecordedTicket | null> {
  // The ticket's row lock orders its writers; READ COMMITTED spares the gap locks that made
  // transitions of neighbouring tickets deadlock on their actor rows.
  return sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED }, async (transaction) => {
    const ticket = await TicketRow.findByPk(record.ticketId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!ticket) throw new Error(`ticket ${record.ticketId} has a workflow but no row`);
    if (ticket.seq >= record.seq) {
      const retried = await isRecordedAs(transaction, ticket.id, record.seq, {
        action: record.action,
        actorId: record.actor.id,
        toState: record.to.state,
      });
      return retried ? null : recordedTicketOf(transaction, ticket);
    }
    const at = new Date(record.at);
    const { context } = record.to;
    const fromStatus = ticket.status as CanonicalStatus;
    const before = JSON.parse(ticket.context) as TicketContext;
    const held = context.assignee !== null || context.group !== null || record.action === 'taken_into_account';
    ticket.set({
      state: record.to.state,
      status: record.toStatus,
      context: JSON.stringify(context),
      assignee_id: context.assignee,
      group_id: context.group,
      level: context.level,
      seq: record.seq,
      // A refused solution reopens the ticket: the reopen rate counts these.
      reopen_count: ticket.reopen_count + (record.action === 'refuse_solution' ? 1 : 0),
      escalation_count: ticket.escalation_count + (record.action === 'escalate' ? 1 : 0),
      assignment_count: ticket.assignment_count + (record.action === 'assign' ? 1 : 0),
      taken_into_account_at: ticket.taken_into_account_at ?? (held ? at : null),
      resolved_at: resolvedAt(record.toStatus, ticket.resolved_at, at),
      closed_at: record.toStatus === 'closed' ? at : null,
      ...(record.lifecycleVersion !== undefined && { lifecycle_version: record.lifecycleVersion }),
    });
    if (record.sla) {
      ticket.set({
        sla_clocks: JSON.stringify(record.sla),
        tto_due: new Date(record.sla.tto.due),
        ttr_due: record.sla.ttr.due === null ? null : new Date(record.sla.ttr.due),
        sla_breached: record.sla.tto.breached || record.sla.ttr.breached,
      });
    }
    await ticket.save({ transaction });
    // The actor rows follow the context: most transitions leave its people as they were.
    for (const [kind, of] of [
      ['technician', techniciansOf],
      ['group', groupsOf],
    ] as const) {
      if (!sameMembers(of(before), of(context))) await setTicketActors(transaction, ticket.id, kind, of(context));
    }
    await appendTicketEvent(
      transaction,
      { ...ticket.get(), status: record.toStatus },
      {
        seq: record.seq,
        at,
        actorId: record.actor.id,
        tokenId: record.actor.tokenId ?? null,
        action: record.action,
        fromState: record.from.state,
        fromStatus,
        toState: record.to.state,
        data: record.payload,
      },
    );
    return null;
  });
}

// A closed ticket keeps the time it was resolved; a reopened one loses it.
function resolvedAt(status: CanonicalStatus, previous: Date | null, at: Date): Date | null {
  if (status === 'resolved') return at;
  if (status === 'closed') return previous ?? at;
  return null;
}

const sameMembers = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((id) => b.includes(id));
