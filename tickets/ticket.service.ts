import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { UniqueConstraintError, type Sequelize } from 'sequelize';
import { logger } from '../config/logger';
import { ConflictError, ForbiddenError, NotFoundError, StillRecordingError, ValidationError } from '../core/errors';
import { IdempotencyKeyRow, TicketRow } from './ticket.models';
import { UserRow } from '../users/user.models';
import { createArticle } from '../knowledge/kb.repository';
import { matchingSlaTerms, slaTermsOrFail } from '../sla/sla.repository';
import { priorityOf } from './priority-matrix';
import { categoryExistsOrFail, categoryOfOrFail, ticketTemplateOf } from '../organisation/category.repository';
import { missingRequiredFields } from '../organisation/ticket-template';
import { entityChainOf, priorityMatrixOfOrFail } from '../organisation/entity.repository';
import type { CanonicalStatus } from '../lifecycles/definition';
import { actionsAllowed, missingPayloadFields, nextPosition } from '../lifecycles/lifecycle-step';
import { latestLifecycleOrFail, lifecycleVersionOrFail, type PublishedLifecycle } from '../lifecycles/lifecycle.repository';
import { SYSTEM_ACTOR, type Actor, type TicketEvent } from '../lifecycles/ticket-context';
import { can } from '../users/access';
import { actorOf, isAgent, type CurrentUser } from '../users/user';
import {
  applyActionUpdate,
  editFieldsUpdate,
  takeIntoAccountUpdate,
  type ApplyActionInput,
  type EditFieldsInput,
} from '../workflows/ticket.contracts';
import { usersExistOrFail, withReferencesChecked } from './action-references';
import { actorNamesOf } from './ticket-actor-names.repository';
import { assetsToLink, type AssetToLink } from './ticket-asset.repository';
import { assetLinkChanges, linkedAssetsOf } from './ticket-assets';
import { actorsOfTickets } from './ticket-actors.repository';
import { openChildrenOf, unresolvedDuplicatesOf } from './ticket-link.repository';
import { recordNewTicket, requestHashOf, type TicketOrigin, type TicketPlacement } from './ticket-creation.repository';
import { actingOn, countQueues, findVisibleTickets, lastEventOf, rangeOfVisibleTickets, visibleTicketOrFail } from './ticket.repository';
import { updateTicketWorkflow } from '../workflows/ticket-workflow.client';
import { ensureTicketWorkflow } from './ticket-workflow-reconciler';
import { refusalOf } from './workflow-refusal';
import {
  ACTION_PAYLOADS,
  type CreateTicketBody,
  type EditTicketBody,
  type ListTicketsQuery,
  type QueueCounts,
  type TicketActorNames,
  type TicketAssetList,
  type TicketView,
} from './ticket.schemas';
import { factsOf, positionOf, toTicketView } from './ticket-view';
import { updateIdOf } from '../idempotency/idempotent-request.repository';
import { transitionsTotal } from '../metrics/metrics';

export interface TicketServiceDeps {
  sequelize: Sequelize;
  temporal: Client;
}

