import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { TICKETS_TASK_QUEUE } from '../../workflows/ticket.contracts';
import { temporalBinaries } from './test-settings';

/** The time-skipping test server and a worker on the tickets queue running the bundled workflows over `activities`, until `stop()`. */
export async function startTimeSkippingWorker(activities: object) {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalBinaries().testServer } },
  });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TICKETS_TASK_QUEUE,
    workflowBundle: { code: inject('workflowBundle') },
    activities,
  });
  const running = worker.run();
  return {
    env,
    stop: async () => {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
