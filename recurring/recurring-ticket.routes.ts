import { z } from 'zod';
import { route } from '../api/route';
import type { RecurringTicketService } from './recurring-ticket.service';
import { CreateRecurringTicketBody, EditRecurringTicketBody, RecurringTicketList, RecurringTicketView } from './recurring-ticket.schemas';

const RecurringParams = z.object({ id: z.coerce.number().int().positive() });
const RecurringDefinition = RecurringTicketView.omit({ nextOccurrences: true });

export function recurringTicketRoutes(recurring: RecurringTicketService) {
  return [
    route({
      method: 'get',
      path: '/api/v1/recurring-tickets',
      summary: 'The recurring tickets of the entities you see, by name',
      tag: 'Recurring tickets',
      allow: 'admins',
      response: RecurringTicketList,
      handle: async ({ user }) => ({ items: await recurring.list(user) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/recurring-tickets',
      summary: 'Set up a ticket filed on a schedule (days of the week, a day of the month, every N days) in an entity you administer',
      tag: 'Recurring tickets',
      allow: 'admins',
      body: CreateRecurringTicketBody,
      response: RecurringTicketView,
      status: 201,
      handle: ({ user, body }) => recurring.create(user, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/recurring-tickets/:id',
      summary: 'A recurring ticket with its next occurrences',
      tag: 'Recurring tickets',
      allow: 'admins',
      params: RecurringParams,
      response: RecurringTicketView,
      handle: ({ user, params }) => recurring.get(user, params.id),
    }),
    route({
      method: 'patch',
      path: '/api/v1/recurring-tickets/:id',
      summary: 'Change what a recurring ticket files, when, or its name',
      tag: 'Recurring tickets',
      allow: 'admins',
      params: RecurringParams,
      body: EditRecurringTicketBody,
      response: RecurringTicketView,
      handle: ({ user, params, body }) => recurring.edit(user, params.id, body),
    }),
    route({
      method: 'post',
      path: '/api/v1/recurring-tickets/:id/pause',
      summary: 'Pause a recurring ticket: no occurrence files a ticket until it is resumed',
      tag: 'Recurring tickets',
      allow: 'admins',
      params: RecurringParams,
      response: RecurringTicketView,
      handle: ({ user, params }) => recurring.setPaused(user, params.id, true),
    }),
    route({
      method: 'post',
      path: '/api/v1/recurring-tickets/:id/resume',
      summary: 'Resume a paused recurring ticket from its next occurrence (the ones missed meanwhile are not filed)',
      tag: 'Recurring tickets',
      allow: 'admins',
      params: RecurringParams,
      response: RecurringTicketView,
      handle: ({ user, params }) => recurring.setPaused(user, params.id, false),
    }),
    route({
      method: 'delete',
      path: '/api/v1/recurring-tickets/:id',
      summary: 'Remove a recurring ticket and its schedule; the tickets it filed stay',
      tag: 'Recurring tickets',
      allow: 'admins',
      params: RecurringParams,
      response: RecurringDefinition,
      handle: ({ user, params }) => recurring.remove(user, params.id),
    }),
  ];
}
