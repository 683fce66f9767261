/** The id of a recurring ticket's Temporal schedule; each run's workflow id is this and its time. */
export const recurringScheduleId = (recurringId: number): string => `recurring-ticket-${recurringId}`;
