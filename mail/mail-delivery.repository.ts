import { Op, type Transaction } from 'sequelize';
import { FollowupRow, TicketEventRow, TicketRow } from '../tickets/ticket.models';
import { actorsOfTickets } from '../tickets/ticket-actors.repository';
import { membersOfGroups } from '../organisation/support-group.repository';
import { validatorsOf, type TicketContext } from '../lifecycles/ticket-context';
import { UserRow } from '../users/user.models';
import { can } from '../users/access';
import { currentUserOf } from '../users/current-user.repository';
import { mentionsIn } from '../tickets/mentions';
import { MailDeliveryRow, MailOutboxRow, MailPreferencesRow } from './mail.models';
import type { Notice } from './notice-kinds';
import { reachesGroups, type NoticeActors } from './notices';

/** What an outbox row is about, as the notifier needs it to address and word its notices. */
export interface NoticeSubject {
  outbox: MailOutboxRow;
  ticket: TicketRow;
  notice: Notice;
  actors: NoticeActors;
  author: number | null;
  isPrivate: boolean;
  text: string | null;
  /** The Message-ID of the e-mail the ticket came from, if it did. */
  firstMessageId: string | null;
}

/** Takes the oldest outbox rows no other notifier holds, locked until the transaction ends. */
export const takeOutbox = (transaction: Transaction, limit: number): Promise<MailOutboxRow[]> =>
  MailOutboxRow.findAll({ order: [['id', 'ASC']], limit, transaction, lock: transaction.LOCK.UPDATE, skipLocked: true });

export async function noticeSubjectOf(outbox: MailOutboxRow, transaction: Transaction): Promise<NoticeSubject | null> {
  const ticket = await TicketRow.findByPk(outbox.ticket_id, { transaction });
  if (!ticket) return null;
  let author: number | null = null;
  let text: string | null = null;
  let isPrivate = false;
  if (outbox.followup_id !== null) {
    const followup = await FollowupRow.findByPk(outbox.followup_id, { transaction });
    if (!followup) return null;
    ({ author_id: author, content: text, private: isPrivate } = followup);
  } else {
    const event = await TicketEventRow.findOne({ where: { ticket_id: ticket.id, seq: outbox.seq ?? 0 }, transaction });
    if (!event) return null;
    author = event.actor_id;
    const data = JSON.parse(event.data) as Record<string, unknown>;
    if (typeof data['solution'] === 'string') text = data['solution'];
  }
  // The e-mail the ticket was filed from, which its creation recorded.
  const created = await TicketEventRow.findOne({ where: { ticket_id: ticket.id, seq: 1 }, transaction });
  const origin = (JSON.parse(created?.data ?? '{}') as { messageId?: unknown }).messageId;
  const actors = (await actorsOfTickets([ticket.id], transaction)).get(ticket.id);
  const context = JSON.parse(ticket.context) as TicketContext;
  return {
    outbox,
    ticket,
    notice: outbox.notice as Notice,
    author,
    isPrivate,
    text,
    firstMessageId: typeof origin === 'string' ? origin : null,
    actors: {
      requesters: [ticket.requester_id, ...(actors?.requesters ?? [])],
      observers: actors?.observers ?? [],
      technicians: [...new Set([...(ticket.assignee_id === null ? [] : [ticket.assignee_id]), ...(actors?.technicians ?? [])])],
      groupMembers: reachesGroups(outbox.notice as Notice) ? await membersOfGroups(actors?.groups ?? [], transaction) : [],
      validators: validatorsOf(context),
      mentioned: outbox.followup_id !== null && text ? await colleaguesMentioned(text, ticket.entity_id, transaction) : [],
    },
  };
}

/** The people `text` mentions as `@login` who work the tickets of `entity`, so may read this one. */
async function colleaguesMentioned(text: string, entity: number, transaction: Transaction): Promise<number[]> {
  const logins = mentionsIn(text);
  if (logins.length === 0) return [];
  const rows = await UserRow.findAll({ where: { login: logins, disabled: false }, transaction });
  const people = await Promise.all(rows.map((row) => currentUserOf(row)));
  return people.filter((person) => can(person, 'desk', entity)).map((person) => person.id);
}

/** The recipients among `ids` who have an address and want this notice, with their language and the notice. */
export async function addresseesOf(ids: number[], notice: Notice, transaction: Transaction) {
  if (ids.length === 0) return [];
  const [users, preferences] = await Promise.all([
    UserRow.findAll({ where: { id: ids, disabled: false, email: { [Op.ne]: null } }, transaction }),
    MailPreferencesRow.findAll({ where: { user_id: ids }, transaction }),
  ]);
  const preferenceOf = new Map(preferences.map((row) => [row.user_id, row]));
  return users
    .filter((user) => !(JSON.parse(preferenceOf.get(user.id)?.muted ?? '[]') as string[]).includes(notice))
    .map((user) => ({ id: user.id, notice, address: user.email!, language: (preferenceOf.get(user.id)?.language ?? 'fr') as 'fr' | 'en' }));
}

/** A notice to one recipient, worded and addressed. */
export type PlannedDelivery = Pick<
  MailDeliveryRow,
  'user_id' | 'ticket_id' | 'notice' | 'address' | 'message_id' | 'in_reply_to' | 'subject' | 'body' | 'body_html'
>;

/** Records the deliveries planned for an outbox row (once each) and removes the row, in `transaction`. */
export async function planDeliveries(outbox: MailOutboxRow, deliveries: PlannedDelivery[], transaction: Transaction): Promise<void> {
  const now = new Date();
  await MailDeliveryRow.bulkCreate(
    deliveries.map((delivery) => ({ ...delivery, outbox_id: outbox.id, state: 'due' as const, created_at: now, next_attempt_at: now })),
    { transaction, ignoreDuplicates: true },
  );
  await outbox.destroy({ transaction });
}

/** The deliveries due now that no other notifier holds, oldest first, locked until the transaction ends. */
export const takeDueDeliveries = (transaction: Transaction, limit: number): Promise<MailDeliveryRow[]> =>
  MailDeliveryRow.findAll({
    where: { state: 'due', next_attempt_at: { [Op.lte]: new Date() } },
    order: [['id', 'ASC']],
    limit,
    transaction,
    lock: transaction.LOCK.UPDATE,
    skipLocked: true,
  });
