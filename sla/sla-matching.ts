import type { SlaMatch } from './sla.schemas';

export interface SlaCandidate {
  id: number;
  match: SlaMatch;
}

/** What matching looks at on a ticket; category and entity come with every one above them. */
export interface TicketForSla {
  priority: number;
  type: string;
  categoryChain: number[];
  entityChain: number[];
}

function fits(match: SlaMatch, ticket: TicketForSla): boolean {
  return (
    (match.priority === undefined || match.priority.includes(ticket.priority)) &&
    (match.type === undefined || match.type === ticket.type) &&
    (match.category === undefined || ticket.categoryChain.includes(match.category)) &&
    (match.entity === undefined || ticket.entityChain.includes(match.entity))
  );
}

const criteria = (match: SlaMatch): number => Object.values(match).filter((value) => value !== undefined).length;

/**
 * The SLA that applies to a ticket: of those whose every criterion fits it, the one with the most
 * criteria; the oldest among equals.
 * @example mostSpecificSla([{ id: 1, match: {} }, { id: 2, match: { priority: [1] } }], ticket) // 2 for a priority-1 ticket
 */
export function mostSpecificSla(candidates: readonly SlaCandidate[], ticket: TicketForSla): number | null {
  const fitting = candidates.filter((candidate) => fits(candidate.match, ticket));
  fitting.sort((a, b) => criteria(b.match) - criteria(a.match) || a.id - b.id);
  return fitting[0]?.id ?? null;
}
