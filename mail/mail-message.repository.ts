import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { MailMessageRow } from './mail.models';
import type { IncomingMessage } from './incoming-message';
import type { CollectedMessage, MailOutcome } from './mailbox.schemas';

/** A message's place in its mailbox: the folder's UIDVALIDITY and the message's UID. */
export interface MessageKey {
  mailboxId: number;
  uidValidity: number;
  uid: number;
}

export interface MessageOutcome {
  outcome: MailOutcome;
  reason?: string;
  ticketId?: number;
  followupId?: number;
}

export const handledMessage = ({ mailboxId, uidValidity, uid }: MessageKey): Promise<MailMessageRow | null> =>
  MailMessageRow.findOne({ where: { mailbox_id: mailboxId, uid_validity: uidValidity, uid } });

/**
 * Records what a message became, in the transaction that made it so when there is one. Returns
 * false when the message was recorded already (by an earlier try that got this far).
 */
export async function recordMessage(
  key: MessageKey,
  message: Pick<IncomingMessage, 'messageId' | 'from' | 'subject' | 'original'> | null,
  outcome: MessageOutcome,
  transaction?: Transaction,
): Promise<boolean> {
  try {
    await MailMessageRow.create(
      {
        mailbox_id: key.mailboxId,
        uid_validity: key.uidValidity,
        uid: key.uid,
        message_id: message?.messageId?.slice(0, 255) ?? null,
        sender: message?.from?.address.slice(0, 255) ?? null,
        subject: message?.subject.slice(0, 255) || null,
        outcome: outcome.outcome,
        reason: outcome.reason ?? null,
        ticket_id: outcome.ticketId ?? null,
        followup_id: outcome.followupId ?? null,
        received_at: new Date(),
        source_sha256: message?.original?.sha256 ?? null,
        source_size: message?.original?.size ?? null,
      },
      { transaction },
    );
    return true;
  } catch (error) {
    if (error instanceof UniqueConstraintError) return false;
    throw error;
  }
}

/** How many messages of `sender` the mailbox took in the last hour. */
export const messagesFromSenderLastHour = (mailboxId: number, sender: string): Promise<number> =>
  MailMessageRow.count({ where: { mailbox_id: mailboxId, sender, received_at: { [Op.gt]: new Date(Date.now() - 3_600_000) } } });

/** The ticket an earlier message of the same mailbox with this Message-ID became or joined. */
export async function ticketOfMessageId(mailboxId: number, messageIds: string[]): Promise<number | null> {
  if (messageIds.length === 0) return null;
  const rows = await MailMessageRow.findAll({
    where: { mailbox_id: mailboxId, message_id: { [Op.in]: messageIds.map((id) => id.slice(0, 255)) }, ticket_id: { [Op.ne]: null } },
    order: [['id', 'DESC']],
  });
  // The thread's newest message first, as the list is ordered.
  for (const id of messageIds) {
    const row = rows.find((candidate) => candidate.message_id === id.slice(0, 255));
    if (row) return row.ticket_id;
  }
  return null;
}

export const toCollectedMessage = (row: MailMessageRow): CollectedMessage => ({
  id: row.id,
  at: row.received_at.toISOString(),
  messageId: row.message_id,
  sender: row.sender,
  subject: row.subject,
  outcome: row.outcome,
  reason: row.reason,
  ticket: row.ticket_id,
  followup: row.followup_id,
  sourceSize: row.source_size === null ? null : Number(row.source_size),
});

export const mailMessageById = (id: number): Promise<MailMessageRow | null> => MailMessageRow.findByPk(id);

/** The messages that became ticket `ticketId` or its followups, oldest first. */
export const mailOfTicket = (ticketId: number): Promise<MailMessageRow[]> =>
  MailMessageRow.findAll({ where: { ticket_id: ticketId, outcome: ['ticket', 'followup'] }, order: [['id', 'ASC']] });

/** The latest messages of a mailbox, newest first, and its counts by outcome and reason. */
export async function collectionOf(mailboxId: number, limit: number) {
  const [messages, byOutcome] = await Promise.all([
    MailMessageRow.findAll({ where: { mailbox_id: mailboxId }, order: [['id', 'DESC']], limit }),
    MailMessageRow.findAll({
      attributes: ['outcome', 'reason', [MailMessageRow.sequelize!.fn('COUNT', '*'), 'count']],
      where: { mailbox_id: mailboxId },
      group: ['outcome', 'reason'],
      raw: true,
    }) as unknown as Promise<{ outcome: MailOutcome; reason: string | null; count: number }[]>,
  ]);
  return { messages, byOutcome };
}
