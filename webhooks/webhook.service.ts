import { isIP } from 'node:net';
import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import { ForbiddenError, NotFoundError, ValidationError } from '../core/errors';
import { entityExistsOrFail } from '../organisation/entity.repository';
import { feedEnd, feedItems, feedPlaceAt } from '../tickets/ticket-feed.repository';
import { entitiesWhere } from '../users/access';
import type { CurrentUser } from '../users/user';
import { startWebhookWorkflow } from '../workflows/webhook-workflow.starter';
import { mayDeliverTo } from './webhook-address';
import { attemptDelivery, type DeliverySettings } from './webhook-delivery';
import { newWebhookSecret } from './webhook-signature';
import type { WebhookDeliveryRow, WebhookRow } from './webhook.models';
import { deliveriesOf, deliveryById, insertWebhook, listWebhooks, webhookById } from './webhook.repository';
import type { CreateWebhookBody, DeliveryView, UpdateWebhookBody, WebhookFilters, WebhookView } from './webhook.schemas';

/** How long the secret before a rotation still signs deliveries, so receivers can switch without losing one. */
const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const DELIVERIES_SHOWN = 100;

const viewOf = (row: WebhookRow): WebhookView => ({
  id: row.id,
  owner: row.owner_id,
  token: row.token_id,
  url: row.url,
  events: JSON.parse(row.events) as WebhookView['events'],
  filters: JSON.parse(row.filters) as WebhookFilters,
  enabled: row.enabled,
  disabledReason: row.disabled_reason,
  previousSecretUntil: row.previous_secret_until?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

const deliveryViewOf = (row: WebhookDeliveryRow): DeliveryView => ({
  id: Number(row.id),
  messageId: row.message_id,
  type: row.type as DeliveryView['type'],
  ticketId: row.ticket_id,
  attempt: row.attempt,
  manual: row.manual,
  status: row.status,
  delivered: row.delivered,
  error: row.error,
  answerHead: row.answer_head,
  durationMs: row.duration_ms,
  at: row.at.toISOString(),
});

const isAdministrator = (user: CurrentUser): boolean => entitiesWhere(user, 'admins').length > 0;

/**
 * Webhook subscriptions: administrators manage every one; an API token subscribes for itself and
 * sees only its own. Each subscription is delivered by a workflow of its own (`webhook-<id>`).
 */
export function createWebhookService({ temporal, sequelize, ...settings }: { temporal: Client; sequelize: Sequelize } & DeliverySettings) {
  // Outside the network, only https; an address written in the URL is checked at once, a name
  // each time it is resolved.
  function reachableOrFail(url: string): void {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !mayDeliverTo(host, settings.allowPrivate))
      throw new ValidationError({ url: `${host} is a loopback, link-local or private address, which webhooks may not reach` });
    if (target.protocol !== 'https:' && !settings.allowPrivate) throw new ValidationError({ url: 'use an https:// URL' });
  }

  async function ownOrFail(user: CurrentUser, id: number): Promise<WebhookRow> {
    const row = await webhookById(id);
    if (!row || (!isAdministrator(user) && (user.tokenId === null || row.token_id !== user.tokenId)))
      throw new NotFoundError(`Webhook ${id}`);
    return row;
  }

  async function filtersOrFail(filters: WebhookFilters): Promise<void> {
    if (filters.entity !== undefined) await entityExistsOrFail(filters.entity, 'filters.entity');
  }

  return {
    /** Subscribes; the secret is in this answer only. Delivery starts with the events that follow. */
    async create(user: CurrentUser, body: CreateWebhookBody): Promise<WebhookView & { secret: string }> {
      if (!isAdministrator(user) && user.tokenId === null)
        throw new ForbiddenError('Only administrators and API tokens subscribe to webhooks');
      reachableOrFail(body.url);
      await filtersOrFail(body.filters);
      const row = await insertWebhook({ ownerId: user.id, tokenId: user.tokenId, ...body, cursor: await feedEnd(sequelize) });
      await startWebhookWorkflow(temporal, row.id);
      return { ...viewOf(row), secret: row.secret };
    },

    async list(user: CurrentUser): Promise<WebhookView[]> {
      if (isAdministrator(user)) return (await listWebhooks()).map(viewOf);
      return user.tokenId === null ? [] : (await listWebhooks(user.tokenId)).map(viewOf);
    },

    get: async (user: CurrentUser, id: number): Promise<WebhookView> => viewOf(await ownOrFail(user, id)),

    /** Changes what it receives and where; `enabled: true` takes a disabled one up again from where it stopped. */
    async update(user: CurrentUser, id: number, body: UpdateWebhookBody): Promise<WebhookView> {
      const row = await ownOrFail(user, id);
      if (body.url) reachableOrFail(body.url);
      if (body.filters) await filtersOrFail(body.filters);
      await row.update({
        ...(body.url && { url: body.url }),
        ...(body.events && { events: JSON.stringify(body.events) }),
        ...(body.filters && { filters: JSON.stringify(body.filters) }),
        ...(body.enabled !== undefined && { enabled: body.enabled, disabled_reason: body.enabled ? null : 'disabled by hand' }),
      });
      if (row.enabled) await startWebhookWorkflow(temporal, row.id);
      return viewOf(row);
    },

    /** Removes it; its deliverer stops at its next look. */
    async remove(user: CurrentUser, id: number): Promise<WebhookView> {
      const row = await ownOrFail(user, id);
      await row.destroy();
      return viewOf(row);
    },

    /** A new secret, shown in this answer only; the one before still signs (beside it) for 24 h. */
    async rotateSecret(user: CurrentUser, id: number): Promise<WebhookView & { secret: string }> {
      const row = await ownOrFail(user, id);
      await row.update({
        previous_secret: row.secret,
        previous_secret_until: new Date(Date.now() + ROTATION_OVERLAP_MS),
        secret: newWebhookSecret(),
      });
      return { ...viewOf(row), secret: row.secret };
    },

    async deliveries(user: CurrentUser, id: number): Promise<DeliveryView[]> {
      const row = await ownOrFail(user, id);
      return (await deliveriesOf(row.id, DELIVERIES_SHOWN)).map(deliveryViewOf);
    },

    /** Sends the message of a logged attempt again now, as it was (same webhook-id), and logs it. */
    async redeliver(user: CurrentUser, id: number, deliveryId: number): Promise<DeliveryView> {
      const row = await ownOrFail(user, id);
      const delivery = await deliveryById(row.id, deliveryId);
      if (!delivery) throw new NotFoundError(`Delivery ${deliveryId}`);
      const place = await feedPlaceAt(Number(delivery.position));
      if (!place) throw new NotFoundError(`Delivery ${deliveryId}'s event`);
      const [item] = await feedItems([place]);
      const { logged } = await attemptDelivery(row, place.position, item!, true, settings);
      if (!logged) throw new NotFoundError(`Webhook ${id}`);
      return deliveryViewOf(logged);
    },
  };
}
export type WebhookService = ReturnType<typeof createWebhookService>;
