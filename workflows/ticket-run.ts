import { ApplicationFailure, condition, patched, upsertSearchAttributes } from '@temporalio/workflow';
import { compileLifecycle, type LifecycleMachine } from '../lifecycles/compile-lifecycle';
import type { CanonicalStatus, LifecycleDefinition } from '../lifecycles/definition';
import { nextPosition, type LifecyclePosition } from '../lifecycles/lifecycle-step';
import { spentTimers } from '../lifecycles/state-timers';
import { groupsOf, SYSTEM_ACTOR, techniciansOf, type TicketEvent, type TicketFacts } from '../lifecycles/ticket-context';
import { afterTransition, underNewTerms, type SlaClocks } from '../sla/sla-clock';
import { ticketActivities } from './ticket-activities.proxy';
import { DEFAULT_AUTO_CLOSE_MS } from './ticket-clock';
import { refuseIfNotAllowed, refuseIfNotMigratable, refuseIfStale } from './ticket-refusals';
import {
  MIGRATE_LIFECYCLE_ACTION,
  ticketPriorityAttribute,
  ticketStatusAttribute,
  type EditFieldsInput,
  type MigrateLifecycleInput,
  type RecordedTicket,
  type TicketWorkflowInput,
  type TicketWorkflowState,
} from './ticket.contracts';

const { recordTransition, recordFieldEdit, slaTermsFor, nextLevelGroup, notify } = ticketActivities;

/** One run of a ticket's workflow: its state, and the changes made to it, one at a time. */
export class TicketRun {
  definition: LifecycleDefinition;
  machine: LifecycleMachine;
  lifecycleVersion: number;
  readonly autoCloseAfterMs: number;
  position: LifecyclePosition;
  seq: number;
  pendingUntil: string | null;
  resolvedSince: string | null;
  priority: number;
  sla: SlaClocks | null;
  /** When the ticket entered its current state, and which of that state's timers are spent. */
  stateSince: string;
  timersDone: number[];
  private busy = false;

  constructor(readonly input: TicketWorkflowInput) {
    this.definition = input.definition;
    this.lifecycleVersion = input.lifecycleVersion;
    this.machine = compileLifecycle(input.definition);
    this.autoCloseAfterMs = input.autoCloseAfterMs ?? DEFAULT_AUTO_CLOSE_MS;
    this.position = input.position;
    this.seq = input.seq;
    this.pendingUntil = input.pendingUntil ?? null;
    this.resolvedSince = input.resolvedSince ?? null;
    this.priority = input.priority;
    this.sla = input.sla ?? null;
    this.stateSince = input.stateSince ?? new Date().toISOString();
    this.timersDone = input.timersDone ?? [];
  }

  /** The group serving the support level above the ticket's, if any. */
  nextLevelGroup = (): Promise<number | null> => nextLevelGroup(this.position.context.level);

  /** The ticket's fields an action's `when` may test. */
  facts = (): TicketFacts => ({ priority: this.priority, type: this.input.ticketType ?? null });

  state = (): TicketWorkflowState => ({
    position: this.position,
    status: this.status(),
    seq: this.seq,
    pendingUntil: this.pendingUntil,
    sla: this.sla,
  });

  status = () => this.definition.states[this.position.state]!.status;

  /** What the next run starts from, should this one continue as new. */
  carried = (): TicketWorkflowInput => ({
    ...this.input,
    definition: this.definition,
    lifecycleVersion: this.lifecycleVersion,
    position: this.position,
    seq: this.seq,
    priority: this.priority,
    pendingUntil: this.pendingUntil,
    resolvedSince: this.resolvedSince,
    sla: this.sla,
    stateSince: this.stateSince,
    timersDone: this.timersDone,
  });

  publishSearchAttributes(): void {
    upsertSearchAttributes([
      { key: ticketStatusAttribute, value: this.status() },
      { key: ticketPriorityAttribute, value: this.priority },
    ]);
  }

  /** Runs `change` alone; each change is checked again once it holds the lock. */
  async exclusive<T>(change: () => Promise<T>): Promise<T> {
    // Several handlers can wake in the same activation: test-and-set after every wake-up.
    while (this.busy) await condition(() => !this.busy);
    this.busy = true;
    try {
      return await change();
    } finally {
      this.busy = false;
    }
  }

