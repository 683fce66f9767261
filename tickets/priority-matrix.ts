/**
 * GLPI's default priority matrix: rows are urgency 1–5, columns impact 1–5, cells priority 1–5.
 * Priority 6 (major) is never computed: it is only set by hand.
 */
const DEFAULT_MATRIX: readonly (readonly number[])[] = [
  [1, 1, 2, 2, 2],
  [1, 2, 2, 3, 3],
  [2, 2, 3, 4, 4],
  [2, 3, 4, 4, 5],
  [2, 3, 4, 5, 5],
];

/** Priority (1–5) of a ticket from its urgency and impact (each 1–5). */
export function priorityOf(urgency: number, impact: number): number {
  const priority = DEFAULT_MATRIX[urgency - 1]?.[impact - 1];
  if (priority === undefined) throw new RangeError(`urgency and impact run from 1 to 5, got ${urgency} and ${impact}`);
  return priority;
}
