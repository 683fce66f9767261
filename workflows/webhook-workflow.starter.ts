import type { Client } from '@temporalio/client';
import { webhookWorkflowId, type WebhookWorkflowInput } from './webhook.contracts';
import { TICKETS_TASK_QUEUE } from './ticket.contracts';

/** Starts a subscription's deliverer, unless it runs already: safe to call at every change. */
export async function startWebhookWorkflow(client: Client, webhookId: number): Promise<void> {
  const input: WebhookWorkflowInput = { webhookId };
  await client.workflow.start('webhookWorkflow', {
    taskQueue: TICKETS_TASK_QUEUE,
    workflowId: webhookWorkflowId(webhookId),
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [input],
  });
}
