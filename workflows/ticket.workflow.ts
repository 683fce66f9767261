import {
  ApplicationFailure,
  condition,
  continueAsNew,
  allHandlersFinished,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createTicketActivities } from '../activities/ticket.activities';
import { compileLifecycle } from '../lifecycles/compile-lifecycle';
import { isFinal, nextPosition } from '../lifecycles/lifecycle-step';
import { groupsOf, SYSTEM_ACTOR, techniciansOf, type Actor, type TicketEvent } from '../lifecycles/ticket-context';
import {
  afterTransition,
  breached,
  levelFired,
  nextBreach,
  nextLevel,
  underNewTerms,
  type SlaClocks,
  type SlaTerms,
} from '../sla/sla-clock';
import { DEFAULT_AUTO_CLOSE_MS, nextClock } from './ticket-clock';
import { refuseIfNotAllowed, refuseIfStale } from './ticket-refusals';
import {
  applyActionUpdate,
  editFieldsUpdate,
  replaceSlaTermsUpdate,
  ticketPriorityAttribute,
  ticketStateQuery,
  ticketStatusAttribute,
  type ApplyActionInput,
  type EditFieldsInput,
  type TicketWorkflowInput,
  type TicketWorkflowState,
} from './ticket.contracts';

// A local activity: the write runs in the worker within the workflow task, saving two server round
// trips per transition. Recording must not be lost: a database outage pauses the ticket (retries
// never stop), it does not drop a transition.
const { recordTransition, recordFieldEdit, nextLevelGroup, slaTermsFor } = proxyLocalActivities<ReturnType<typeof createTicketActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 ms', maximumInterval: '10 seconds' },
});

// Escalation levels act with the desk's rights.
const SLA_ACTOR: Actor = { id: null, profile: 'supervisor' };

