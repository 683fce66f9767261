import { sha256Hex } from '../core/sha256';
import type { Sequelize } from 'sequelize';
import { IdempotencyKeyRow, TicketRow } from './ticket.models';
import { startPosition } from '../lifecycles/lifecycle-step';
import type { PublishedLifecycle } from '../lifecycles/lifecycle.repository';
import type { CurrentUser } from '../users/user';
import { startClocks, type SlaTerms } from '../sla/sla-clock';
import { priorityOf, type PriorityMatrix } from './priority-matrix';
import { appendTicketEvent } from './ticket-history.repository';
import { setTicketActors } from './ticket-actors.repository';
import { assignment } from '../lifecycles/ticket-context';
import type { CreateTicketBody } from './ticket.schemas';
import { relinkTicketAssets, type AssetToLink } from './ticket-asset.repository';
import { storedLinkedAssets } from './ticket-assets';

/** Where a new ticket belongs, resolved and checked before it is recorded. */
export interface TicketPlacement {
  entityId: number;
  priorityMatrix: PriorityMatrix;
  /** The SLA the ticket is held to, chosen by hand or by matching; null when none applies. */
  slaTerms: SlaTerms | null;
  slaChosenByHand: boolean;
  /** The assets it concerns, checked as the caller's to name. */
  assets: AssetToLink[];
}

/** Fingerprint of a create request, to tell a replay from a reuse of its Idempotency-Key. */
export const requestHashOf = (body: CreateTicketBody): string => sha256Hex(JSON.stringify(body));

/**
 * Step one of filing a ticket: the row, its creation event and its outbox row, in one
 * transaction (with the Idempotency-Key, when given). Step two starts its workflow.
 */
/**
 * How a ticket filed from an e-mail starts: the message it came from (recorded with its creation so
 * that replies to it thread back), the people in copy as observers, and the support group whose
 * queue its mailbox's rules route it to.
 */
export interface TicketOrigin {
  messageId?: string;
  observers?: number[];
  group?: number;
}

export async function recordNewTicket(
  sequelize: Sequelize,
  user: CurrentUser,
  body: CreateTicketBody,
  lifecycle: PublishedLifecycle,
  placement: TicketPlacement,
  key?: string,
  origin?: TicketOrigin,
): Promise<TicketRow> {
  return sequelize.transaction(async (transaction) => {
    const requester = body.requester ?? user.id;
    const priority = priorityOf(body.urgency, body.impact, placement.priorityMatrix);
    const groups = origin?.group === undefined ? [] : [origin.group];
    const position = startPosition(lifecycle.machine, { requester, level: 1, validator: null, ...assignment([], groups) });
    const openedAt = new Date();
    const clocks = placement.slaTerms && startClocks(placement.slaTerms, openedAt, placement.slaChosenByHand);
    const row = await TicketRow.create(
      {
        title: body.title,
        description: body.description,
        type: body.type,
        status: lifecycle.definition.states[position.state]!.status,
        state: position.state,
        lifecycle_key: lifecycle.key,
        lifecycle_version: lifecycle.version,
        context: JSON.stringify(position.context),
        urgency: body.urgency,
        impact: body.impact,
        priority,
        category_id: body.category ?? null,
        entity_id: placement.entityId,
        due_at: body.dueAt ? new Date(body.dueAt) : null,
        priority_overridden: false,
        sla_id: clocks?.slaId ?? null,
        sla_clocks: clocks && JSON.stringify(clocks),
        tto_due: clocks && new Date(clocks.tto.due),
        ttr_due: clocks && new Date(clocks.ttr.due!),
        requester_id: requester,
        assignee_id: null,
        group_id: groups[0] ?? null,
        level: 1,
        source: body.source,
        location: body.location ?? null,
        seq: 1,
        opened_at: openedAt,
        taken_into_account_at: null,
        resolved_at: null,
        closed_at: null,
        workflow_started_at: null,
        created_by: user.id,
        assets: storedLinkedAssets(placement.assets),
      },
      { transaction },
    );
    await appendTicketEvent(
      transaction,
      { ...row.get(), status: row.status as 'new' },
      {
        seq: 1,
        at: openedAt,
        actorId: user.id,
        tokenId: user.tokenId,
        action: 'create',
        fromState: null,
        fromStatus: null,
        toState: position.state,
        data: { ...body, priority, ...origin },
      },
    );
    if (placement.assets.length > 0) {
      await relinkTicketAssets(sequelize, transaction, row, { added: placement.assets, removed: [] }, user.id);
    }
    if (groups.length > 0) await setTicketActors(transaction, row.id, 'group', groups);
    if (origin?.observers?.length) await setTicketActors(transaction, row.id, 'observer', origin.observers);
    if (key) {
      await IdempotencyKeyRow.create(
        {
          user_id: user.id,
          key,
          request_hash: requestHashOf(body),
          ticket_id: row.id,
          created_at: openedAt,
        },
        { transaction },
      );
    }
    return row;
  });
}
