import { route } from '../api/route';
import type { WebhookService } from './webhook.service';
import {
  CreateWebhookBody,
  DeliveryList,
  DeliveryParams,
  DeliveryView,
  UpdateWebhookBody,
  WebhookList,
  WebhookParams,
  WebhookView,
  WebhookWithSecret,
} from './webhook.schemas';

// Administrators manage every subscription; an API token of any profile, its own.
const who = { tag: 'Webhooks', allow: 'admins', tokensToo: true } as const;

export function webhookRoutes(webhooks: WebhookService) {
  return [
    route({
      ...who,
      method: 'post',
      path: '/api/v1/webhooks',
      summary:
        'Subscribe a URL to feed events (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature), filtered by entity, category, lifecycle and status; never the events of the subscribing token itself. The secret is in this answer only',
      body: CreateWebhookBody,
      response: WebhookWithSecret,
      status: 201,
      handle: ({ user, body }) => webhooks.create(user, body),
    }),
    route({
      ...who,
      method: 'get',
      path: '/api/v1/webhooks',
      summary: 'The subscriptions: all of them for an administrator, its own for an API token (never their secrets)',
      response: WebhookList,
      handle: async ({ user }) => ({ items: await webhooks.list(user) }),
    }),
    route({
      ...who,
      method: 'get',
      path: '/api/v1/webhooks/:id',
      summary: 'One subscription, with why it was disabled if it was',
      params: WebhookParams,
      response: WebhookView,
      handle: ({ user, params }) => webhooks.get(user, params.id),
    }),
    route({
      ...who,
      method: 'patch',
      path: '/api/v1/webhooks/:id',
      summary: 'Change the URL, events or filters; enabled: true takes a disabled subscription up again from where it stopped',
      params: WebhookParams,
      body: UpdateWebhookBody,
      response: WebhookView,
      handle: ({ user, params, body }) => webhooks.update(user, params.id, body),
    }),
    route({
      ...who,
      method: 'delete',
      path: '/api/v1/webhooks/:id',
      summary: 'Remove a subscription; nothing more is delivered to it',
      params: WebhookParams,
      response: WebhookView,
      handle: ({ user, params }) => webhooks.remove(user, params.id),
    }),
    route({
      ...who,
      method: 'post',
      path: '/api/v1/webhooks/:id/rotate-secret',
      summary: 'A new signing secret, in this answer only; deliveries carry both signatures for 24 h',
      params: WebhookParams,
      response: WebhookWithSecret,
      handle: ({ user, params }) => webhooks.rotateSecret(user, params.id),
    }),
    route({
      ...who,
      method: 'get',
      path: '/api/v1/webhooks/:id/deliveries',
      summary: 'The latest delivery attempts, newest first: message, attempt, status, time, the first bytes of the answer',
      params: WebhookParams,
      response: DeliveryList,
      handle: async ({ user, params }) => ({ items: await webhooks.deliveries(user, params.id) }),
    }),
    route({
      ...who,
      method: 'post',
      path: '/api/v1/webhooks/:id/deliveries/:delivery/redeliver',
      summary: 'Send a logged message again now, with its webhook-id, and log the attempt',
      params: DeliveryParams,
      response: DeliveryView,
      handle: ({ user, params }) => webhooks.redeliver(user, params.id, params.delivery),
    }),
  ];
}
