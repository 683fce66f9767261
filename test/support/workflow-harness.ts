// A time-skipping Temporal test server and a worker running the ticket workflow over activities
// that only record what they are asked to write: the workflow's decisions are what is under test.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { createTicketActivities } from '../../activities/ticket.activities';
import type { NotificationRecord } from '../../tickets/notification.repository';
import { compileLifecycle } from '../../lifecycles/compile-lifecycle';
import { startPosition } from '../../lifecycles/lifecycle-step';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import type { Actor } from '../../lifecycles/ticket-context';
import { ALWAYS_OPEN } from '../../sla/business-calendar';
import { ensureTicketSearchAttributes } from '../../runtime/search-attributes';
import { TICKETS_TASK_QUEUE, type TicketWorkflowInput, type TransitionRecord } from '../../workflows/ticket.contracts';
import { temporalBinaries } from './test-settings';

const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
export const requester: Actor = { id: 10, profile: 'requester' };
export const technician: Actor = { id: 20, profile: 'technician' };

/** `workflowBundle` is the code the worker runs: by default the one the test run bundled. */
export async function startWorkflowHarness(workflowBundle: { code: string } = { code: inject('workflowBundle') }) {
  const recorded: TransitionRecord[] = [];
  const notified: NotificationRecord[] = [];
  const priorities = new Map<number, number>();
  const activities: ReturnType<typeof createTicketActivities> = {
    async recordTransition(record) {
      if (!recorded.some((r) => r.ticketId === record.ticketId && r.seq === record.seq)) recorded.push(record);
      return null;
    },
    // A priority-1 ticket is held to SLA 2, whose TTR is two hours.
    async slaTermsFor(ticketId) {
      return priorities.get(ticketId) === 1
        ? { slaId: 2, calendar: ALWAYS_OPEN, ttoMinutes: 15, ttrMinutes: 120, levels: [], levelClocks: [] }
        : null;
    },
    async nextLevelGroup(level) {
      return level === 1 ? 2 : null;
    },
    // An edit that sets a priority changes it; any other changes nothing.
    async recordFieldEdit(record) {
      const priority = record.edit.priority;
      if (typeof priority !== 'number') return { recorded: false, priority: priorities.get(record.ticketId) ?? 3 };
      priorities.set(record.ticketId, priority);
      return { recorded: true, priority };
    },
    async notify(record) {
      notified.push(record);
      return record.to.length;
    },
  };
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalBinaries().testServer } },
  });
  // The test server knows no custom search attributes until they are registered, as on a cluster.
  await ensureTicketSearchAttributes(env.client, env.namespace ?? 'default');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TICKETS_TASK_QUEUE,
    workflowBundle,
    activities,
  });
  const running = worker.run();

  let nextTicketId = 1;
  async function startTicket(options: Partial<TicketWorkflowInput> = {}) {
    const ticketId = nextTicketId++;
    const input: TicketWorkflowInput = {
      ticketId,
      definition: incident,
      lifecycleVersion: 1,
      position: startPosition(compileLifecycle(incident), { requester: 10, assignee: null, group: null, level: 1, validator: null }),
      seq: 1,
      priority: 3,
      ...options,
    };
    const handle = await env.client.workflow.start('ticketWorkflow', {
      taskQueue: TICKETS_TASK_QUEUE,
      workflowId: `ticket-${ticketId}`,
      args: [input],
    });
    return { ticketId, handle };
  }

  return {
    env,
    startTicket,
    recordsOf: (ticketId: number) => recorded.filter((r) => r.ticketId === ticketId),
    notificationsOf: (ticketId: number) => notified.filter((n) => n.ticketId === ticketId),
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
