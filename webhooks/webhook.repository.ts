import { ForeignKeyConstraintError, Op, type InferCreationAttributes, type Transaction } from 'sequelize';
import { TicketRow } from '../tickets/ticket.models';
import { currentUserOf } from '../users/current-user.repository';
import { ApiTokenRow, UserRow } from '../users/user.models';
import type { CurrentUser } from '../users/user';
import { WebhookDeliveryRow, WebhookRow } from './webhook.models';
import { newWebhookSecret } from './webhook-signature';

export interface NewWebhook {
  ownerId: number;
  tokenId: number | null;
  url: string;
  events: readonly string[];
  filters: object;
  /** The feed position it starts after. */
  cursor: number;
}

/** Stores a subscription, enabled, with a new secret. */
export const insertWebhook = (hook: NewWebhook): Promise<WebhookRow> =>
  WebhookRow.create({
    owner_id: hook.ownerId,
    token_id: hook.tokenId,
    url: hook.url,
    events: JSON.stringify(hook.events),
    filters: JSON.stringify(hook.filters),
    secret: newWebhookSecret(),
    previous_secret: null,
    previous_secret_until: null,
    enabled: true,
    disabled_reason: null,
    cursor: hook.cursor,
  });

export const webhookById = (id: number, transaction?: Transaction): Promise<WebhookRow | null> =>
  WebhookRow.findByPk(id, { transaction, ...(transaction && { lock: transaction.LOCK.UPDATE }) });

export const enabledWebhookIds = async (): Promise<number[]> =>
  (await WebhookRow.findAll({ where: { enabled: true }, attributes: ['id'] })).map((row) => row.id);

/** Subscriptions, newest first: all of them, or those an API token made for itself. */
export const listWebhooks = (tokenId?: number): Promise<WebhookRow[]> =>
  WebhookRow.findAll({ where: tokenId === undefined ? {} : { token_id: tokenId }, order: [['id', 'DESC']] });

/** Moves the subscription's cursor forward to `position` (never back). */
export const advanceCursor = (id: number, position: number): Promise<unknown> =>
  WebhookRow.update({ cursor: position }, { where: { id, cursor: { [Op.lt]: position } } });

export const disableWebhook = (id: number, reason: string): Promise<unknown> =>
  WebhookRow.update({ enabled: false, disabled_reason: reason.slice(0, 255) }, { where: { id, enabled: true } });

/**
 * Who the subscription reads the feed as: its owner with their profiles now, through its token
 * when it has one; null when the account is disabled or the token revoked or expired.
 */
export async function subscriberOf(hook: WebhookRow): Promise<CurrentUser | null> {
  const owner = await UserRow.findByPk(hook.owner_id);
  if (!owner || owner.disabled) return null;
  if (hook.token_id !== null) {
    const live = await ApiTokenRow.count({
      where: { id: hook.token_id, revoked_at: null, [Op.or]: [{ expires_at: null }, { expires_at: { [Op.gt]: new Date() } }] },
    });
    if (live === 0) return null;
  }
  return currentUserOf(owner, hook.token_id);
}

/** What filters read of each ticket: its entity, category, lifecycle and canonical status now. */
export async function ticketFactsOf(ids: number[]) {
  const rows = await TicketRow.findAll({ where: { id: ids }, attributes: ['id', 'entity_id', 'category_id', 'lifecycle_key', 'status'] });
  return new Map(
    rows.map((row) => [row.id, { entity: row.entity_id, category: row.category_id, lifecycle: row.lifecycle_key, status: row.status }]),
  );
}

export type DeliveryRecord = Omit<InferCreationAttributes<WebhookDeliveryRow>, 'id' | 'attempt'>;

/** Logs one attempt, numbered after the earlier attempts at the same message; null when the subscription was removed meanwhile. */
export async function logAttempt(record: DeliveryRecord): Promise<WebhookDeliveryRow | null> {
  const earlier = await WebhookDeliveryRow.count({ where: { webhook_id: record.webhook_id, message_id: record.message_id } });
  return WebhookDeliveryRow.create({ ...record, attempt: earlier + 1 }).catch((error: unknown) => {
    if (error instanceof ForeignKeyConstraintError) return null;
    throw error;
  });
}

/** The subscription's latest attempts, newest first. */
export const deliveriesOf = (webhookId: number, limit: number): Promise<WebhookDeliveryRow[]> =>
  WebhookDeliveryRow.findAll({ where: { webhook_id: webhookId }, order: [['id', 'DESC']], limit });

export const deliveryById = (webhookId: number, id: number): Promise<WebhookDeliveryRow | null> =>
  WebhookDeliveryRow.findOne({ where: { webhook_id: webhookId, id } });

/** Who hears of the subscription's troubles: the administrator who made it, or who issued its API token. */
export async function ownerAddressOf(hook: WebhookRow): Promise<string | null> {
  const token = hook.token_id === null ? null : await ApiTokenRow.findByPk(hook.token_id);
  const person = await UserRow.findByPk(token ? token.created_by : hook.owner_id);
  return person?.email ?? null;
}
