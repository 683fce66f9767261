import { z } from 'zod';
import { markNotificationRead, notificationsOf } from '../tickets/notification.repository';
import { route } from './route';

const Notification = z.object({
  id: z.number(),
  ticket: z.number(),
  message: z.object({ fr: z.string(), en: z.string() }),
  at: z.string(),
  read: z.boolean(),
});
const NotificationsQuery = z.object({
  unread: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function notificationRoutes() {
  return [
    route({
      method: 'get',
      path: '/api/v1/notifications',
      summary: "The caller's notifications (from lifecycle states that notify), newest first",
      tag: 'Notifications',
      allow: 'everyone',
      query: NotificationsQuery,
      response: z.object({ items: z.array(Notification) }),
      handle: async ({ user, query }) => ({
        items: await notificationsOf(user.id, { unread: query.unread === 'true', limit: query.limit }),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/notifications/:id/read',
      summary: 'Mark one of the caller’s notifications read',
      tag: 'Notifications',
      allow: 'everyone',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: Notification,
      handle: async ({ user, params }) => markNotificationRead(user.id, params.id),
    }),
  ];
}
