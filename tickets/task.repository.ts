import type { Transaction } from 'sequelize';
import { TaskRow } from './ticket.models';
import { appendToFeed } from './ticket-feed.repository';

export interface NewTask {
  ticketId: number;
  authorId: number;
  content: string;
  durationMinutes: number | null;
  state: 'todo' | 'done';
  plannedStart: Date | null;
  plannedEnd: Date | null;
  /** The API token it came through, if any. */
  tokenId: number | null;
}

/** Writes a task and, in the same transaction, its place in the change feed. */
export async function createTask(task: NewTask, transaction?: Transaction): Promise<TaskRow> {
  if (!transaction) return TaskRow.sequelize!.transaction((own) => createTask(task, own));
  const row = await TaskRow.create(
    {
      ticket_id: task.ticketId,
      author_id: task.authorId,
      content: task.content,
      duration_minutes: task.durationMinutes,
      state: task.state,
      planned_start: task.plannedStart,
      planned_end: task.plannedEnd,
      created_at: new Date(),
    },
    { transaction },
  );
  await appendToFeed(transaction, { ticketId: task.ticketId, kind: 'task', refId: row.id, tokenId: task.tokenId });
  return row;
}
