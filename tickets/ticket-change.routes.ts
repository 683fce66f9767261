import { once } from 'node:events';
import { z } from 'zod';
import type { TicketChange, TicketChangeFeed } from './ticket-change-feed';
import { changesSeenBy } from './ticket-change.service';
import type { CurrentUser } from '../users/user';
import { route, type EventStream } from '../api/route';

const ChangesQuery = z.strictObject({ ticket: z.coerce.number().int().positive().optional() });

/** One event per ticket that changed, once per batch: what changed on it, and when it last did. */
const TicketChanged = z.object({
  ticket: z.number(),
  kinds: z.array(z.enum(['event', 'followup', 'task'])),
  at: z.string(),
});

async function tell(stream: EventStream, user: CurrentUser, changes: TicketChange[]): Promise<void> {
  for (const changed of await changesSeenBy(user, changes)) stream.send('ticket', changed);
}

export function ticketChangeRoutes(feed: TicketChangeFeed) {
  return [
    route({
      method: 'get',
      path: '/api/v1/tickets/changes',
      summary:
        'Server-sent events: `ticket` each time a ticket the caller may see changes (status, fields, followups, tasks), within a second; `ready` once listening. With `ticket`, only that one',
      tag: 'Tickets',
      allow: 'everyone',
      query: ChangesQuery,
      response: TicketChanged,
      produces: 'text/event-stream',
      handle: async ({ user, query, stream }) => {
        const live = stream!;
        let told = Promise.resolve();
        const unsubscribe = feed.subscribe((changes) => {
          const wanted = query.ticket === undefined ? changes : changes.filter((change) => change.ticket === query.ticket);
          if (wanted.length > 0) told = told.then(() => tell(live, user, wanted)).catch(() => live.send('error', { retry: true }));
        });
        live.send('ready', {});
        // The stream may have ended already: the client gone, or the server stopping, while it opened.
        if (!live.closed.aborted) await once(live.closed, 'abort');
        unsubscribe();
        return null;
      },
    }),
  ];
}
