import { z } from 'zod';
import type { TicketService } from './ticket.service';
import {
  ACTION_PAYLOADS,
  ActionParams,
  CreateTicketBody,
  EditTicketBody,
  QueueCounts,
  ListTicketsQuery,
  TicketActorNames,
  TicketAssetList,
  TicketHistory,
  TicketList,
  TicketParams,
  TicketView,
} from './ticket.schemas';
import { createTimelineService } from './timeline.service';
import { CreateFollowupBody, CreateTaskBody, Timeline, TimelineItem } from './timeline.schemas';
import { route } from '../api/route';
import { versionOfIfMatch } from '../api/validation';
import { parseOrFail } from '../core/parse-or-fail';

const AnyPayload = z.record(z.string(), z.unknown());

export function ticketRoutes(tickets: TicketService) {
  const timelineService = createTimelineService(tickets);
  return [
    route({
      method: 'post',
      path: '/api/v1/tickets',
      summary: 'File a ticket (incident or request); its workflow starts with it',
      tag: 'Tickets',
      allow: 'filers',
      body: CreateTicketBody,
      response: TicketView,
      status: 201,
      handle: async ({ user, body, idempotencyKey }) => tickets.create(user, body, idempotencyKey),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets',
      summary: 'List the tickets the caller may see, newest first',
      tag: 'Tickets',
      allow: 'everyone',
      query: ListTicketsQuery,
      response: TicketList,
      handle: async ({ user, query }) => tickets.list(user, query),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/queues',
      summary: "How many tickets each of the caller's saved views holds (mine, my groups, unassigned, waiting)",
      tag: 'Tickets',
      allow: 'everyone',
      response: QueueCounts,
      handle: async ({ user }) => tickets.queueCounts(user),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id',
      summary: 'A ticket, with the actions the caller may take now',
      tag: 'Tickets',
      allow: 'everyone',
      params: TicketParams,
      response: TicketView,
      etag: true,
      handle: async ({ user, params }) => tickets.get(user, params.id),
    }),
    route({
      method: 'patch',
      path: '/api/v1/tickets/:id',
      summary: "Edit a ticket's fields (the desk); with If-Match, 412 when someone changed it since",
      tag: 'Tickets',
      allow: 'desk',
      params: TicketParams,
      body: EditTicketBody,
      response: TicketView,
      etag: true,
      headers: ['If-Match'],
      mayAccept: true,
      handle: async ({ user, params, body, header, idempotencyKey }) =>
        tickets.edit(user, params.id, body, versionOfIfMatch(header('if-match')), idempotencyKey),
    }),
    route({
      method: 'post',
      path: '/api/v1/tickets/:id/actions/:action',
      summary: "Take a lifecycle action; 409 with the allowed list when the ticket's workflow refuses it",
      tag: 'Tickets',
      allow: 'everyone',
      params: ActionParams,
      body: AnyPayload.optional(),
      response: TicketView,
      mayAccept: true,
      handle: async ({ user, params, body, idempotencyKey }) => {
        const schema = ACTION_PAYLOADS[params.action] ?? AnyPayload;
        return tickets.act(user, params.id, params.action, parseOrFail(schema, body ?? {}), idempotencyKey);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/actors',
      summary: 'Who is on a ticket, by name: its requesters, observers, technicians and groups',
      tag: 'Tickets',
      allow: 'everyone',
      params: TicketParams,
      response: TicketActorNames,
      handle: ({ user, params }) => tickets.actors(user, params.id),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/assets',
      summary: 'The assets a ticket concerns, named: whoever sees the ticket sees what it is about',
      tag: 'Tickets',
      allow: 'everyone',
      params: TicketParams,
      response: TicketAssetList,
      handle: async ({ user, params }) => ({ items: await tickets.assets(user, params.id) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/history',
      summary: 'Every recorded event of a ticket, in order, from its creation on',
      tag: 'Tickets',
      allow: 'everyone',
      params: TicketParams,
      response: TicketHistory,
      handle: async ({ user, params }) => ({ items: await timelineService.history(user, params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/tickets/:id/followups',
      summary: 'Add a followup (private ones are for the desk only)',
      tag: 'Timeline',
      allow: 'everyone',
      params: TicketParams,
      body: CreateFollowupBody,
      response: TimelineItem,
      status: 201,
      handle: async ({ user, params, body, idempotencyKey }) => timelineService.addFollowup(user, params.id, body, idempotencyKey),
    }),
    route({
      method: 'post',
      path: '/api/v1/tickets/:id/tasks',
      summary: 'Add a task (the desk only)',
      tag: 'Timeline',
      allow: 'desk',
      params: TicketParams,
      body: CreateTaskBody,
      response: TimelineItem,
      status: 201,
      handle: async ({ user, params, body, idempotencyKey }) => timelineService.addTask(user, params.id, body, idempotencyKey),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/timeline',
      summary: 'Followups, tasks and recorded events in one ordered timeline; requesters never see private items',
      tag: 'Timeline',
      allow: 'everyone',
      params: TicketParams,
      response: Timeline,
      handle: async ({ user, params }) => ({ items: await timelineService.timeline(user, params.id) }),
    }),
  ];
}
