import { Op } from 'sequelize';
import { NotFoundError } from '../core/errors';
import { NotificationRow, TicketActorRow, TicketRow } from './ticket.models';
import { membersOfGroups } from '../organisation/support-group.repository';
import type { Notified } from '../lifecycles/notified';
import { validatorsOf, type TicketContext } from '../lifecycles/ticket-context';
import type { NotificationView } from './notification.schemas';

export interface NotificationRecord {
  ticketId: number;
  /** The event that entered the state, and the index of the `notify` effect among the state's. */
  seq: number;
  effect: number;
  to: Notified[];
  message: { fr: string; en: string };
}

// The users each kind of recipient stands for on this ticket now.
async function recipientsOf(ticket: TicketRow, to: Notified[]): Promise<number[]> {
  const context = JSON.parse(ticket.context) as TicketContext;
  const ids = new Set<number>();
  if (to.includes('requester')) ids.add(ticket.requester_id);
  if (to.includes('validators')) validatorsOf(context).forEach((id) => ids.add(id));
  const kinds = [...(to.includes('technicians') ? ['technician'] : []), ...(to.includes('groups') ? ['group'] : [])];
  const actors = kinds.length === 0 ? [] : await TicketActorRow.findAll({ where: { ticket_id: ticket.id, kind: kinds } });
  actors.filter((a) => a.kind === 'technician').forEach((a) => ids.add(a.actor_id));
  const groups = actors.filter((a) => a.kind === 'group').map((a) => a.actor_id);
  (await membersOfGroups(groups)).forEach((id) => ids.add(id));
  return [...ids];
}

/** Notifies the ticket's people that `to` names, once per event however often it is retried. */
export async function recordNotifications(record: NotificationRecord): Promise<number> {
  const ticket = await TicketRow.findByPk(record.ticketId, { rejectOnEmpty: true });
  const users = await recipientsOf(ticket, record.to);
  const at = new Date();
  await NotificationRow.bulkCreate(
    users.map((user) => ({
      user_id: user,
      ticket_id: ticket.id,
      seq: record.seq,
      effect: record.effect,
      message_fr: record.message.fr,
      message_en: record.message.en,
      read_at: null,
      created_at: at,
    })),
    { ignoreDuplicates: true },
  );
  return users.length;
}

const toView = (row: NotificationRow): NotificationView => ({
  id: row.id,
  ticket: row.ticket_id,
  message: { fr: row.message_fr, en: row.message_en },
  at: row.created_at.toISOString(),
  read: row.read_at !== null,
});

/** The user's notifications, newest first. */
export async function notificationsOf(userId: number, options: { unread: boolean; limit: number }): Promise<NotificationView[]> {
  const rows = await NotificationRow.findAll({
    where: { user_id: userId, ...(options.unread && { read_at: { [Op.is]: null } }) },
    order: [['id', 'DESC']],
    limit: options.limit,
  });
  return rows.map(toView);
}

/** Marks one of the user's notifications read; another user's is not found. */
export async function markNotificationRead(userId: number, id: number): Promise<NotificationView> {
  const row = await NotificationRow.findOne({ where: { id, user_id: userId } });
  if (!row) throw new NotFoundError(`Notification ${id}`);
  if (row.read_at === null) await row.update({ read_at: new Date() });
  return toView(row);
}
