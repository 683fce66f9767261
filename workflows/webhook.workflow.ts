import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { createWebhookActivities } from '../activities/webhook.activities';
import { GIVE_UP_AFTER_MS, retryPauseMs, type WebhookWorkflowInput } from './webhook.contracts';

// A pass waits a while for something to deliver, heartbeating: a deliverer that dies is noticed
// within the heartbeat timeout and the pass runs again elsewhere, from the subscription's cursor.
const { deliverWebhookPass, giveUpWebhook } = proxyActivities<ReturnType<typeof createWebhookActivities>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

// Enough passes to keep the history short; then the deliverer goes on as a new run.
const PASSES_PER_RUN = 200;

/**
 * Delivers a subscription's events in feed order, pass after pass, until it is disabled or removed.
 * A failed delivery is tried again after growing pauses; after 24 h of failures the subscription
 * is disabled and its owner told.
 */
export async function webhookWorkflow(input: WebhookWorkflowInput): Promise<void> {
  let { failingSince, failures = 0 } = input;
  for (let pass = 0; pass < PASSES_PER_RUN; pass += 1) {
    const result = await deliverWebhookPass(input.webhookId);
    if (result.stopped) return;
    if (result.failure === null) {
      failingSince = undefined;
      failures = 0;
      continue;
    }
    failingSince ??= Date.now();
    failures += 1;
    if (Date.now() - failingSince >= GIVE_UP_AFTER_MS) {
      await giveUpWebhook(input.webhookId, result.failure);
      return;
    }
    await sleep(retryPauseMs(failures));
  }
  await continueAsNew<typeof webhookWorkflow>({ webhookId: input.webhookId, failingSince, failures });
}
