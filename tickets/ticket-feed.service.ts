import { setTimeout as sleep } from 'node:timers/promises';
import type { Sequelize } from 'sequelize';
import { entitiesWhere } from '../users/access';
import type { CurrentUser } from '../users/user';
import { feedEnd, feedItems, feedPlaces, type FeedReader } from './ticket-feed.repository';
import type { FeedPage, FeedQuery } from './ticket-feed.schemas';

/** What the feed shows `user`: the tickets of the entities they read, private followups where they work. */
export const feedReaderOf = (user: CurrentUser): FeedReader => ({
  userId: user.id,
  readerEntities: entitiesWhere(user, 'readers'),
  deskEntities: entitiesWhere(user, 'desk'),
});

/** How often a held request looks for new events. */
const WAIT_POLL_MS = 250;

/**
 * The change feed: every ticket event, followup and task the caller may see, in commit order,
 * each once across pages, from any cursor it gave (places are durable, so a restart of either
 * side resumes where it stopped).
 */
export function createTicketFeedService(sequelize: Sequelize) {
  async function pageAfter(user: CurrentUser, after: number, limit: number): Promise<FeedPage> {
    const end = await feedEnd(sequelize);
    const places = await feedPlaces(sequelize, feedReaderOf(user), after, end, limit);
    // A full page stops at its last item; a shorter one saw everything up to the end.
    const next = places.length === limit ? places.at(-1)!.position : Math.max(end, after);
    return { items: await feedItems(places), nextCursor: String(next) };
  }

  return {
    /** One page after `query.after`; with `wait`, an empty page is held until an event comes or the wait ends (or the caller goes). */
    async page(user: CurrentUser, query: FeedQuery, gone: AbortSignal): Promise<FeedPage> {
      if (query.after === 'latest') {
        return { items: [], nextCursor: String(await feedEnd(sequelize)) };
      }
      const after = Number(query.after ?? 0);
      const deadline = Date.now() + query.wait * 1000;
      for (;;) {
        const page = await pageAfter(user, after, query.limit);
        const left = deadline - Date.now();
        if (page.items.length > 0 || left <= 0 || gone.aborted) return page;
        await sleep(Math.min(WAIT_POLL_MS, left), undefined, { signal: gone }).catch(() => undefined);
      }
    },
  };
}
export type TicketFeedService = ReturnType<typeof createTicketFeedService>;
