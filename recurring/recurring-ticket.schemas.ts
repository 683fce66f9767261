import { DateTime } from 'luxon';
import { z } from 'zod';
import { CreateTicketBody } from '../tickets/ticket.schemas';
import { WEEKDAYS } from '../sla/weekdays';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');

/** When a recurring ticket is filed, in its time zone: on days of the week, a day of the month, or every N days from a date. */
export const RecurrenceSchedule = z.discriminatedUnion('every', [
  z.strictObject({ every: z.literal('week'), days: z.array(z.enum(WEEKDAYS)).min(1).max(7), time }),
  /** Months without that day (a 31st) are skipped. */
  z.strictObject({ every: z.literal('month'), day: z.number().int().min(1).max(31), time }),
  z.strictObject({
    every: z.literal('days'),
    interval: z.number().int().min(1).max(365),
    time,
    /** The first occurrence's day; the next ones follow every `interval` days. */
    from: z.iso.date(),
  }),
]);
export type RecurrenceSchedule = z.infer<typeof RecurrenceSchedule>;

const timezone = z.string().refine((zone) => DateTime.local().setZone(zone).isValid, 'an IANA time zone such as Europe/Paris');

/** The ticket each occurrence files: the fields of a new ticket, its requester and entity included. */
export const RecurringTicketFields = CreateTicketBody.pick({
  title: true,
  description: true,
  type: true,
  urgency: true,
  impact: true,
  category: true,
  requester: true,
  location: true,
  lifecycle: true,
});
export type RecurringTicketFields = z.infer<typeof RecurringTicketFields>;

const name = z.string().trim().min(1).max(255);
const id = z.number().int().positive();

export const CreateRecurringTicketBody = z.strictObject({
  name,
  /** The entity its tickets are filed in, one you administer; the root when left out. */
  entity: id.default(1),
  ticket: RecurringTicketFields,
  schedule: RecurrenceSchedule,
  timezone,
  paused: z.boolean().default(false),
});
export type CreateRecurringTicketBody = z.infer<typeof CreateRecurringTicketBody>;

/** What a change names; the rest stays as it is. Pausing has its own requests. */
export const EditRecurringTicketBody = z
  .strictObject({ name, ticket: RecurringTicketFields, schedule: RecurrenceSchedule, timezone })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, 'give name, ticket, schedule or timezone');
export type EditRecurringTicketBody = z.infer<typeof EditRecurringTicketBody>;

export const RecurringTicketView = z.object({
  id: z.number(),
  name: z.string(),
  entity: z.number(),
  ticket: RecurringTicketFields,
  schedule: RecurrenceSchedule,
  timezone: z.string(),
  paused: z.boolean(),
  /** The next times it files a ticket (none while paused), as Temporal's schedule plans them. */
  nextOccurrences: z.array(z.string()),
});
export type RecurringTicketView = z.infer<typeof RecurringTicketView>;

export const RecurringTicketList = z.object({ items: z.array(RecurringTicketView.omit({ nextOccurrences: true })) });
