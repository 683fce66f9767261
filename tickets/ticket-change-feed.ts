import { Op } from 'sequelize';
import { logger } from '../config/logger';
import { FollowupRow, TaskRow, TicketEventRow } from './ticket.models';

/** Something happened to a ticket: a recorded event (a transition, a field change), a followup or a task. */
export interface TicketChange {
  ticket: number;
  kind: 'event' | 'followup' | 'task';
  at: string;
}

type Listener = (changes: TicketChange[]) => void;

interface Cursors {
  event: number;
  followup: number;
  task: number;
}

const BATCH = 500;

const orZero = async (max: Promise<unknown>): Promise<number> => Number((await max) ?? 0);

/**
 * One poller per process tells every subscriber what changed on which ticket since the last look:
 * new rows of the history, followups and tasks, read by id every `pollMs` while anyone listens.
 */
export function createTicketChangeFeed({ pollMs }: { pollMs: number }) {
  const listeners = new Set<Listener>();
  let cursors: Cursors | null = null;
  // Where the history stood when the first listener came: changes from then on are told.
  let start: Promise<Cursors> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const cursorsNow = async (): Promise<Cursors> => ({
    event: await orZero(TicketEventRow.max('id')),
    followup: await orZero(FollowupRow.max('id')),
    task: await orZero(TaskRow.max('id')),
  });

  async function poll(): Promise<void> {
    cursors ??= await start!;
    const [events, followups, tasks] = await Promise.all([
      TicketEventRow.findAll({
        where: { id: { [Op.gt]: cursors.event } },
        order: [['id', 'ASC']],
        limit: BATCH,
        attributes: ['id', 'ticket_id', 'at'],
      }),
      FollowupRow.findAll({
        where: { id: { [Op.gt]: cursors.followup } },
        order: [['id', 'ASC']],
        limit: BATCH,
        attributes: ['id', 'ticket_id', 'created_at'],
      }),
      TaskRow.findAll({
        where: { id: { [Op.gt]: cursors.task } },
        order: [['id', 'ASC']],
        limit: BATCH,
        attributes: ['id', 'ticket_id', 'created_at'],
      }),
    ]);
    cursors = {
      event: events.at(-1)?.id ?? cursors.event,
      followup: followups.at(-1)?.id ?? cursors.followup,
      task: tasks.at(-1)?.id ?? cursors.task,
    };
    const changes: TicketChange[] = [
      ...events.map((row) => ({ ticket: row.ticket_id, kind: 'event' as const, at: row.at.toISOString() })),
      ...followups.map((row) => ({ ticket: row.ticket_id, kind: 'followup' as const, at: row.created_at.toISOString() })),
      ...tasks.map((row) => ({ ticket: row.ticket_id, kind: 'task' as const, at: row.created_at.toISOString() })),
    ];
    if (changes.length > 0) for (const listener of listeners) listener(changes);
  }

  function schedule(): void {
    timer = setTimeout(() => {
      poll()
        .catch((error: unknown) => logger.warn({ err: error }, 'ticket changes not read; trying again'))
        .finally(() => {
          if (listeners.size > 0) schedule();
          else [timer, cursors, start] = [null, null, null];
        });
    }, pollMs);
  }

  return {
    /** Calls `listener` with each batch of changes until the returned function is called. */
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      if (!timer) {
        start ??= cursorsNow();
        schedule();
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type TicketChangeFeed = ReturnType<typeof createTicketChangeFeed>;
