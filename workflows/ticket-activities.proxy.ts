import { proxyLocalActivities } from '@temporalio/workflow';
import type { createTicketActivities } from '../activities/ticket.activities';

// Local activities: the write runs in the worker within the workflow task, saving two server round
// trips per transition. Recording must not be lost: a database outage pauses the ticket (retries
// never stop), it does not drop a transition.
export const ticketActivities = proxyLocalActivities<ReturnType<typeof createTicketActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 ms', maximumInterval: '10 seconds' },
});
