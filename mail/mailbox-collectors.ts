import type { Client } from '@temporalio/client';
import { startMailboxWorkflow } from '../workflows/mailbox-workflow.starter';
import { enabledMailboxIds } from './mailbox.repository';

/** Starts the collector of every enabled mailbox that has none running. */
export async function ensureMailboxWorkflows(temporal: Client): Promise<void> {
  for (const id of await enabledMailboxIds()) await startMailboxWorkflow(temporal, id);
}
