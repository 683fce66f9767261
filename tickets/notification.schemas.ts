import { z } from 'zod';

export const NotificationView = z.object({
  id: z.number(),
  ticket: z.number(),
  message: z.object({ fr: z.string(), en: z.string() }),
  at: z.string(),
  read: z.boolean(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type NotificationsQuery = z.infer<typeof NotificationsQuery>;
