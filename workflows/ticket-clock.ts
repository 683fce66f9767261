import { SYSTEM_ACTOR, type TicketEvent } from '../lifecycles/ticket-context';

/** A clock of the ticket (an SLA's, or a state's timer), due at `at`. */
export interface DueClock {
  at: number;
  run: () => Promise<unknown>;
}

export const DEFAULT_AUTO_CLOSE_MS = 7 * 24 * 3_600_000;

export interface ClockState {
  /** When set, the ticket leaves `pending` by itself at this time (ISO-8601). */
  pendingUntil: string | null;
  /** When the ticket was last resolved (ISO-8601), while it stays resolved. */
  resolvedSince: string | null;
  autoCloseAfterMs: number;
}

/**
 * The ticket's own next clock, if any: a pending ticket resumes at its date, a resolved one
 * closes itself when the requester does not answer.
 * @example nextClock({ pendingUntil: null, resolvedSince: '2026-01-01T00:00:00Z', autoCloseAfterMs: 1000 })?.event.type // 'close'
 */
export function nextClock(clock: ClockState): { at: number; event: TicketEvent } | null {
  if (clock.pendingUntil !== null) {
    return {
      at: Date.parse(clock.pendingUntil),
      event: { type: 'resume', actor: SYSTEM_ACTOR, payload: { reason: 'pending_until_reached' } },
    };
  }
  if (clock.resolvedSince !== null) {
    const event = { type: 'close', actor: SYSTEM_ACTOR, payload: { reason: 'no_answer_from_requester' } };
    return { at: Date.parse(clock.resolvedSince) + clock.autoCloseAfterMs, event };
  }
  return null;
}