/** Ticket use cases: every status change goes through the ticket's workflow. */
export function createTicketService({ sequelize, temporal }: TicketServiceDeps) {
  // The actors of a page of tickets come in one query.
  async function viewsOf(rows: TicketRow[], user: CurrentUser): Promise<TicketView[]> {
    const actors = await actorsOfTickets(rows.map((row) => row.id));
    return Promise.all(
      rows.map(async (row) =>
        toTicketView(
          row,
          actors.get(row.id)!,
          await lifecycleVersionOrFail(row.lifecycle_key, row.lifecycle_version),
          actorOf(actingOn(user, row)),
        ),
      ),
    );
  }
  const viewOf = async (row: TicketRow, user: CurrentUser): Promise<TicketView> => (await viewsOf([row], user))[0]!;

  async function replayed(user: CurrentUser, body: CreateTicketBody, key: string): Promise<TicketRow | null> {
    const previous = await IdempotencyKeyRow.findOne({ where: { user_id: user.id, key } });
    if (!previous) return null;
    if (previous.request_hash !== requestHashOf(body)) {
      throw new ConflictError('idempotency_key_reused', 'This Idempotency-Key was already used with a different body');
    }
    return TicketRow.findByPk(previous.ticket_id, { rejectOnEmpty: true });
  }

  // Every change reaches the ticket through one of its workflow's Updates; a ticket whose workflow
  // was never started gets it first.
  async function updateThroughWorkflow<Ret, Arg>(
    row: TicketRow,
    update: UpdateDefinition<Ret, [Arg]>,
    arg: Arg,
    updateId?: string,
  ): Promise<Ret> {
    await ensureTicketWorkflow(temporal, row);
    return updateTicketWorkflow(temporal, row.id, update, arg, updateId);
  }
  // Counted by outcome: done, accepted (still recording when the caller stopped waiting), refused by the workflow, failed.
  async function applyThroughWorkflow(row: TicketRow, input: ApplyActionInput, updateId?: string) {
    const labels = { lifecycle: row.lifecycle_key, action: input.action };
    try {
      const result = await updateThroughWorkflow(row, applyActionUpdate, input, updateId);
      transitionsTotal.inc({ ...labels, outcome: 'done' });
      return result;
    } catch (error) {
      const outcome = error instanceof StillRecordingError ? 'accepted' : error instanceof WorkflowUpdateFailedError ? 'refused' : 'failed';
      transitionsTotal.inc({ ...labels, outcome });
      throw error;
    }
  }

  // Duplicates share the solution of their original; one that cannot take it now keeps its course.
  async function resolveDuplicates(original: TicketRow, actor: Actor, payload: Record<string, unknown>): Promise<void> {
    for (const duplicate of await unresolvedDuplicatesOf(original.id)) {
      const solution = { solution: payload['solution'], duplicateOf: original.id };
      await applyThroughWorkflow(duplicate, { action: 'resolve', actor, payload: solution }).catch((error: unknown) =>
        logger.warn({ err: error, ticketId: duplicate.id, original: original.id }, 'duplicate not resolved with its original'),
      );
    }
  }

  return {
    /**
     * Files a ticket: the row, its creation event and outbox row commit together, then its
     * workflow starts. Should the process die in between, the reconciler starts the workflow.
     */
    async create(user: CurrentUser, body: CreateTicketBody, idempotencyKey?: string, origin?: TicketOrigin): Promise<TicketView> {
      if (body.requester !== undefined && body.requester !== user.id && !isAgent(user)) {
        throw new ForbiddenError('Only the desk may file a ticket on behalf of someone else');
      }
      const placement = await placementOrFail(sequelize, user, body);
      const lifecycle = await latestLifecycleOrFail(body.lifecycle ?? body.type).catch((error: unknown) => {
        if (!(error instanceof NotFoundError)) throw error;
        throw new ValidationError({ lifecycle: `no published lifecycle "${body.lifecycle ?? body.type}"` });
      });
      let row = idempotencyKey ? await replayed(user, body, idempotencyKey) : null;
      if (!row) {
        try {
          row = await recordNewTicket(sequelize, user, body, lifecycle, placement, idempotencyKey, origin);
        } catch (error) {
          // A concurrent request with the same key won the race: answer with its ticket.
          if (!(error instanceof UniqueConstraintError && idempotencyKey)) throw error;
          row = await replayed(user, body, idempotencyKey);
          if (!row) throw error;
        }
      }
      // The ticket is recorded: should Temporal be out of reach, the reconciler starts its workflow later.
      await ensureTicketWorkflow(temporal, row).catch((error: unknown) =>
        logger.warn({ err: error, ticketId: row.id }, 'workflow start deferred to the reconciler'),
      );
      return viewOf(row, user);
    },

    async list(user: CurrentUser, query: ListTicketsQuery): Promise<{ items: TicketView[]; nextCursor: string | null }> {
      const page = await findVisibleTickets(user, query);
      return { items: await viewsOf(page.rows, user), nextCursor: page.nextCursor };
    },

    /** A range of the tickets the caller may see among those `range.where` selects, and how many there are in all. */
    async range(user: CurrentUser, range: Parameters<typeof rangeOfVisibleTickets>[1]): Promise<{ items: TicketView[]; total: number }> {
      const { rows, total } = await rangeOfVisibleTickets(user, range);
      return { items: await viewsOf(rows, user), total };
    },

    queueCounts: (user: CurrentUser): Promise<QueueCounts> => countQueues(user),

    async get(user: CurrentUser, id: number): Promise<TicketView> {
      return viewOf(await visibleTicketOrFail(user, id), user);
    },

    /** The people on the ticket, by name. */
    actors: async (user: CurrentUser, id: number): Promise<TicketActorNames> => actorNamesOf(await visibleTicketOrFail(user, id)),

    /** The assets the ticket concerns, named. */
    async assets(user: CurrentUser, id: number): Promise<TicketAssetList['items']> {
      const row = await visibleTicketOrFail(user, id);
      const linked = await assetsToLink(
        sequelize,
        linkedAssetsOf(row.assets).map((asset) => asset.id),
      );
      return linked.map(({ id: assetId, kind, name, manufacturer, model }) => ({ id: assetId, kind, name, manufacturer, model }));
    },

    /**
     * Applies `action` through the ticket's workflow, which refuses it before anything is written
     * when illegal. `idempotencyKey` makes it the workflow's Update id: applied once however often sent.
     */
    async act(
      caller: CurrentUser,
      id: number,
      action: string,
      payload: Record<string, unknown>,
      idempotencyKey?: string,
    ): Promise<TicketView> {
      const row = await visibleTicketOrFail(caller, id);
      const user = actingOn(caller, row);
      const lifecycle = await lifecycleVersionOrFail(row.lifecycle_key, row.lifecycle_version);
      payloadOfDefinitionOrFail(lifecycle, row, action, payload);
      const enriched = await withReferencesChecked(action, payload, row);
      const event = { type: action, actor: actorOf(user), payload: enriched };
      if (statusAfter(lifecycle, row, event) === 'closed') await noOpenChildrenOrFail(row.id);
      try {
        await applyThroughWorkflow(
          row,
          { action, actor: event.actor, payload: enriched },
          updateIdOf({ userId: caller.id, key: idempotencyKey }),
        );
      } catch (error) {
        const allowedNow = () => actionsAllowed(lifecycle.machine, positionOf(row), actorOf(user), factsOf(row));
        throw refusalOf(error, { kind: 'action', action, state: row.state, allowedNow });
      }
      await row.reload();
      if (row.status === 'resolved' && action === 'resolve') {
        await resolveDuplicates(row, event.actor, enriched);
        if (enriched['toKnowledgeBase'] === true) {
          await createArticle(user.id, { title: row.title, content: String(enriched['solution']), category: row.category_id }, row.id);
        }
      }
      return viewOf(row, user);
    },

    /**
     * Edits a ticket's fields through its workflow, which records every change (old → new) in
     * history. With `expectedVersion` (from If-Match), an edit on a ticket changed since is refused.
     */
    async edit(
      caller: CurrentUser,
      id: number,
      edit: EditTicketBody,
      expectedVersion?: number,
      idempotencyKey?: string,
    ): Promise<TicketView> {
      const row = await visibleTicketOrFail(caller, id);
      const user = actingOn(caller, row);
      if (!isAgent(user)) throw new ForbiddenError("Only the desk edits a ticket's fields; add a followup instead");
      if (row.status === 'closed') throw new ConflictError('ticket_closed', 'A closed ticket can no longer be edited');
      if (typeof edit.category === 'number') await categoryExistsOrFail(edit.category, 'category');
      if (edit.entity !== undefined) deskEntityOrFail(caller, edit.entity);
      for (const field of ['requesters', 'observers'] as const) await usersExistOrFail(edit[field] ?? [], field);
      if (edit.assets) {
        // Assets linked already stay linkable; the ones added must be the requesters' or the desk's.
        const { added } = assetLinkChanges(
          linkedAssetsOf(row.assets).map((asset) => asset.id),
          edit.assets,
        );
        const requesters = [row.requester_id, ...((await actorsOfTickets([row.id])).get(row.id)?.requesters ?? [])];
        await assetsToLinkOrFail(sequelize, caller, added, requesters);
      }
      const input: EditFieldsInput = { actor: actorOf(user), edit, expectedVersion };
      try {
        await updateThroughWorkflow(row, editFieldsUpdate, input, updateIdOf({ userId: caller.id, key: idempotencyKey }));
      } catch (error) {
        throw refusalOf(error, { kind: 'edit', expectedVersion });
      }
      return viewOf(await row.reload(), user);
    },

    /** A planned task makes its ticket `planned`, when the lifecycle allows the caller to plan it now. */
    async planForTask(caller: CurrentUser, row: TicketRow, window: { start: string; end: string }, updateId?: string): Promise<void> {
      const user = actingOn(caller, row);
      const lifecycle = await lifecycleVersionOrFail(row.lifecycle_key, row.lifecycle_version);
      if (!actionsAllowed(lifecycle.machine, positionOf(row), actorOf(user), factsOf(row)).includes('plan')) return;
      try {
        await applyThroughWorkflow(row, { action: 'plan', actor: actorOf(user), payload: window }, updateId);
      } catch (error) {
        // Someone moved the ticket on meanwhile: the task stands, planned or not.
        if (!(error instanceof WorkflowUpdateFailedError)) throw error;
      }
    },

    /** A technician's followup takes the ticket into account, which meets its SLA's time to own. */
    async takeIntoAccount(caller: CurrentUser, row: TicketRow): Promise<void> {
      const user = actingOn(caller, row);
      if (!isAgent(user) || row.taken_into_account_at !== null || row.sla_clocks === null) return;
      await updateThroughWorkflow(row, takeIntoAccountUpdate, actorOf(user))
        // A ticket closed meanwhile has no clock left: the followup stands.
        .catch((error: unknown) => logger.warn({ err: error, ticketId: row.id }, 'taking into account not recorded'));
    },

    /** A requester's followup on a ticket pending for their answer puts it back to work. */
    async resumeForRequesterAnswer(row: TicketRow, updateId?: string): Promise<void> {
      if (row.status !== 'pending') return;
      const pend = await lastEventOf(row.id, 'pend');
      if ((JSON.parse(pend?.data ?? '{}') as { waitingFor?: string }).waitingFor !== 'requester') return;
      try {
        await applyThroughWorkflow(row, { action: 'resume', actor: SYSTEM_ACTOR, payload: { reason: 'requester_answered' } }, updateId);
      } catch (error) {
        // Someone moved the ticket on meanwhile: the followup stands, there is nothing to resume.
        if (!(error instanceof WorkflowUpdateFailedError)) throw error;
      }
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;

/** A ticket moves only to an entity where the caller works tickets. */
function deskEntityOrFail(user: CurrentUser, entity: number): void {
  if (!can(user, 'desk', entity)) {
    throw new ValidationError({ entity: `entity ${entity} is not one where you work tickets` });
  }
}

/**
 * The assets of `ids` (each once), every one either a requester's own or in an entity where the
 * caller works tickets; any other is, for the caller, no asset at all.
 */
async function assetsToLinkOrFail(
  sequelize: Sequelize,
  user: CurrentUser,
  ids: readonly number[],
  requesters: readonly number[],
): Promise<AssetToLink[]> {
  const found = await assetsToLink(sequelize, [...new Set(ids)]);
  for (const id of ids) {
    const asset = found.find((candidate) => candidate.id === id);
    const mayName = asset && ((asset.user_id !== null && requesters.includes(asset.user_id)) || can(user, 'desk', asset.entity_id));
    if (!mayName) throw new ValidationError({ assets: `there is no asset ${id} you may name on this ticket` });
  }
  return found;
}

/** The new ticket's entity (given, else the requester's), its priority matrix, its SLA and its assets, with its references checked. */
async function placementOrFail(sequelize: Sequelize, user: CurrentUser, body: CreateTicketBody): Promise<TicketPlacement> {
  const requester = body.requester === undefined || body.requester === user.id ? null : await UserRow.findByPk(body.requester);
  // Someone outside the entities one works in is, for the caller, nobody.
  if (body.requester !== undefined && body.requester !== user.id && !can(user, 'desk', requester?.entity_id ?? 0)) {
    throw new ValidationError({ requester: `user ${body.requester} does not exist` });
  }
  const entityId = body.entity ?? requester?.entity_id ?? user.entity;
  if (!can(user, 'filers', entityId)) {
    throw new ValidationError({ entity: `entity ${entityId} is not one where you may file tickets` });
  }
  // A category is for the tickets of its entity and the entities below.
  if (body.category !== undefined) await categoryOfOrFail(body.category, await entityChainOf(entityId), 'category');
  // A requester filing for herself in the portal answers what her category's template asks for.
  const forHerself = body.requester === undefined || body.requester === user.id;
  if (body.category !== undefined && forHerself && body.source === 'helpdesk') {
    const template = await ticketTemplateOf(body.category);
    const missing = template ? missingRequiredFields(template, body) : [];
    if (missing.length > 0) throw new ValidationError(Object.fromEntries(missing.map((field) => [field, 'this category asks for it'])));
  }
  const priorityMatrix = await priorityMatrixOfOrFail(entityId, 'entity');
  const slaTerms =
    body.slaPolicy !== undefined
      ? await slaTermsOrFail(body.slaPolicy, 'slaPolicy')
      : await matchingSlaTerms({
          priority: priorityOf(body.urgency, body.impact, priorityMatrix),
          type: body.type,
          category: body.category ?? null,
          entity: entityId,
        });
  const assets = await assetsToLinkOrFail(sequelize, user, body.assets ?? [], [body.requester ?? user.id]);
  return { entityId, priorityMatrix, slaTerms, slaChosenByHand: body.slaPolicy !== undefined, assets };
}

// Actions of the shipped lifecycles have a schema of their own; any other carries the fields its definition names.
function payloadOfDefinitionOrFail(lifecycle: PublishedLifecycle, row: TicketRow, action: string, payload: Record<string, unknown>): void {
  if (Object.hasOwn(ACTION_PAYLOADS, action)) return;
  const missing = missingPayloadFields(lifecycle.definition, positionOf(row), action, payload);
  if (missing.length === 0) return;
  const because = `required by "${action}" in the lifecycle ${lifecycle.key} (version ${lifecycle.version})`;
  throw new ValidationError(Object.fromEntries(missing.map((field) => [field, because])));
}

// The canonical status `event` would lead to, or null when the lifecycle does not take it now.
function statusAfter(lifecycle: PublishedLifecycle, row: TicketRow, event: TicketEvent): CanonicalStatus | null {
  try {
    const next = nextPosition(lifecycle.machine, positionOf(row), { ...event, ticket: factsOf(row) });
    return lifecycle.definition.states[next.state]?.status ?? null;
  } catch {
    return null;
  }
}

async function noOpenChildrenOrFail(ticketId: number): Promise<void> {
  const children = await openChildrenOf(ticketId);
  if (children.length > 0) {
    throw new ConflictError('children_open', `Close the child tickets first: ${children.join(', ')}`, { children });
  }
}
