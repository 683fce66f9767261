import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createRecurringTicketActivities } from '../activities/recurring-ticket.activities';

// Temporal marks each run of a schedule with the time it was due.
const SCHEDULED_AT = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

// A ticket that cannot be filed (a category since removed…) is tried a few times, then the failure is
// the run's, in Temporal; the next occurrences still come.
const { fileRecurringTicket } = proxyActivities<ReturnType<typeof createRecurringTicketActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 10 },
});

/** One occurrence of a recurring ticket, started by its schedule: files its ticket, once for that occurrence. */
export async function recurringTicketWorkflow(recurringId: number): Promise<number | null> {
  const due = workflowInfo().typedSearchAttributes.get(SCHEDULED_AT) ?? new Date(workflowInfo().startTime);
  return fileRecurringTicket(recurringId, due.toISOString());
}
