import { AnswerSatisfactionBody, SatisfactionView } from './satisfaction.schemas';
import type { SatisfactionService } from './satisfaction.service';
import { TicketParams } from './ticket.schemas';
import { route } from '../api/route';

export function satisfactionRoutes(satisfaction: SatisfactionService) {
  return [
    route({
      method: 'post',
      path: '/api/v1/tickets/:id/satisfaction',
      summary: 'Answer the satisfaction survey of a closed ticket (its requester, once, within the configured period)',
      tag: 'Satisfaction',
      allow: 'everyone',
      params: TicketParams,
      body: AnswerSatisfactionBody,
      response: SatisfactionView,
      status: 201,
      handle: async ({ user, params, body }) => satisfaction.answer(user, params.id, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/tickets/:id/satisfaction',
      summary: "The requester's answer to the satisfaction survey of a ticket; 404 while unanswered",
      tag: 'Satisfaction',
      allow: 'everyone',
      params: TicketParams,
      response: SatisfactionView,
      handle: async ({ user, params }) => satisfaction.get(user, params.id),
    }),
  ];
}
