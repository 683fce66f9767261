import type { CurrentUser } from '../users/user';
import { markNotificationRead, notificationsOf } from './notification.repository';
import type { NotificationsQuery, NotificationView } from './notification.schemas';

/** The notifications a lifecycle's effects left for each user: theirs only. */
export const notificationService = {
  list: (user: CurrentUser, query: NotificationsQuery): Promise<NotificationView[]> =>
    notificationsOf(user.id, { unread: query.unread === 'true', limit: query.limit }),

  markRead: (user: CurrentUser, id: number): Promise<NotificationView> => markNotificationRead(user.id, id),
};
