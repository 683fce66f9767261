import { Op } from 'sequelize';
import { logger } from '../config/logger';
import { TicketFeedRow } from './ticket-feed.models';
import { feedEnd, sequenceFeed } from './ticket-feed.repository';

/** Something happened to a ticket: a recorded event (a transition, a field change), a followup or a task; `at` is when it was seen. */
export interface TicketChange {
  ticket: number;
  kind: 'event' | 'followup' | 'task';
  at: string;
}

type Listener = (changes: TicketChange[]) => void;

const BATCH = 500;

/**
 * One poller per process tells every subscriber what changed on which ticket since the last look:
 * the change feed's new places, read in commit order every `pollMs` while anyone listens (a change
 * committed late is told late, never skipped).
 */
export function createTicketChangeFeed({ pollMs }: { pollMs: number }) {
  const listeners = new Set<Listener>();
  let cursor: number | null = null;
  // Where the feed stood when the first listener came: changes from then on are told.
  let start: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const sequelize = () => TicketFeedRow.sequelize!;

  async function poll(): Promise<void> {
    cursor ??= await start!;
    await sequenceFeed(sequelize());
    const rows = await TicketFeedRow.findAll({
      where: { position: { [Op.gt]: cursor } },
      order: [['position', 'ASC']],
      limit: BATCH,
      attributes: ['position', 'ticket_id', 'kind'],
    });
    if (rows.length === 0) return;
    cursor = Number(rows.at(-1)!.position);
    const at = new Date().toISOString();
    const changes = rows.map((row) => ({ ticket: row.ticket_id, kind: row.kind, at }));
    for (const listener of listeners) listener(changes);
  }

  function schedule(): void {
    timer = setTimeout(() => {
      poll()
        .catch((error: unknown) => logger.warn({ err: error }, 'ticket changes not read; trying again'))
        .finally(() => {
          if (listeners.size > 0) schedule();
          else [timer, cursor, start] = [null, null, null];
        });
    }, pollMs);
  }

  return {
    /** Calls `listener` with each batch of changes until the returned function is called. */
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      if (!timer) {
        start ??= feedEnd(sequelize());
        schedule();
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type TicketChangeFeed = ReturnType<typeof createTicketChangeFeed>;
