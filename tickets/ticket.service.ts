import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { UniqueConstraintError, type Sequelize } from 'sequelize';
import { logger } from '../config/logger';
import { ConflictError, ForbiddenError, IllegalActionError, NotFoundError, ValidationError } from '../core/errors';
import { IdempotencyKeyRow, SupportGroupRow, TicketRow, UserRow } from '../db/models';
import { actionsAllowed } from '../lifecycles/lifecycle-step';
import { latestLifecycleOrFail, lifecycleVersionOrFail, type PublishedLifecycle } from '../lifecycles/lifecycle.repository';
import { SYSTEM_ACTOR } from '../lifecycles/ticket-context';
import { actorOf, isAgent, type CurrentUser } from '../users/user';
import {
  applyActionUpdate,
  FORBIDDEN_ACTION,
  ILLEGAL_ACTION,
  ticketWorkflowId,
  type ApplyActionInput,
} from '../workflows/ticket.contracts';
import { recordNewTicket, requestHashOf } from './ticket-creation.repository';
import { findVisibleTickets, lastEventOf, visibleTicketOrFail } from './ticket.repository';
import { ensureTicketWorkflow } from './ticket-workflow-reconciler';
import type { CreateTicketBody, ListTicketsQuery, TicketView } from './ticket.schemas';
import { positionOf, toTicketView } from './ticket-view';

const ACTION_DEADLINE_MS = 30_000;

export interface TicketServiceDeps {
  sequelize: Sequelize;
  temporal: Client;
}

/** Ticket use cases: every status change goes through the ticket's workflow. */
export function createTicketService({ sequelize, temporal }: TicketServiceDeps) {
  const viewOf = async (row: TicketRow, user: CurrentUser): Promise<TicketView> =>
    toTicketView(row, await lifecycleVersionOrFail(row.lifecycle_key, row.lifecycle_version), actorOf(user));

  async function replayed(user: CurrentUser, body: CreateTicketBody, key: string): Promise<TicketRow | null> {
    const previous = await IdempotencyKeyRow.findOne({ where: { user_id: user.id, key } });
    if (!previous) return null;
    if (previous.request_hash !== requestHashOf(body)) {
      throw new ConflictError('idempotency_key_reused', 'This Idempotency-Key was already used with a different body');
    }
    return TicketRow.findByPk(previous.ticket_id, { rejectOnEmpty: true });
  }

  // Every action reaches the ticket through its workflow's Update. A workflow that cannot record
  // (MariaDB down) keeps retrying; the caller hears back within the deadline.
  async function applyThroughWorkflow(row: TicketRow, input: ApplyActionInput): Promise<void> {
    await ensureTicketWorkflow(temporal, row);
    const handle = temporal.workflow.getHandle(ticketWorkflowId(row.id));
    await temporal.withDeadline(Date.now() + ACTION_DEADLINE_MS, () => handle.executeUpdate(applyActionUpdate, { args: [input] }));
  }

  return {
    /**
     * Files a ticket: the row, its creation event and outbox row commit together, then its
     * workflow starts. Should the process die in between, the reconciler starts the workflow.
     */
    async create(user: CurrentUser, body: CreateTicketBody, idempotencyKey?: string): Promise<TicketView> {
      if (body.requester !== undefined && body.requester !== user.id) {
        if (!isAgent(user)) throw new ForbiddenError('Only the desk may file a ticket on behalf of someone else');
        if (!(await UserRow.findByPk(body.requester))) throw new ValidationError({ requester: `user ${body.requester} does not exist` });
      }
      if (!isAgent(user) && user.profile !== 'requester') throw new ForbiddenError(`A ${user.profile} may not file tickets`);
      const lifecycle = await latestLifecycleOrFail(body.lifecycle ?? body.type).catch((error: unknown) => {
        if (!(error instanceof NotFoundError)) throw error;
        throw new ValidationError({ lifecycle: `no published lifecycle "${body.lifecycle ?? body.type}"` });
      });
      let row = idempotencyKey ? await replayed(user, body, idempotencyKey) : null;
      if (!row) {
        try {
          row = await recordNewTicket(sequelize, user, body, lifecycle, idempotencyKey);
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
      return { items: await Promise.all(page.rows.map((row) => viewOf(row, user))), nextCursor: page.nextCursor };
    },

    async get(user: CurrentUser, id: number): Promise<TicketView> {
      return viewOf(await visibleTicketOrFail(user, id), user);
    },

    /** Applies `action` through the ticket's workflow, which refuses it before anything is written when illegal. */
    async act(user: CurrentUser, id: number, action: string, payload: Record<string, unknown>): Promise<TicketView> {
      const row = await visibleTicketOrFail(user, id);
      const lifecycle = await lifecycleVersionOrFail(row.lifecycle_key, row.lifecycle_version);
      const enriched = await withReferencesChecked(action, payload, row);
      try {
        await applyThroughWorkflow(row, { action, actor: actorOf(user), payload: enriched });
      } catch (error) {
        throw mapWorkflowRefusal(error, action, row, lifecycle, user);
      }
      return viewOf(await row.reload(), user);
    },

    /** A requester's followup on a ticket pending for their answer puts it back to work. */
    async resumeForRequesterAnswer(row: TicketRow): Promise<void> {
      if (row.status !== 'pending') return;
      const pend = await lastEventOf(row.id, 'pend');
      if ((JSON.parse(pend?.data ?? '{}') as { waitingFor?: string }).waitingFor !== 'requester') return;
      try {
        await applyThroughWorkflow(row, { action: 'resume', actor: SYSTEM_ACTOR, payload: { reason: 'requester_answered' } });
      } catch (error) {
        // Someone moved the ticket on meanwhile: the followup stands, there is nothing to resume.
        if (!(error instanceof WorkflowUpdateFailedError)) throw error;
      }
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;

/** Checks the users and groups a payload names, and picks the next level's group for an escalation. */
async function withReferencesChecked(action: string, payload: Record<string, unknown>, row: TicketRow): Promise<Record<string, unknown>> {
  const problems: Record<string, string> = {};
  for (const field of ['assignee', 'validator'] as const) {
    const id = payload[field];
    if (typeof id === 'number' && !(await UserRow.findByPk(id))) problems[field] = `user ${id} does not exist`;
  }
  const group = payload['group'];
  if (typeof group === 'number' && !(await SupportGroupRow.findByPk(group))) problems['group'] = `group ${group} does not exist`;
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
  if (action !== 'escalate' || typeof group === 'number') return payload;
  const next = await SupportGroupRow.findOne({ where: { level: row.level + 1 }, order: [['id', 'ASC']] });
  if (!next) throw new ConflictError('no_next_level', `No support group serves level ${row.level + 1}; name a group to escalate to`);
  return { ...payload, group: next.id };
}

function mapWorkflowRefusal(error: unknown, action: string, row: TicketRow, lifecycle: PublishedLifecycle, user: CurrentUser): unknown {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : null;
  if (cause instanceof ApplicationFailure && (cause.type === ILLEGAL_ACTION || cause.type === FORBIDDEN_ACTION)) {
    const { allowed } = (cause.details?.[0] ?? { allowed: [] }) as { allowed: string[] };
    return cause.type === ILLEGAL_ACTION
      ? new IllegalActionError(action, row.state, allowed)
      : new ForbiddenError(`You may not take "${action}" on this ticket now`, { allowed });
  }
  // A finished workflow (closed ticket) takes no more actions.
  if (error instanceof WorkflowNotFoundError) {
    return new IllegalActionError(action, row.state, actionsAllowed(lifecycle.definition, positionOf(row), actorOf(user)));
  }
  return error;
}
