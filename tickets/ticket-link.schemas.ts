import { z } from 'zod';

/** A link as seen from one ticket: the other ticket is related to it, its duplicate or original, its parent or child. */
export const LinkKind = z.enum(['related', 'duplicate_of', 'duplicated_by', 'parent_of', 'child_of']);
export type LinkKind = z.infer<typeof LinkKind>;

export const CreateLinkBody = z.strictObject({ ticket: z.number().int().positive(), kind: LinkKind });
export type CreateLinkBody = z.infer<typeof CreateLinkBody>;

export const LinkView = z.object({ ticket: z.number(), kind: LinkKind, createdAt: z.string() });
export type LinkView = z.infer<typeof LinkView>;
export const LinkList = z.object({ items: z.array(LinkView) });

/** How a link is stored: one way, `from` duplicates / is the parent of / is related to `to`. */
export type StoredLinkKind = 'related' | 'duplicate_of' | 'parent_of';

/**
 * The stored form of a link asked from `ticket`'s side.
 * @example storedLink(7, { ticket: 3, kind: 'child_of' }) // { from: 3, to: 7, kind: 'parent_of' }
 */
export function storedLink(ticket: number, body: CreateLinkBody): { from: number; to: number; kind: StoredLinkKind } {
  switch (body.kind) {
    case 'duplicated_by':
      return { from: body.ticket, to: ticket, kind: 'duplicate_of' };
    case 'child_of':
      return { from: body.ticket, to: ticket, kind: 'parent_of' };
    case 'related':
      // Related is symmetric: stored once, from the lower id.
      return { from: Math.min(ticket, body.ticket), to: Math.max(ticket, body.ticket), kind: 'related' };
    default:
      return { from: ticket, to: body.ticket, kind: body.kind };
  }
}

/** A stored link as `ticket` sees it. */
export function linkSeenFrom(
  ticket: number,
  stored: { from: number; to: number; kind: StoredLinkKind },
): { ticket: number; kind: LinkKind } {
  if (stored.from === ticket) return { ticket: stored.to, kind: stored.kind };
  const inverse: Record<StoredLinkKind, LinkKind> = { related: 'related', duplicate_of: 'duplicated_by', parent_of: 'child_of' };
  return { ticket: stored.from, kind: inverse[stored.kind] };
}
