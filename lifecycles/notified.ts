/** Who a notification goes to, as the ticket knows them. */
export const NOTIFIED = ['requester', 'technicians', 'groups', 'validators'] as const;
export type Notified = (typeof NOTIFIED)[number];
