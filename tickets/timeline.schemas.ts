import { z } from 'zod';
import { endsAfterStart, storedTime } from '../core/stored-time';
import { HistoryItem } from './ticket.schemas';

export const CreateFollowupBody = z.strictObject({
  content: z.string().trim().min(1).max(65_000),
  private: z.boolean().default(false),
});
export type CreateFollowupBody = z.infer<typeof CreateFollowupBody>;

export const CreateTaskBody = z
  .strictObject({
    content: z.string().trim().min(1).max(65_000),
    durationMinutes: z.number().int().min(0).max(100_000).optional(),
    state: z.enum(['todo', 'done']).default('todo'),
    /** Planning a task (both ends) makes the ticket `planned` when its lifecycle allows it now. */
    plannedStart: storedTime.optional(),
    plannedEnd: storedTime.optional(),
  })
  .refine((task) => (task.plannedStart === undefined) === (task.plannedEnd === undefined), {
    path: ['plannedEnd'],
    message: 'give both plannedStart and plannedEnd, or neither',
  })
  .superRefine(endsAfterStart('plannedStart', 'plannedEnd'));
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const FollowupItem = z.object({
  type: z.literal('followup'),
  id: z.number(),
  at: z.string(),
  author: z.number(),
  content: z.string(),
  private: z.boolean(),
});
export const TaskItem = z.object({
  type: z.literal('task'),
  id: z.number(),
  at: z.string(),
  author: z.number(),
  content: z.string(),
  durationMinutes: z.number().nullable(),
  state: z.enum(['todo', 'done']),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
});
export const EventItem = HistoryItem.extend({ type: z.literal('event') });
export const TimelineItem = z.discriminatedUnion('type', [FollowupItem, TaskItem, EventItem]);
export type TimelineItem = z.infer<typeof TimelineItem>;
export const Timeline = z.object({ items: z.array(TimelineItem) });
