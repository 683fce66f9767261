import { allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { isFinal } from '../lifecycles/lifecycle-step';
import { replaceSlaTerms, slaDueClocks, takeIntoAccount } from './sla-clock-events';
import { stateTimerClocks } from './state-timer-clocks';
import { nextClock, timerAim, type DueClock } from './ticket-clock';
import { refuseIfNotAllowed, refuseIfNotMigratable, refuseIfStale } from './ticket-refusals';
import { TicketRun } from './ticket-run';
import {
  applyActionUpdate,
  editFieldsUpdate,
  migrateLifecycleUpdate,
  replaceSlaTermsUpdate,
  takeIntoAccountUpdate,
  ticketStateQuery,
  type ApplyActionInput,
  type EditFieldsInput,
  type MigrateLifecycleInput,
  type TicketWorkflowInput,
} from './ticket.contracts';

/** One ticket's life: applies actions through its lifecycle machine and holds its clocks. */
export async function ticketWorkflow(input: TicketWorkflowInput): Promise<void> {
  const run = new TicketRun(input);
  // A run holds at most 2,000 updates: hand over to a fresh run well before, carrying the state.
  const runIsLong = () => workflowInfo().continueAsNewSuggested || run.seq - input.seq >= (input.maxTransitionsPerRun ?? 500);

  // Every clock that is set, soonest first; among equals, the SLA's before the ticket's own.
  const dueClocks = (): DueClock[] => {
    const due = slaDueClocks(run);
    const clock = nextClock({ pendingUntil: run.pendingUntil, resolvedSince: run.resolvedSince, autoCloseAfterMs: run.autoCloseAfterMs });
    if (clock) due.push({ at: clock.at, run: () => run.fire(clock.event) });
    due.push(...stateTimerClocks(run));
    return due.sort((a, b) => a.at - b.at);
  };

  setHandler(applyActionUpdate, ({ action, actor, payload }) => run.apply({ type: action, actor, payload }), {
    validator: ({ action, actor, payload }: ApplyActionInput) =>
      refuseIfNotAllowed(run.machine, run.position, { type: action, actor, payload, ticket: run.facts() }),
  });
  setHandler(editFieldsUpdate, run.edit, { validator: ({ expectedVersion }: EditFieldsInput) => refuseIfStale(expectedVersion, run.seq) });
  setHandler(migrateLifecycleUpdate, run.migrate, {
    validator: (input: MigrateLifecycleInput) => {
      if (run.lifecycleVersion !== input.toVersion) refuseIfNotMigratable(input, run.lifecycleVersion, run.position);
    },
  });
  setHandler(replaceSlaTermsUpdate, (terms) => replaceSlaTerms(run, terms));
  setHandler(takeIntoAccountUpdate, (actor) => takeIntoAccount(run, actor));
  setHandler(ticketStateQuery, run.state);
  run.publishSearchAttributes();
  // A new ticket has entered its initial state: the machine took that state's own effects as it started.
  if (input.seq === 1) await run.takeEntryEffects(input.position.state, 1);

  while (!isFinal(run.definition, run.position) && !runIsLong()) {
    const seen = run.seq;
    const changed = () => run.seq !== seen || runIsLong();
    const [soonest] = dueClocks();
    if (!soonest) {
      await condition(changed);
    } else {
      const wait = Math.max(soonest.at - Date.now(), 1);
      // Tickets started before clocks were aimed twice keep the single timer they were given.
      const early = timerAim(wait);
      const aim = early < wait && patched('clocks-aim-again') ? early : wait;
      // A timer aimed early that fired before the clock is due is aimed again on the next turn.
      if (!(await condition(changed, aim)) && (aim === wait || Date.now() >= soonest.at)) await soonest.run();
    }
  }
  await condition(allHandlersFinished);
  if (!isFinal(run.definition, run.position)) await continueAsNew<typeof ticketWorkflow>(run.carried());
}
