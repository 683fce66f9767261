import { timerDelayMs } from '../lifecycles/state-timers';
import { SYSTEM_ACTOR } from '../lifecycles/ticket-context';
import type { DueClock } from './ticket-clock';
import type { TicketRun } from './ticket-run';

const timersOf = (run: TicketRun) => run.definition.states[run.position.state]?.timers ?? [];

// A timer fires once per stay in its state: it is spent first, so one its lifecycle refuses does not fire again.
async function fireTimer(run: TicketRun, index: number): Promise<void> {
  const timer = timersOf(run)[index];
  if (!timer || run.timersDone.includes(index)) return;
  run.timersDone = [...run.timersDone, index];
  const payload: Record<string, unknown> = { reason: 'state_timer' };
  if (timer.action === 'escalate') {
    const group = await run.nextLevelGroup();
    if (group !== null) payload['group'] = group;
  }
  await run.fire({ type: timer.action, actor: SYSTEM_ACTOR, payload });
}

/** The `after` timers of the ticket's state that are still to fire, due that long after it entered the state. */
export function stateTimerClocks(run: TicketRun): DueClock[] {
  return timersOf(run).flatMap((timer, index) =>
    'after' in timer && !run.timersDone.includes(index)
      ? [{ at: Date.parse(run.stateSince) + timerDelayMs(timer.after), run: () => fireTimer(run, index) }]
      : [],
  );
}

/** Fires the timers of the ticket's state that wait for the breach of `clock`. */
export async function fireSlaBreachTimers(run: TicketRun, clock: 'tto' | 'ttr'): Promise<void> {
  const waiting = timersOf(run).flatMap((timer, index) => ('slaBreach' in timer && timer.slaBreach === clock ? [index] : []));
  for (const index of waiting) await fireTimer(run, index);
}
