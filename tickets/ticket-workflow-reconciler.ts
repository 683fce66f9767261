import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { TicketRow } from './ticket.models';
import { recordedTicketOf } from './recorded-ticket.repository';
import { ticketWorkflowId } from '../workflows/ticket.contracts';
import type { SlaClocks } from '../sla/sla-clock';
import { lifecycleVersionOrFail } from '../lifecycles/lifecycle.repository';
import { startTicketWorkflow } from '../workflows/ticket-workflow.starter';
import { markWorkflowStarted, openTicketsAfter, ticketsWithoutWorkflow } from './ticket.repository';
import { factsOf, positionOf } from './ticket-view';

/** Starts the workflow of a committed ticket unless it is known to run; safe to repeat. */
export async function ensureTicketWorkflow(temporal: Client, row: TicketRow): Promise<void> {
  if (row.workflow_started_at) return;
  const lifecycle = await lifecycleVersionOrFail(row.lifecycle_key, row.lifecycle_version);
  const sla = row.sla_clocks === null ? null : (JSON.parse(row.sla_clocks) as SlaClocks);
  const { type } = factsOf(row);
  await startTicketWorkflow(temporal, { ticketId: row.id, lifecycle, position: positionOf(row), priority: row.priority, type, sla });
  await markWorkflowStarted(row.id);
}

/**
 * Starts the workflow of every ticket not closed again from what MariaDB recorded (its state, seq,
 * hold, resolution and SLA clocks), ending the run Temporal had, if any: after a restore, Temporal
 * may be behind MariaDB, and MariaDB is the truth. A clock past due fires at once, and once.
 * Answers how many tickets were started again.
 */
export async function restartOpenTicketWorkflows(temporal: Client, onProgress?: (done: number) => void): Promise<number> {
  let restarted = 0;
  for (let after = 0; ;) {
    const rows = await openTicketsAfter(after, 200);
    if (rows.length === 0) return restarted;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      const [lifecycle, recorded] = await Promise.all([
        lifecycleVersionOrFail(row.lifecycle_key, row.lifecycle_version),
        TicketRow.sequelize!.transaction((transaction) => recordedTicketOf(transaction, row)),
      ]);
      await temporal.workflow
        .getHandle(ticketWorkflowId(row.id))
        .terminate('the desk was restored from a backup: started again from what MariaDB recorded')
        .catch((error: unknown) => {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        });
      await startTicketWorkflow(temporal, {
        ticketId: row.id,
        lifecycle,
        position: recorded.position,
        priority: recorded.priority,
        type: factsOf(row).type,
        sla: recorded.sla,
        recorded,
      });
      await markWorkflowStarted(row.id);
      restarted += 1;
    }
    onProgress?.(restarted);
  }
}

/** Gives a workflow to every ticket left without one (its creator died before starting it). */
export async function reconcileTicketWorkflows(temporal: Client, olderThanSeconds: number): Promise<number> {
  const rows = await ticketsWithoutWorkflow(olderThanSeconds, 100);
  for (const row of rows) await ensureTicketWorkflow(temporal, row);
  return rows.length;
}

/** Runs the reconciler every few seconds until `signal` aborts. */
export async function runTicketWorkflowReconciler(temporal: Client, olderThanSeconds: number, logger: Logger, signal: AbortSignal) {
  while (!signal.aborted) {
    try {
      const started = await reconcileTicketWorkflows(temporal, olderThanSeconds);
      if (started > 0) logger.warn({ started }, 'reconciler: started workflows of tickets left without one');
    } catch (error) {
      logger.error({ err: error }, 'reconciler: pass failed, will retry');
    }
    await sleep(Math.max(1_000, (olderThanSeconds * 1000) / 2), undefined, { signal }).catch(() => undefined);
  }
}
