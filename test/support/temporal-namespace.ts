import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { inject } from 'vitest';

/** A namespace of the test's own on the run's Temporal server (kept if a previous run made it). */
export async function registerNamespace(namespace: string): Promise<void> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  await connection.workflowService
    .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') })
    .catch((error: { code?: number }) => {
      if (error.code !== 6) throw error; // ALREADY_EXISTS
    })
    .finally(() => connection.close());
}
