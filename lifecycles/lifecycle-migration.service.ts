import type { Client } from '@temporalio/client';
import { Op } from 'sequelize';
import { logger } from '../config/logger';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import { LifecycleMigrationRow } from './lifecycle.models';
import { TicketRow } from '../tickets/ticket.models';
import { ensureTicketWorkflow } from '../tickets/ticket-workflow-reconciler';
import { actorOf, type CurrentUser } from '../users/user';
import { updateTicketWorkflow } from '../workflows/ticket-workflow.client';
import { migrateLifecycleUpdate } from '../workflows/ticket.contracts';
import { planMigration, type MigrationPlan, type StateMapping } from './lifecycle-migration';
import { lifecycleVersionOrFail, runningTicketsByState, type PublishedLifecycle } from './lifecycle.repository';

export interface MigrationRequest {
  fromVersion: number;
  toVersion: number;
  mapping: StateMapping;
}

export interface MigrationView {
  id: number;
  key: string;
  fromVersion: number;
  toVersion: number;
  mapping: StateMapping;
  status: 'running' | 'done' | 'failed';
  total: number;
  moved: number;
  failed: number;
  failures: { ticket: number; reason: string }[];
}

/** Tickets moved at once; each move is one Update of the ticket's workflow, which records it. */
const CONCURRENT_MOVES = 8;
const BATCH = 200;
/** Failures kept for the process owner to read; the count has them all. */
const FAILURES_KEPT = 100;
/** A running migration not heard from for this long was interrupted (its process stopped). */
const STALE_AFTER_MS = 60_000;

const viewOf = (row: LifecycleMigrationRow): MigrationView => ({
  id: row.id,
  key: row.key,
  fromVersion: row.from_version,
  toVersion: row.to_version,
  mapping: JSON.parse(row.mapping) as StateMapping,
  status: row.status,
  total: row.total,
  moved: row.moved,
  failed: row.failed,
  failures: JSON.parse(row.failures) as MigrationView['failures'],
});

const reasonOf = (error: unknown): string => {
  const cause = (error as { cause?: { message?: string } }).cause;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
};

/**
 * Moves running tickets from one version of a lifecycle to another: each ticket through its own
 * workflow (which records the move in its history), in the background, with progress kept in
 * MariaDB. A dry run says how many tickets would move where and writes nothing.
 */
export function createLifecycleMigrationService({ temporal }: { temporal: Client }) {
  async function planOrFail(key: string, request: MigrationRequest) {
    if (request.fromVersion === request.toVersion) throw new ValidationError({ toVersion: 'migrate to another version than fromVersion' });
    const [from, to] = await Promise.all([
      lifecycleVersionOrFail(key, request.fromVersion),
      lifecycleVersionOrFail(key, request.toVersion),
    ]);
    const running = await runningTicketsByState(key, from.version, from.definition);
    const plan = planMigration(from.definition, to.definition, request.mapping, running);
    if (Object.keys(plan.problems).length > 0) throw new ValidationError(plan.problems);
    return { from, to, plan, tickets: plan.moves.reduce((n, move) => n + move.count, 0) };
  }

  // One running migration per lifecycle; one whose process stopped is marked failed and may be started again.
  async function refuseIfRunning(key: string): Promise<void> {
    const running = await LifecycleMigrationRow.findOne({ where: { key, status: 'running' } });
    if (!running) return;
    if (Date.now() - running.updated_at.getTime() < STALE_AFTER_MS) {
      throw new ConflictError('migration_running', `Migration ${running.id} of lifecycle ${key} is still running`, {
        migration: running.id,
      });
    }
    await running.update({ status: 'failed' });
  }

  async function moveOne(row: LifecycleMigrationRow, user: CurrentUser, to: PublishedLifecycle, plan: MigrationPlan, ticket: TicketRow) {
    await ensureTicketWorkflow(temporal, ticket);
    await updateTicketWorkflow(temporal, ticket.id, migrateLifecycleUpdate, {
      migrationId: row.id,
      actor: actorOf(user),
      fromVersion: row.from_version,
      toVersion: to.version,
      definition: to.definition,
      mapping: plan.mapping,
    });
  }

  async function run(row: LifecycleMigrationRow, user: CurrentUser, from: PublishedLifecycle, to: PublishedLifecycle, plan: MigrationPlan) {
    const failures: MigrationView['failures'] = [];
    let after = 0;
    for (;;) {
      const tickets = await TicketRow.findAll({
        where: { lifecycle_key: row.key, lifecycle_version: from.version, state: Object.keys(plan.mapping), id: { [Op.gt]: after } },
        order: [['id', 'ASC']],
        limit: BATCH,
      });
      if (tickets.length === 0) break;
      after = tickets.at(-1)!.id;
      for (let i = 0; i < tickets.length; i += CONCURRENT_MOVES) {
        const moves = await Promise.allSettled(tickets.slice(i, i + CONCURRENT_MOVES).map((t) => moveOne(row, user, to, plan, t)));
        moves.forEach((move, j) => {
          if (move.status === 'fulfilled') row.moved += 1;
          else {
            row.failed += 1;
            if (failures.length < FAILURES_KEPT) failures.push({ ticket: tickets[i + j]!.id, reason: reasonOf(move.reason) });
          }
        });
        await row.update({ moved: row.moved, failed: row.failed, failures: JSON.stringify(failures) });
      }
    }
    await row.update({ status: 'done', total: Math.max(row.total, row.moved + row.failed) });
  }

  return {
    async dryRun(key: string, request: MigrationRequest) {
      const { tickets, plan } = await planOrFail(key, request);
      return { dryRun: true as const, tickets, moves: plan.moves };
    },

    /** Starts the migration and answers at once; its progress is read with `get`. */
    async start(user: CurrentUser, key: string, request: MigrationRequest): Promise<MigrationView> {
      const { from, to, plan, tickets } = await planOrFail(key, request);
      await refuseIfRunning(key);
      const row = await LifecycleMigrationRow.create({
        key,
        from_version: from.version,
        to_version: to.version,
        mapping: JSON.stringify(plan.mapping),
        status: 'running',
        total: tickets,
        failures: '[]',
        author_id: user.id,
      });
      run(row, user, from, to, plan).catch(async (error: unknown) => {
        logger.error({ err: error, migration: row.id }, 'lifecycle migration stopped');
        await row.update({ status: 'failed' }).catch(() => undefined);
      });
      return viewOf(row);
    },

    async get(key: string, id: number): Promise<MigrationView> {
      const row = await LifecycleMigrationRow.findOne({ where: { key, id } });
      if (!row) throw new NotFoundError(`Migration ${id} of lifecycle ${key}`);
      return viewOf(row);
    },
  };
}
