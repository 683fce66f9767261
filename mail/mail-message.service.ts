import type { AttachmentService } from '../attachments/attachment.service';
import { NotFoundError } from '../core/errors';
import type { Download } from '../core/file-transfer';
import { actingOn, visibleTicketOrFail } from '../tickets/ticket.repository';
import { administers } from '../users/access';
import { isAgent, type CurrentUser } from '../users/user';
import { mailMessageById, mailOfTicket, toCollectedMessage } from './mail-message.repository';
import type { CollectedMessage } from './mailbox.schemas';
import { mailboxOrFail } from './mailbox.repository';

/**
 * The e-mails behind tickets, as the desk reads them: which messages a ticket and its followups
 * came from, and each one's original source. A message is the desk's where its ticket is, or its
 * mailbox's administrators' when it became no ticket (skipped or quarantined); for anyone else
 * it does not exist.
 */
export function createMailMessageService({ attachments }: { attachments: Pick<AttachmentService, 'original'> }) {
  async function readableOrFail(user: CurrentUser, id: number) {
    const row = await mailMessageById(id);
    const readable =
      row !== null &&
      (row.ticket_id === null
        ? administers(user, (await mailboxOrFail(row.mailbox_id)).entity_id)
        : await visibleTicketOrFail(user, row.ticket_id).then(
            (ticket) => isAgent(actingOn(user, ticket)),
            () => false,
          ));
    if (!readable) throw new NotFoundError(`mail message ${id}`);
    return row;
  }

  return {
    /** The messages ticket `ticketId` and its followups came from, oldest first; for the desk. */
    async ofTicket(user: CurrentUser, ticketId: number): Promise<CollectedMessage[]> {
      const ticket = await visibleTicketOrFail(user, ticketId);
      if (!isAgent(actingOn(user, ticket))) throw new NotFoundError(`ticket ${ticketId}`);
      return (await mailOfTicket(ticket.id)).map(toCollectedMessage);
    },

    /** A message as the mail server gave it, downloaded as a `.eml` file. */
    async source(user: CurrentUser, id: number): Promise<Download> {
      const row = await readableOrFail(user, id);
      const content = row.source_sha256 === null ? null : await attachments.original(row.source_sha256);
      if (!content) throw new NotFoundError(`the source of mail message ${id}`);
      return { name: `message-${row.id}.eml`, type: 'message/rfc822', size: Number(row.source_size), inline: false, content };
    },
  };
}

export type MailMessageService = ReturnType<typeof createMailMessageService>;
