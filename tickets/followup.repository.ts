import type { Transaction } from 'sequelize';
import { MailOutboxRow } from '../mail/mail.models';
import { FollowupRow, TicketRow } from './ticket.models';
import { appendToFeed } from './ticket-feed.repository';

export interface NewFollowup {
  ticketId: number;
  authorId: number;
  content: string;
  private: boolean;
  /** The API token it came through, if any. */
  tokenId?: number | null;
}

/** Writes a followup and, in the same transaction, its place in the change feed, its wait for the mail notifier and the ticket's time of last update. */
export async function createFollowup(followup: NewFollowup, transaction?: Transaction): Promise<FollowupRow> {
  if (!transaction) return FollowupRow.sequelize!.transaction((own) => createFollowup(followup, own));
  const at = new Date();
  const row = await FollowupRow.create(
    { ticket_id: followup.ticketId, author_id: followup.authorId, content: followup.content, private: followup.private, created_at: at },
    { transaction },
  );
  await appendToFeed(transaction, { ticketId: followup.ticketId, kind: 'followup', refId: row.id, tokenId: followup.tokenId ?? null });
  await MailOutboxRow.create(
    { ticket_id: followup.ticketId, notice: 'followup', seq: null, followup_id: row.id, created_at: at },
    { transaction },
  );
  // The ticket's last update is now, for the queues that show or sort by it.
  await TicketRow.update({ updatedAt: at }, { where: { id: followup.ticketId }, transaction });
  return row;
}
