import { z } from 'zod';
import { CreateLinkBody, LinkList, LinkView } from './ticket-link.schemas';
import { ticketLinkService } from './ticket-link.service';
import { TicketParams } from './ticket.schemas';
import { route } from '../api/route';

const UnlinkParams = z.object({ id: z.coerce.number().int().positive(), ticket: z.coerce.number().int().positive() });

export function ticketLinkRoutes() {
  return [
    route({
      method: 'post',
      path: '/api/v1/tickets/:id/links',
      summary:
        'Link another ticket: related, duplicate_of / duplicated_by (resolving the original resolves its duplicates), parent_of / child_of (a parent closes after its children)',
      tag: 'Links',
      allow: 'desk',
      params: TicketParams,
      body: CreateLinkBody,
      response: LinkView,
      status: 201,
      handle: async ({ user, params, body, idempotencyKey }) => ticketLinkService.link(user, params.id, body, idempotencyKey),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/links',
      summary: "A ticket's links, each as seen from it",
      tag: 'Links',
      allow: 'everyone',
      params: TicketParams,
      response: LinkList,
      handle: async ({ user, params }) => ({ items: await ticketLinkService.links(user, params.id) }),
    }),
    route({
      method: 'delete',
      path: '/api/v1/tickets/:id/links/:ticket',
      summary: 'Remove the links between two tickets',
      tag: 'Links',
      allow: 'desk',
      params: UnlinkParams,
      response: z.object({ removed: z.number() }),
      handle: async ({ user, params }) => ticketLinkService.unlink(user, params.id, params.ticket),
    }),
  ];
}
