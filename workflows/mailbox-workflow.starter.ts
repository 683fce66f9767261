import type { Client } from '@temporalio/client';
import { mailboxWorkflowId, type MailboxWorkflowInput } from './mailbox.contracts';
import { TICKETS_TASK_QUEUE } from './ticket.contracts';

/** Starts a mailbox's collector, unless it runs already: safe to call at every start and change. */
export async function startMailboxWorkflow(client: Client, mailboxId: number): Promise<void> {
  const input: MailboxWorkflowInput = { mailboxId };
  await client.workflow.start('mailboxWorkflow', {
    taskQueue: TICKETS_TASK_QUEUE,
    workflowId: mailboxWorkflowId(mailboxId),
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [input],
  });
}
