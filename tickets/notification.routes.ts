import { z } from 'zod';
import { NotificationsQuery, NotificationView } from './notification.schemas';
import { notificationService } from './notification.service';
import { route } from '../api/route';

export function notificationRoutes() {
  return [
    route({
      method: 'get',
      path: '/api/v1/notifications',
      summary: "The caller's notifications (from lifecycle states that notify), newest first",
      tag: 'Notifications',
      allow: 'everyone',
      query: NotificationsQuery,
      response: z.object({ items: z.array(NotificationView) }),
      handle: async ({ user, query }) => ({ items: await notificationService.list(user, query) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/notifications/:id/read',
      summary: 'Mark one of the caller’s notifications read',
      tag: 'Notifications',
      allow: 'everyone',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: NotificationView,
      handle: ({ user, params }) => notificationService.markRead(user, params.id),
    }),
  ];
}
