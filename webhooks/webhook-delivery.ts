import { setTimeout as sleep } from 'node:timers/promises';
import type { Sequelize } from 'sequelize';
import { entityTree } from '../organisation/entity.repository';
import { descendantIds } from '../core/tree';
import { feedEnd, feedItems, feedPlaces, type FeedPlace } from '../tickets/ticket-feed.repository';
import { feedReaderOf } from '../tickets/ticket-feed.service';
import type { FeedItem } from '../tickets/ticket-feed.schemas';
import { advanceCursor, disableWebhook, logAttempt, subscriberOf, ticketFactsOf, webhookById } from './webhook.repository';
import type { WebhookRow } from './webhook.models';
import { wants, type Subscription } from './webhook-filter';
import { messageIdOf, signedHeaders } from './webhook-signature';
import { sendWebhook, type AttemptOutcome } from './webhook-sender';
import type { WebhookFilters } from './webhook.schemas';
import type { WebhookPassResult } from '../workflows/webhook.contracts';

export interface DeliverySettings {
  /** Whether receivers on loopback, link-local or private addresses may be called. */
  allowPrivate: boolean;
}

const PLACES_AT_ONCE = 100;
const IDLE_POLL_MS = 250;

/** Why an attempt failed, as the log and the workflow tell it. */
const failureOf = (outcome: AttemptOutcome): string => outcome.error ?? `answered ${outcome.status}`;

/** The body of a delivery, as Standard Webhooks shapes it. */
const bodyOf = (item: FeedItem): string => JSON.stringify({ type: item.type, timestamp: item.at, data: item });

/** The secrets a delivery is signed with now: the current one, and the one before it while it is still valid. */
const secretsOf = (hook: WebhookRow, at: Date): string[] =>
  hook.previous_secret && hook.previous_secret_until && hook.previous_secret_until > at
    ? [hook.secret, hook.previous_secret]
    : [hook.secret];

/** Sends the item at `position` to the subscription once, and logs the attempt. */
export async function attemptDelivery(hook: WebhookRow, position: number, item: FeedItem, manual: boolean, settings: DeliverySettings) {
  const messageId = messageIdOf(hook.id, position);
  const at = new Date();
  const body = bodyOf(item);
  const outcome = await sendWebhook(hook.url, signedHeaders(messageId, at, body, secretsOf(hook, at)), body, settings.allowPrivate);
  const logged = await logAttempt({
    webhook_id: hook.id,
    message_id: messageId,
    position,
    type: item.type,
    ticket_id: item.ticketId,
    manual,
    status: outcome.status,
    delivered: outcome.delivered,
    error: outcome.delivered ? null : failureOf(outcome),
    answer_head: outcome.answerHead,
    duration_ms: outcome.durationMs,
    at,
  });
  return { outcome, logged };
}

async function subscriptionOf(hook: WebhookRow): Promise<Subscription> {
  const filters = JSON.parse(hook.filters) as WebhookFilters;
  const entities =
    filters.entity === undefined ? null : filters.entityChildren ? descendantIds(await entityTree(), filters.entity) : [filters.entity];
  return { events: JSON.parse(hook.events) as Subscription['events'], filters, entities, tokenId: hook.token_id };
}

/** The places after the subscription's cursor it may see and wants, with their items; the last place looked at. */
async function nextWanted(sequelize: Sequelize, hook: WebhookRow, subscription: Subscription, reader: ReturnType<typeof feedReaderOf>) {
  const end = await feedEnd(sequelize);
  const cursor = Number(hook.cursor);
  const places = await feedPlaces(sequelize, reader, cursor, end, PLACES_AT_ONCE);
  const facts = await ticketFactsOf([...new Set(places.map((place) => place.ticketId))]);
  const items = await feedItems(places);
  const wanted: { place: FeedPlace; item: FeedItem }[] = [];
  places.forEach((place, index) => {
    const item = items[index]!;
    if (wants(subscription, item.type, facts.get(place.ticketId)!, place.tokenId)) wanted.push({ place, item });
  });
  const lastLooked = places.length === PLACES_AT_ONCE ? places.at(-1)!.position : Math.max(end, cursor);
  return { wanted, lastLooked, moved: lastLooked !== cursor };
}

/**
 * One delivery pass: what the subscription wants after its cursor, in feed order, one at a time;
 * the cursor moves past each delivered item. Waits up to `idleMs` for something to deliver
 * (heartbeating). Stops at the first failed attempt, which the workflow retries after a pause.
 */
export async function deliverPass(
  sequelize: Sequelize,
  webhookId: number,
  settings: DeliverySettings,
  { idleMs, heartbeat }: { idleMs: number; heartbeat: () => void },
): Promise<WebhookPassResult> {
  const idleUntil = Date.now() + idleMs;
  let delivered = 0;
  // The subscription's cursor as last read: while the feed ends there, a look costs two queries.
  let known: number | null = null;
  for (;;) {
    heartbeat();
    if (known !== null && (await feedEnd(sequelize)) <= known) {
      if (Date.now() >= idleUntil) return { stopped: false, delivered, failure: null };
      await sleep(IDLE_POLL_MS);
      continue;
    }
    const hook = await webhookById(webhookId);
    if (!hook || !hook.enabled) return { stopped: true };
    const subscriber = await subscriberOf(hook);
    if (!subscriber) {
      await disableWebhook(hook.id, 'its owner or its API token can no longer read tickets');
      return { stopped: true };
    }
    const { wanted, lastLooked, moved } = await nextWanted(sequelize, hook, await subscriptionOf(hook), feedReaderOf(subscriber));
    for (const { place, item } of wanted) {
      heartbeat();
      const { outcome } = await attemptDelivery(hook, place.position, item, false, settings);
      if (outcome.gone) {
        await disableWebhook(hook.id, 'the receiver answered 410 Gone');
        return { stopped: true };
      }
      if (!outcome.delivered) return { stopped: false, delivered, failure: failureOf(outcome) };
      await advanceCursor(hook.id, place.position);
      delivered += 1;
    }
    await advanceCursor(hook.id, lastLooked);
    known = lastLooked;
    if (delivered > 0 || Date.now() >= idleUntil) return { stopped: false, delivered, failure: null };
    if (!moved) await sleep(IDLE_POLL_MS);
  }
}
