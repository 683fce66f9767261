import { z } from 'zod';
import { CanonicalStatus, LifecycleKey } from '../lifecycles/definition';
import { FeedType } from '../tickets/ticket-feed.schemas';

const id = z.coerce.number().int().positive();

/** Which tickets a subscription is told of; every condition given must hold. */
export const WebhookFilters = z.strictObject({
  /** Tickets of this entity, and of the entities below it unless `entityChildren` is false. */
  entity: z.number().int().positive().optional(),
  entityChildren: z.boolean().default(true),
  category: z.number().int().positive().optional(),
  /** The ticket's lifecycle key. */
  lifecycle: LifecycleKey.max(64).optional(),
  /** The ticket's canonical status when the event is delivered. */
  status: z.array(CanonicalStatus).min(1).optional(),
});
export type WebhookFilters = z.infer<typeof WebhookFilters>;

const receiverUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).max(2048);

export const CreateWebhookBody = z.strictObject({
  url: receiverUrl,
  events: z.array(FeedType).min(1),
  filters: WebhookFilters.default({ entityChildren: true }),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const UpdateWebhookBody = z
  .strictObject({
    url: receiverUrl.optional(),
    events: z.array(FeedType).min(1).optional(),
    filters: WebhookFilters.optional(),
    /** true takes a disabled subscription up again from where it stopped. */
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one of url, events, filters, enabled' });
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

export const WebhookParams = z.strictObject({ id });
export const DeliveryParams = z.strictObject({ id, delivery: id });

export const WebhookView = z.object({
  id: z.number(),
  owner: z.number(),
  /** The API token that subscribed for itself, or null. */
  token: z.number().nullable(),
  url: z.string(),
  events: z.array(FeedType),
  filters: WebhookFilters,
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  /** Until when the secret before the last rotation still signs deliveries. */
  previousSecretUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookView = z.infer<typeof WebhookView>;

/** A subscription as created or rotated: with its signing secret, shown this once. */
export const WebhookWithSecret = WebhookView.extend({ secret: z.string() });
export const WebhookList = z.object({ items: z.array(WebhookView) });

export const DeliveryView = z.object({
  id: z.number(),
  messageId: z.string(),
  type: FeedType,
  ticketId: z.number(),
  attempt: z.number(),
  manual: z.boolean(),
  status: z.number().nullable(),
  delivered: z.boolean(),
  error: z.string().nullable(),
  answerHead: z.string().nullable(),
  durationMs: z.number(),
  at: z.string(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;
export const DeliveryList = z.object({ items: z.array(DeliveryView) });
