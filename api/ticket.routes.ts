import { z } from 'zod';
import type { createTicketService } from '../tickets/ticket.service';
import { ticketHistory, visibleTicketOrFail } from '../tickets/ticket.repository';
import {
  ACTION_PAYLOADS,
  ActionParams,
  CreateTicketBody,
  ListTicketsQuery,
  TicketHistory,
  TicketList,
  TicketParams,
  TicketView,
} from '../tickets/ticket.schemas';
import { route } from './route';
import { parseOrFail } from './validation';

const IdempotencyKey = z.string().min(1).max(255).optional();
const AnyPayload = z.record(z.string(), z.unknown());

export function ticketRoutes(tickets: ReturnType<typeof createTicketService>) {
  return [
    route({
      method: 'post',
      path: '/api/v1/tickets',
      summary: 'File a ticket (incident or request); its workflow starts with it',
      tag: 'Tickets',
      authenticated: true,
      body: CreateTicketBody,
      response: TicketView,
      status: 201,
      headers: ['Idempotency-Key'],
      handle: async ({ user, body, header }) =>
        tickets.create(user, body, parseOrFail(IdempotencyKey, header('idempotency-key'), 'Idempotency-Key')),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets',
      summary: 'List the tickets the caller may see, newest first',
      tag: 'Tickets',
      authenticated: true,
      query: ListTicketsQuery,
      response: TicketList,
      handle: async ({ user, query }) => tickets.list(user, query),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id',
      summary: 'A ticket, with the actions the caller may take now',
      tag: 'Tickets',
      authenticated: true,
      params: TicketParams,
      response: TicketView,
      handle: async ({ user, params }) => tickets.get(user, params.id),
    }),
    route({
      method: 'post',
      path: '/api/v1/tickets/:id/actions/:action',
      summary: "Take a lifecycle action; 409 with the allowed list when the ticket's workflow refuses it",
      tag: 'Tickets',
      authenticated: true,
      params: ActionParams,
      body: AnyPayload.optional(),
      response: TicketView,
      handle: async ({ user, params, body }) => {
        const schema = ACTION_PAYLOADS[params.action] ?? AnyPayload;
        return tickets.act(user, params.id, params.action, parseOrFail(schema, body ?? {}));
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/history',
      summary: 'Every recorded event of a ticket, in order, from its creation on',
      tag: 'Tickets',
      authenticated: true,
      params: TicketParams,
      response: TicketHistory,
      handle: async ({ user, params }) => {
        const ticket = await visibleTicketOrFail(user, params.id);
        const rows = await ticketHistory(ticket.id);
        return {
          items: rows.map((r) => ({
            seq: r.seq,
            at: r.at.toISOString(),
            actor: r.actor_id,
            action: r.action,
            from: r.from_state,
            to: r.to_state,
            data: JSON.parse(r.data) as Record<string, unknown>,
          })),
        };
      },
    }),
  ];
}
