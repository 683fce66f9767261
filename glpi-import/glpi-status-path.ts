import type { CanonicalStatus } from '../lifecycles/definition';

/** One lifecycle action of a ticket's past and the status it left the ticket in. */
export interface StatusStep {
  action: string;
  to: CanonicalStatus;
}

const FINISHED = new Set<CanonicalStatus>(['resolved', 'closed']);

/**
 * The lifecycle actions that took a ticket from one GLPI status to the next, as guichet's history
 * names them (GLPI records only the statuses): a solved or closed ticket set back to work had its
 * solution refused, one closed straight from work was solved on the way. Two of GLPI's moves have
 * no action of their own here and keep the nearest one's name: a closed ticket reopened (refused
 * solution) and a plan dropped when (re)assigning (assign).
 *
 * @example stepsBetween('assigned', 'closed') // [{ action: 'resolve', to: 'resolved' }, { action: 'close', to: 'closed' }]
 */
export function stepsBetween(from: CanonicalStatus, to: CanonicalStatus): StatusStep[] {
  if (from === to) return [];
  if (FINISHED.has(from) && !FINISHED.has(to)) {
    const reopened: CanonicalStatus = to === 'new' ? 'new' : 'assigned';
    return [{ action: 'refuse_solution', to: reopened }, ...stepsBetween(reopened, to)];
  }
  switch (to) {
    case 'new':
      if (from === 'planned') return [...stepsBetween(from, 'assigned'), { action: 'unassign', to }];
      return [{ action: from === 'pending' ? 'resume' : 'unassign', to }];
    case 'assigned':
      // From planned: GLPI dropped the plan when (re)assigning.
      return [{ action: from === 'pending' ? 'resume' : 'assign', to }];
    case 'planned':
      return from === 'assigned' ? [{ action: 'plan', to }] : [...stepsBetween(from, 'assigned'), { action: 'plan', to }];
    case 'pending':
      return [{ action: 'pend', to }];
    case 'resolved':
      return from === 'closed'
        ? [
            { action: 'refuse_solution', to: 'assigned' },
            { action: 'resolve', to },
          ]
        : [{ action: 'resolve', to }];
    case 'closed':
      return from === 'resolved'
        ? [{ action: 'close', to }]
        : [
            { action: 'resolve', to: 'resolved' },
            { action: 'close', to },
          ];
  }
}

/** GLPI's status numbers (1 new, 2 assigned, 3 planned, 4 pending, 5 solved, 6 closed) as guichet's statuses. */
export const GLPI_STATUSES: Record<number, CanonicalStatus> = {
  1: 'new',
  2: 'assigned',
  3: 'planned',
  4: 'pending',
  5: 'resolved',
  6: 'closed',
};
