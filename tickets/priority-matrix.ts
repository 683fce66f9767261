import { z } from 'zod';

/** Rows are urgency 1–5, columns impact 1–5, cells priority 1–5. */
export const PriorityMatrix = z
  .array(z.array(z.number().int().min(1).max(5)).length(5, 'each row has one priority per impact 1–5'))
  .length(5, 'one row per urgency 1–5');
export type PriorityMatrix = z.infer<typeof PriorityMatrix>;

/**
 * GLPI's default priority matrix. Priority 6 (major) is never computed: it is only set by hand.
 */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  [1, 1, 2, 2, 2],
  [1, 2, 2, 3, 3],
  [2, 2, 3, 4, 4],
  [2, 3, 4, 4, 5],
  [2, 3, 4, 5, 5],
];

/**
 * Priority (1–5) of a ticket from its urgency and impact (each 1–5) on `matrix`.
 * @example priorityOf(5, 5) // 5
 */
export function priorityOf(urgency: number, impact: number, matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): number {
  const priority = matrix[urgency - 1]?.[impact - 1];
  if (priority === undefined) throw new RangeError(`urgency and impact run from 1 to 5, got ${urgency} and ${impact}`);
  return priority;
}
