import { z } from 'zod';
import { ValidationError } from '../core/errors';
import type { TicketSort } from './ticket.schemas';

/** Where a page ended: the sort key of its last ticket, then its id (the tie-breaker). */
export interface ListPosition {
  key: number;
  id: number;
}

const Cursor = z.tuple([z.number().int(), z.number().int().positive()]);

/** An opaque cursor for the page after `last`. */
export const encodeCursor = (last: ListPosition): string => Buffer.from(JSON.stringify([last.key, last.id])).toString('base64url');

/** The position a cursor points after; a ValidationError naming `cursor` when it was not made by encodeCursor. */
export function decodeCursorOrFail(cursor: string): ListPosition {
  try {
    const [key, id] = Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { key, id };
  } catch {
    throw new ValidationError({ cursor: 'use the nextCursor of a previous page' });
  }
}

/** The column a sort orders by, and whether it runs downwards (ties always break on id, the same way). */
export function sortOrder(sort: TicketSort): { column: 'id' | 'priority'; descending: boolean } {
  return { column: sort.endsWith('priority') ? 'priority' : 'id', descending: sort.startsWith('-') };
}

/**
 * Words for a full-text search in boolean mode: every word must appear, as a prefix. Words shorter
 * than the index's token size (3) cannot be found by it and are left to the caller.
 * @example fullTextTerms('imprimante 2e étage') // '+imprimante* +étage*'
 */
export function fullTextTerms(q: string): string | null {
  const words = q
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length >= 3)
    .map((word) => `+${word}*`);
  return words.length > 0 ? words.join(' ') : null;
}
