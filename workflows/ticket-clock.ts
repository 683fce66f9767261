import { SYSTEM_ACTOR, type TicketEvent } from '../lifecycles/ticket-context';

/** A clock of the ticket (an SLA's, or a state's timer), due at `at`. */
export interface DueClock {
  at: number;
  run: () => Promise<unknown>;
}

export const DEFAULT_AUTO_CLOSE_MS = 7 * 24 * 3_600_000;

/** How far ahead of a clock its first timer aims, when the clock is further off than twice that. */
const AIM_AGAIN_MS = 5_000;

/**
 * How long the timer for a clock due in `waitMs` runs. A workflow counts a timer from the start of
 * the task that sets it, while the server runs it from when it takes that task's commands: a task
 * that waited on a busy worker sets its timer late by as long as it waited. So a clock further off
 * is first aimed AIM_AGAIN_MS early, then aimed again from a task that does nothing else.
 * @example timerAim(60_000) // 55_000
 * @example timerAim(3_000) // 3_000
 */
export function timerAim(waitMs: number): number {
  return waitMs > 2 * AIM_AGAIN_MS ? waitMs - AIM_AGAIN_MS : waitMs;
}

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
