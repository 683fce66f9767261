import type { Client } from '@temporalio/client';
import { startWebhookWorkflow } from '../workflows/webhook-workflow.starter';
import { enabledWebhookIds } from './webhook.repository';

/** Starts the deliverer of every enabled subscription that has none running. */
export async function ensureWebhookWorkflows(temporal: Client): Promise<void> {
  for (const id of await enabledWebhookIds()) await startWebhookWorkflow(temporal, id);
}
