import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { TICKETS_TASK_QUEUE } from '../workflows/ticket.contracts';
import { recurringScheduleId } from '../workflows/recurring-ticket.contracts';
import { scheduleSpecOf } from './recurrence-spec';
import type { RecurringTicketDefinition } from './recurring-ticket.repository';

/**
 * A recurring ticket's Temporal schedule, kept as its definition says. Each occurrence is its own
 * run (one late never holds the next back); a server down for a while files what it missed within
 * a day, not more.
 */
export function recurrenceSchedules(temporal: Client) {
  const handleOf = (id: number) => temporal.schedule.getHandle(recurringScheduleId(id));
  return {
    async create(recurring: RecurringTicketDefinition): Promise<void> {
      await temporal.schedule.create({
        scheduleId: recurringScheduleId(recurring.id),
        spec: scheduleSpecOf(recurring.schedule, recurring.timezone),
        action: {
          type: 'startWorkflow',
          workflowType: 'recurringTicketWorkflow',
          workflowId: recurringScheduleId(recurring.id),
          taskQueue: TICKETS_TASK_QUEUE,
          args: [recurring.id],
        },
        policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 day' },
        state: { paused: recurring.paused, note: recurring.name },
      });
    },

    async update(recurring: RecurringTicketDefinition): Promise<void> {
      await handleOf(recurring.id).update((previous) => ({
        ...previous,
        spec: scheduleSpecOf(recurring.schedule, recurring.timezone),
        state: { ...previous.state, paused: recurring.paused, note: recurring.name },
      }));
    },

    /** The times the schedule will file next, none while it is paused. */
    async nextOccurrences(id: number): Promise<string[]> {
      const described = await handleOf(id).describe();
      return described.state.paused ? [] : described.info.nextActionTimes.map((at) => at.toISOString());
    },

    async remove(id: number): Promise<void> {
      await handleOf(id)
        .delete()
        .catch((error: unknown) => {
          if (!(error instanceof ScheduleNotFoundError)) throw error;
        });
    },
  };
}

export type RecurrenceSchedules = ReturnType<typeof recurrenceSchedules>;
