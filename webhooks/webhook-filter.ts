import type { FeedType } from '../tickets/ticket-feed.schemas';
import type { WebhookFilters } from './webhook.schemas';

/** What a filter reads of a ticket when its event is delivered. */
export interface TicketFacts {
  entity: number;
  category: number | null;
  lifecycle: string;
  status: string;
}

/** A subscription as its filter reads it; `entities` is its entity with the ones below it when they count. */
export interface Subscription {
  events: readonly FeedType[];
  filters: WebhookFilters;
  entities: readonly number[] | null;
  /** Its own API token: what that token did is never sent back to it. */
  tokenId: number | null;
}

/** Whether the subscription is told of an item of `type` on a ticket with `facts`, caused through `tokenId`. */
export function wants(subscription: Subscription, type: FeedType, facts: TicketFacts, tokenId: number | null): boolean {
  const { filters } = subscription;
  if (!subscription.events.includes(type)) return false;
  if (subscription.tokenId !== null && tokenId === subscription.tokenId) return false;
  if (subscription.entities && !subscription.entities.includes(facts.entity)) return false;
  if (filters.category !== undefined && facts.category !== filters.category) return false;
  if (filters.lifecycle !== undefined && facts.lifecycle !== filters.lifecycle) return false;
  return filters.status === undefined || (filters.status as readonly string[]).includes(facts.status);
}