  apply = async (taken: TicketEvent): Promise<TicketWorkflowState> => {
    const entered = await this.exclusive(async () => {
      // Judged again from the ticket as MariaDB holds it, should the recording find it ahead.
      for (;;) {
        const event = { ...taken, ticket: this.facts() };
        refuseIfNotAllowed(this.machine, this.position, event);
        const next = nextPosition(this.machine, this.position, event);
        const until = event.payload['until'];
        const before = this.position.state;
        // An action that keeps the ticket pending keeps its date (runs from before this rule replay as they ran).
        const dateOf = (status: CanonicalStatus) =>
          status !== 'pending'
            ? null
            : typeof until === 'string'
              ? until
              : this.pendingUntil !== null && patched('pending-keeps-its-date')
                ? this.pendingUntil
                : null;
        if (await this.record(event, next, dateOf)) return next.state === before ? null : { state: next.state, seq: this.seq };
      }
    });
    if (entered !== null) await this.takeEntryEffects(entered.state, entered.seq);
    return this.state();
  };

  /**
   * The entry effects of `state`, entered by event `enteredBy`, that the workflow takes after the
   * transition, each recorded as an event of its own (the machine has already taken those that
   * change the ticket's context).
   */
  async takeEntryEffects(state: string, enteredBy: number): Promise<void> {
    const { label, entry = [] } = this.definition.states[state]!;
    for (const [index, effect] of entry.entries()) {
      if (effect.effect === 'raisePriority') {
        // Raised as the SLA levels raise it: up to "very high"; "major" is set by hand.
        await this.edit({ actor: SYSTEM_ACTOR, edit: { priority: Math.min(5, this.priority + (effect.by ?? 1)) } });
      }
      if (effect.effect === 'notify') {
        const { ticketId } = this.input;
        const message = effect.message ?? {
          fr: `Le ticket n° ${ticketId} est maintenant « ${label.fr} ».`,
          en: `Ticket #${ticketId} is now "${label.en}".`,
        };
        await notify({ ticketId, seq: enteredBy, effect: index, to: effect.to, message });
      }
    }
  }

  /**
   * Moves the ticket onto another version of its lifecycle, to the state the migration maps its
   * own to, as an event of its history. A ticket already on that version is left as it is, so a
   * migration can be run again after an interruption.
   */
  migrate = (input: MigrateLifecycleInput): Promise<TicketWorkflowState> =>
    this.exclusive(async () => {
      for (;;) {
        if (this.lifecycleVersion === input.toVersion) return this.state();
        refuseIfNotMigratable(input, this.lifecycleVersion, this.position);
        const next = { state: input.mapping[this.position.state]!, context: this.position.context };
        const event = {
          type: MIGRATE_LIFECYCLE_ACTION,
          actor: input.actor,
          payload: { migration: input.migrationId, fromVersion: input.fromVersion, toVersion: input.toVersion },
        };
        const recorded = await this.record(event, next, (status) => (status === 'pending' ? this.pendingUntil : null), {
          definition: input.definition,
          version: input.toVersion,
        });
        if (recorded) return this.state();
      }
    });

