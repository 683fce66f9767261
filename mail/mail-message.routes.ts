import { z } from 'zod';
import { route } from '../api/route';
import { TicketParams } from '../tickets/ticket.schemas';
import type { MailMessageService } from './mail-message.service';
import { CollectedMessage } from './mailbox.schemas';

const MailMessageParams = z.object({ id: z.coerce.number().int().positive() });

export function mailMessageRoutes(messages: MailMessageService) {
  return [
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/mail',
      summary: 'The e-mails a ticket and its followups came from, oldest first (the desk)',
      tag: 'Mailboxes',
      allow: 'desk',
      params: TicketParams,
      response: z.object({ items: z.array(CollectedMessage) }),
      handle: async ({ user, params }) => ({ items: await messages.ofTicket(user, params.id) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/mail-messages/:id/source',
      summary:
        "An e-mail as the mail server gave it (message/rfc822, downloaded): the desk's where its ticket is, its mailbox's administrators' when it became none",
      tag: 'Mailboxes',
      allow: 'desk',
      params: MailMessageParams,
      response: z.string(),
      produces: 'application/octet-stream',
      handle: async ({ user, params }) => messages.source(user, params.id),
    }),
  ];
}
