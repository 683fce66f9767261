import { Transaction, type Sequelize } from 'sequelize';
import { TicketRow } from './ticket.models';
import type { CanonicalStatus } from '../lifecycles/definition';
import { priorityMatrixOfOrFail } from '../organisation/entity.repository';
import type { FieldEditRecord, FieldEditResult } from '../workflows/ticket.contracts';
import { actorsOfTickets, setTicketActors, type TicketActors } from './ticket-actors.repository';
import { appendTicketEvent } from './ticket-history.repository';
import { editTicketFields, type TicketFields } from './ticket-fields';
import { isRecordedAs, recordedTicketOf } from './recorded-ticket.repository';
import { assetsToLink, relinkTicketAssets } from './ticket-asset.repository';
import { assetLinkChanges, linkedAssetsOf, storedLinkedAssets } from './ticket-assets';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

const fieldsOf = (row: TicketRow, actors: TicketActors): TicketFields => ({
  title: row.title,
  description: row.description,
  urgency: row.urgency,
  impact: row.impact,
  priority: row.priority,
  priorityOverridden: row.priority_overridden,
  category: row.category_id,
  entity: row.entity_id,
  source: row.source,
  location: row.location,
  dueAt: iso(row.due_at),
  requesters: actors.requesters,
  observers: actors.observers,
  assets: linkedAssetsOf(row.assets).map((asset) => asset.id),
});

/**
 * Records one edit of a ticket's fields decided by its workflow: the row, a history event naming
 * every changed field (old → new) and its outbox row, in one transaction. An edit that changes
 * nothing records nothing; a retried call with a seq already recorded changes nothing, and one whose
 * seq another change holds writes nothing and answers the ticket as recorded.
 */
export async function recordTicketEdit(sequelize: Sequelize, record: FieldEditRecord): Promise<FieldEditResult> {
  // As for transitions: the ticket's row lock orders its writers, without gap locks.
  return sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED }, async (transaction) => {
    const ticket = await TicketRow.findByPk(record.ticketId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!ticket) throw new Error(`ticket ${record.ticketId} has a workflow but no row`);
    if (ticket.seq >= record.seq) {
      if (await isRecordedAs(transaction, ticket.id, record.seq, { action: 'update', actorId: record.actor.id, toState: ticket.state })) {
        return { recorded: true, priority: ticket.priority };
      }
      return { recorded: false, priority: ticket.priority, ahead: await recordedTicketOf(transaction, ticket) };
    }
    const actors = (await actorsOfTickets([ticket.id], transaction)).get(ticket.id)!;
    const current = fieldsOf(ticket, actors);
    const matrix = await priorityMatrixOfOrFail(record.edit.entity ?? current.entity, 'entity');
    const { next, changes } = editTicketFields(current, record.edit, matrix);
    if (Object.keys(changes).length === 0) return { recorded: false, priority: ticket.priority };
    if (changes.assets) {
      if (record.actor.id === null) throw new Error('only a person links a ticket to assets');
      // An asset removed from the inventory since the edit was asked is left out.
      const linked = await assetsToLink(sequelize, next.assets, transaction);
      next.assets = linked.map((asset) => asset.id);
      const { added, removed } = assetLinkChanges(current.assets, next.assets);
      await relinkTicketAssets(
        sequelize,
        transaction,
        { id: ticket.id, title: next.title },
        { added: linked.filter((asset) => added.includes(asset.id)), removed },
        record.actor.id,
      );
      ticket.set({ assets: storedLinkedAssets(linked) });
    }
    ticket.set({
      title: next.title,
      description: next.description,
      urgency: next.urgency,
      impact: next.impact,
      priority: next.priority,
      priority_overridden: next.priorityOverridden,
      category_id: next.category,
      entity_id: next.entity,
      source: next.source,
      location: next.location,
      due_at: next.dueAt === null ? null : new Date(next.dueAt),
      seq: record.seq,
    });
    await ticket.save({ transaction });
    if (changes.requesters) await setTicketActors(transaction, ticket.id, 'requester', next.requesters);
    if (changes.observers) await setTicketActors(transaction, ticket.id, 'observer', next.observers);
    await appendTicketEvent(
      transaction,
      { ...ticket.get(), status: ticket.status as CanonicalStatus },
      {
        seq: record.seq,
        at: new Date(record.at),
        actorId: record.actor.id,
        action: 'update',
        fromState: ticket.state,
        fromStatus: ticket.status as CanonicalStatus,
        toState: ticket.state,
        data: { changes },
      },
    );
    return { recorded: true, priority: next.priority };
  });
}
