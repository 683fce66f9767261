import { priorityOf, type PriorityMatrix } from './priority-matrix';

/** The fields of a ticket that change by editing it, as stored (times as ISO-8601 strings). */
export interface TicketFields {
  title: string;
  description: string;
  urgency: number;
  impact: number;
  priority: number;
  priorityOverridden: boolean;
  category: number | null;
  entity: number;
  source: string;
  location: string | null;
  dueAt: string | null;
  /** Requesters besides the main one, and observers: user ids, in ascending order. */
  requesters: number[];
  observers: number[];
  /** The assets the ticket concerns: asset ids, in ascending order. */
  assets: number[];
}

/** An edit: the fields to set. `priority` set by hand overrides the matrix (6, "major", only so); null gives it back to the matrix. */
export type TicketFieldEdit = Partial<Omit<TicketFields, 'priorityOverridden' | 'priority'> & { priority: number | null }>;

export type FieldChanges = Partial<Record<keyof TicketFields, { from: unknown; to: unknown }>>;

/**
 * The ticket after `edit`, with the priority recomputed from urgency and impact on `matrix`
 * unless it is (or stays) set by hand, and what changed, field by field.
 * @example editTicketFields(fields, { urgency: 5 }, matrix).changes // { urgency: {from: 3, to: 5}, priority: {from: 3, to: 4} }
 */
export function editTicketFields(
  current: TicketFields,
  edit: TicketFieldEdit,
  matrix: PriorityMatrix,
): { next: TicketFields; changes: FieldChanges } {
  const { priority, ...rest } = edit;
  const next: TicketFields = { ...current, ...rest };
  next.requesters = [...new Set(next.requesters)].sort((a, b) => a - b);
  next.observers = [...new Set(next.observers)].sort((a, b) => a - b);
  next.assets = [...new Set(next.assets)].sort((a, b) => a - b);
  if (priority !== undefined) next.priorityOverridden = priority !== null;
  next.priority = next.priorityOverridden ? (priority ?? current.priority) : priorityOf(next.urgency, next.impact, matrix);
  const changes: FieldChanges = {};
  for (const field of Object.keys(next) as (keyof TicketFields)[]) {
    if (JSON.stringify(next[field]) !== JSON.stringify(current[field])) changes[field] = { from: current[field], to: next[field] };
  }
  return { next, changes };
}