/** One ticket's life: applies actions through its lifecycle machine and holds its clocks. */
export async function ticketWorkflow(input: TicketWorkflowInput): Promise<void> {
  const { definition } = input;
  const machine = compileLifecycle(definition);
  let position = input.position;
  let seq = input.seq;
  let pendingUntil = input.pendingUntil ?? null;
  let resolvedSince = input.resolvedSince ?? null;
  let priority = input.priority;
  let sla = input.sla ?? null;
  const autoCloseAfterMs = input.autoCloseAfterMs ?? DEFAULT_AUTO_CLOSE_MS;
  let busy = false;
  // A run holds at most 2,000 updates: hand over to a fresh run well before, carrying the state.
  const firstSeq = input.seq;
  const runIsLong = () => workflowInfo().continueAsNewSuggested || seq - firstSeq >= (input.maxTransitionsPerRun ?? 500);

  const state = (): TicketWorkflowState => ({
    position,
    status: definition.states[position.state]!.status,
    seq,
    pendingUntil,
    sla,
  });

  const searchAttributes = () => [
    { key: ticketStatusAttribute, value: state().status },
    { key: ticketPriorityAttribute, value: priority },
  ];

  // Changes run one at a time, and each is checked again once it holds the lock.
  const exclusive = async <T>(change: () => Promise<T>): Promise<T> => {
    // Several handlers can wake in the same activation: test-and-set after every wake-up.
    while (busy) await condition(() => !busy);
    busy = true;
    try {
      return await change();
    } finally {
      busy = false;
    }
  };

  const apply = (event: TicketEvent): Promise<TicketWorkflowState> =>
    exclusive(async () => {
      refuseIfNotAllowed(definition, machine, position, event);
      const next = nextPosition(machine, position, event);
      const toStatus = definition.states[next.state]!.status;
      const at = new Date();
      const technicianHolds = techniciansOf(next.context).length > 0;
      const held = technicianHolds || groupsOf(next.context).length > 0;
      const clocks = sla && afterTransition(sla, { status: toStatus, held, technicianHolds, level: next.context.level, at });
      await recordTransition({
        ticketId: input.ticketId,
        seq: seq + 1,
        at: at.toISOString(),
        actor: event.actor,
        action: event.type,
        from: position,
        to: next,
        toStatus,
        payload: event.payload,
        sla: clocks,
      });
      sla = clocks;
      position = next;
      seq += 1;
      pendingUntil = toStatus === 'pending' && typeof event.payload['until'] === 'string' ? event.payload['until'] : null;
      resolvedSince = toStatus === 'resolved' ? new Date().toISOString() : null;
      upsertSearchAttributes(searchAttributes());
      return state();
    });

  const edit = ({ actor, edit: fields, expectedVersion }: EditFieldsInput): Promise<TicketWorkflowState> =>
    exclusive(async () => {
      refuseIfStale(expectedVersion, seq);
      const result = await recordFieldEdit({ ticketId: input.ticketId, seq: seq + 1, at: new Date().toISOString(), actor, edit: fields });
      if (result.recorded) seq += 1;
      priority = result.priority;
      // Another priority or category may call for another SLA: its clocks replace the old timers.
      if (result.recorded && sla && !sla.chosenByHand) {
        const terms = await slaTermsFor(input.ticketId);
        if (terms && terms.slaId !== sla.slaId)
          await recordClockEvent('sla_change', { from: sla.slaId, to: terms.slaId }, underNewTerms(sla, terms, new Date()));
      }
      upsertSearchAttributes(searchAttributes());
      return state();
    });

  // What the ticket's clocks do — a breach, an escalation level — is recorded as an event of its own.
  const recordClockEvent = async (action: string, payload: Record<string, unknown>, after: SlaClocks): Promise<void> => {
    const status = definition.states[position.state]!.status;
    const at = new Date().toISOString();
    const record = { ticketId: input.ticketId, seq: seq + 1, at, actor: SYSTEM_ACTOR, action, from: position, to: position };
    await recordTransition({ ...record, toStatus: status, payload, sla: after });
    sla = after;
    seq += 1;
  };

  const recordBreach = (clock: 'tto' | 'ttr'): Promise<void> =>
    exclusive(async () => {
      if (sla && nextBreach(sla)?.clock === clock) await recordClockEvent('sla_breach', { clock }, breached(sla, clock));
    });

  // The support level's own clock (OLA) runs out: recorded with the level it measures.
  const recordLevelBreach = (clock: 'tto' | 'ttr'): Promise<void> =>
    exclusive(async () => {
      const ola = sla?.ola;
      if (!sla || !ola || nextBreach(ola.clocks)?.clock !== clock) return;
      await recordClockEvent('ola_breach', { level: ola.level, clock }, { ...sla, ola: { ...ola, clocks: breached(ola.clocks, clock) } });
    });

  // A level fires once: it is marked and recorded first, then its actions are taken as the desk would.
  const fireLevel = async (index: number): Promise<void> => {
    const level = await exclusive(async () => {
      if (!sla || sla.levels[index]?.fired !== false) return null;
      const { clock, offsetMinutes, actions } = sla.levels[index];
      await recordClockEvent('sla_level', { level: index, clock, offsetMinutes, actions }, levelFired(sla, index));
      return sla.levels[index];
    });
    for (const action of level?.actions ?? []) {
      if (action.type === 'raise_priority') await edit({ actor: SLA_ACTOR, edit: { priority: Math.min(5, priority + 1) } });
      if (action.type === 'reassign') await fire({ type: 'assign', actor: SLA_ACTOR, payload: { group: action.group } });
      if (action.type === 'escalate') {
        const group = await nextLevelGroup(position.context.level);
        if (group !== null) await fire({ type: 'escalate', actor: SLA_ACTOR, payload: { group, reason: 'sla_level' } });
      }
    }
  };

  const fire = async (event: TicketEvent): Promise<void> => {
    try {
      await apply(event);
    } catch (error) {
      // Someone moved the ticket on while the clock fired: nothing left to do.
      if (!(error instanceof ApplicationFailure)) throw error;
    }
  };

  // Every clock that is set, soonest first; among equals, the SLA's before the ticket's own.
  const dueClocks = (): { at: number; run: () => Promise<unknown> }[] => {
    const due: { at: number; run: () => Promise<unknown> }[] = [];
    const breach = sla && nextBreach(sla);
    if (breach) due.push({ at: breach.at, run: () => recordBreach(breach.clock) });
    const level = sla && nextLevel(sla);
    if (level) due.push({ at: level.at, run: () => fireLevel(level.index) });
    const levelBreach = sla?.ola && nextBreach(sla.ola.clocks);
    if (levelBreach) due.push({ at: levelBreach.at, run: () => recordLevelBreach(levelBreach.clock) });
    const clock = nextClock({ pendingUntil, resolvedSince, autoCloseAfterMs });
    if (clock) due.push({ at: clock.at, run: () => fire(clock.event) });
    return due.sort((a, b) => a.at - b.at);
  };

  setHandler(applyActionUpdate, ({ action, actor, payload }) => apply({ type: action, actor, payload }), {
    validator: ({ action, actor, payload }: ApplyActionInput) =>
      refuseIfNotAllowed(definition, machine, position, { type: action, actor, payload }),
  });
  setHandler(editFieldsUpdate, edit, { validator: ({ expectedVersion }: EditFieldsInput) => refuseIfStale(expectedVersion, seq) });
  setHandler(replaceSlaTermsUpdate, (terms: SlaTerms) =>
    exclusive(async () => {
      if (sla)
        await recordClockEvent(
          'sla_change',
          { from: sla.slaId, to: terms.slaId, reason: 'terms_changed' },
          underNewTerms(sla, terms, new Date()),
        );
      return state();
    }),
  );
  setHandler(ticketStateQuery, state);
  upsertSearchAttributes(searchAttributes());

  while (!isFinal(definition, position) && !runIsLong()) {
    const seen = seq;
    const changed = () => seq !== seen || runIsLong();
    const [soonest] = dueClocks();
    if (!soonest) {
      await condition(changed);
    } else if (!(await condition(changed, Math.max(soonest.at - Date.now(), 1)))) {
      await soonest.run();
    }
  }
  await condition(allHandlersFinished);
  if (!isFinal(definition, position)) {
    await continueAsNew<typeof ticketWorkflow>({ ...input, position, seq, priority, pendingUntil, resolvedSince, sla });
  }
}
