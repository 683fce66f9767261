import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Sequelize } from 'sequelize';
import { createTicketActivities } from '../activities/ticket.activities';
import { TICKETS_TASK_QUEUE } from '../workflows/ticket.contracts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface TicketWorkerOptions {
  address: string;
  namespace: string;
  sequelize: Sequelize;
  /** A prebuilt workflow bundle (tests build it once); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

let runtimeInstalled = false;

// The SDK logs every bundling step at INFO; warnings and errors are what operators need.
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/** A worker on the `tickets` task queue, running ticket workflows and their activities. */
export async function createTicketWorker(options: TicketWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  installQuietRuntime();
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: TICKETS_TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createTicketActivities({ sequelize: options.sequelize }),
  });
  return { worker, connection };
}