  /**
   * Records the move to `next` and takes it: SLA clocks, pending date, resolution time, search
   * attributes. False when MariaDB was ahead: the ticket as recorded there is taken instead.
   */
  private async record(
    event: TicketEvent,
    next: LifecyclePosition,
    pendingUntilIn: (status: CanonicalStatus) => string | null,
    lifecycle?: { definition: LifecycleDefinition; version: number },
  ): Promise<boolean> {
    const definition = lifecycle?.definition ?? this.definition;
    const toStatus = definition.states[next.state]!.status;
    const at = new Date();
    const technicianHolds = techniciansOf(next.context).length > 0;
    const held = technicianHolds || groupsOf(next.context).length > 0;
    const sla = this.sla && afterTransition(this.sla, { status: toStatus, held, technicianHolds, level: next.context.level, at });
    const { ticketId } = this.input;
    const ahead = await recordTransition({
      ticketId,
      seq: this.seq + 1,
      at: at.toISOString(),
      actor: event.actor,
      action: event.type,
      from: this.position,
      to: next,
      toStatus,
      payload: event.payload,
      sla,
      ...(lifecycle && { lifecycleVersion: lifecycle.version }),
    });
    if (ahead) {
      this.takeRecorded(ahead);
      return false;
    }
    const wasResolved = this.status() === 'resolved';
    if (lifecycle || next.state !== this.position.state) {
      this.stateSince = at.toISOString();
      this.timersDone = [];
    }
    if (lifecycle) {
      this.definition = lifecycle.definition;
      this.machine = compileLifecycle(lifecycle.definition);
      this.lifecycleVersion = lifecycle.version;
    }
    this.sla = sla;
    this.position = next;
    this.seq += 1;
    this.pendingUntil = pendingUntilIn(toStatus);
    // A migration keeps a resolved ticket's auto-close clock where it was.
    this.resolvedSince = toStatus !== 'resolved' ? null : lifecycle && wasResolved ? this.resolvedSince : at.toISOString();
    this.publishSearchAttributes();
    return true;
  }

  /**
   * Takes the ticket as MariaDB holds it: a change of this ticket decided in a workflow task the
   * engine lost (timed out after its local activity had written) is part of its history.
   */
  private takeRecorded(ticket: RecordedTicket): void {
    this.position = ticket.position;
    this.seq = ticket.seq;
    this.priority = ticket.priority;
    this.sla = ticket.sla;
    this.pendingUntil = ticket.pendingUntil;
    this.resolvedSince = ticket.resolvedSince;
    this.stateSince = ticket.stateSince;
    this.timersDone = spentTimers(this.definition.states[this.position.state]?.timers ?? [], ticket.timersFired ?? []);
    this.publishSearchAttributes();
  }

  /**
   * Takes the action a clock of the ticket calls for (auto-close, end of a pending period). One the
   * lifecycle refuses stops that clock: it would only be due again at once, for ever.
   */
  fire = async (event: TicketEvent): Promise<void> => {
    try {
      await this.apply(event);
    } catch (error) {
      if (!(error instanceof ApplicationFailure)) throw error;
      if (patched('refused-clock-stops')) {
        if (event.type === 'close') this.resolvedSince = null;
        if (event.type === 'resume') this.pendingUntil = null;
      }
    }
  };

  edit = ({ actor, edit, expectedVersion }: EditFieldsInput): Promise<TicketWorkflowState> =>
    this.exclusive(async () => {
      for (;;) {
        refuseIfStale(expectedVersion, this.seq);
        const result = await recordFieldEdit({
          ticketId: this.input.ticketId,
          seq: this.seq + 1,
          at: new Date().toISOString(),
          actor,
          edit,
        });
        if (result.ahead) {
          this.takeRecorded(result.ahead);
          continue;
        }
        if (result.recorded) this.seq += 1;
        this.priority = result.priority;
        // Another priority or category may call for another SLA: its clocks replace the old timers.
        if (result.recorded && this.sla && !this.sla.chosenByHand) {
          const terms = await slaTermsFor(this.input.ticketId);
          if (terms && terms.slaId !== this.sla.slaId) {
            await this.recordClockEvent(
              'sla_change',
              { from: this.sla.slaId, to: terms.slaId },
              underNewTerms(this.sla, terms, new Date()),
            );
          }
        }
        this.publishSearchAttributes();
        return this.state();
      }
    });

  /**
   * Records what the ticket's clocks did (a breach, a level, new terms) as an event of its own; call
   * it holding the lock. False when MariaDB was ahead: its ticket is taken, and the clocks set anew.
   */
  async recordClockEvent(action: string, payload: Record<string, unknown>, after: SlaClocks): Promise<boolean> {
    const at = new Date().toISOString();
    const { ticketId } = this.input;
    const ahead = await recordTransition({
      ticketId,
      seq: this.seq + 1,
      at,
      actor: SYSTEM_ACTOR,
      action,
      from: this.position,
      to: this.position,
      toStatus: this.status(),
      payload,
      sla: after,
    });
    if (ahead) {
      this.takeRecorded(ahead);
      return false;
    }
    this.sla = after;
    this.seq += 1;
    return true;
  }
}
