import { z } from 'zod';

export const FeedQuery = z.strictObject({
  /** A cursor from an earlier page (`nextCursor`), `latest` for the feed's current end; none: from the start. */
  after: z
    .string()
    .regex(/^(latest|\d{1,15})$/, 'a nextCursor from an earlier page, or latest')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Seconds to hold an empty answer until an event comes. */
  wait: z.coerce.number().int().min(0).max(30).default(0),
});
export type FeedQuery = z.infer<typeof FeedQuery>;

export const FeedType = z.enum([
  'ticket.created',
  'ticket.updated',
  'ticket.transitioned',
  'ticket.sla',
  'ticket.rated',
  'ticket.followup_added',
  'ticket.task_added',
]);
export type FeedType = z.infer<typeof FeedType>;

export const FeedItem = z.object({
  ticketId: z.number(),
  /** The event's number in the ticket's history; null for followups and tasks, which are not in it. */
  seq: z.number().nullable(),
  type: FeedType,
  at: z.string(),
  actor: z.number().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type FeedItem = z.infer<typeof FeedItem>;

export const FeedPage = z.object({
  items: z.array(FeedItem),
  /** Where the next page starts: after the last item, or at the feed's end when the page reached it. */
  nextCursor: z.string(),
});
export type FeedPage = z.infer<typeof FeedPage>;
