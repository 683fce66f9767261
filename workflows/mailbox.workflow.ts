import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { createMailActivities } from '../activities/mail.activities';
import type { MailboxWorkflowInput } from './mailbox.contracts';

// A pass waits in IDLE for new mail (a few minutes at most) and heartbeats meanwhile: a collector
// that dies is noticed within the heartbeat timeout and the pass runs again elsewhere. An IMAP
// server out of reach is retried without end, with growing pauses.
const { collectMailboxPass } = proxyActivities<ReturnType<typeof createMailActivities>>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

// Enough passes to keep the history short; then the collector goes on as a new run.
const PASSES_PER_RUN = 200;

/** Collects a mailbox, pass after pass, until it is disabled or removed. */
export async function mailboxWorkflow(input: MailboxWorkflowInput): Promise<void> {
  for (let pass = 0; pass < PASSES_PER_RUN; pass += 1) {
    const result = await collectMailboxPass(input.mailboxId);
    if (result.stopped) return;
    // Neither new mail nor anything taken: the server ended IDLE early; pause before asking again.
    if (result.taken === 0 && !result.newMail) await sleep('1 second');
  }
  await continueAsNew<typeof mailboxWorkflow>(input);
}
