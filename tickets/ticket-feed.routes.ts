import { route } from '../api/route';
import type { TicketFeedService } from './ticket-feed.service';
import { FeedPage, FeedQuery } from './ticket-feed.schemas';

export function ticketFeedRoutes(feed: TicketFeedService) {
  return [
    route({
      method: 'get',
      path: '/api/v1/events',
      summary:
        'The change feed: every ticket event, followup and task the caller may see, in commit order, each once across pages. Resume from any `nextCursor`; `after=latest` gives the current end; `wait` (≤ 30 s) holds an empty answer until an event comes',
      tag: 'Tickets',
      allow: 'everyone',
      query: FeedQuery,
      response: FeedPage,
      handle: ({ user, query, gone }) => feed.page(user, query, gone),
    }),
  ];
}
