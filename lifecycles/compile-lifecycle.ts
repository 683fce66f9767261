import { and, assign, setup } from 'xstate';
import type { LifecycleAction, LifecycleDefinition, RoleName } from './definition';
import { isMachineEffect } from './entry-effects';
import { conditionsHold, type FieldCondition } from './field-conditions';
import {
  assignment,
  groupsOf,
  techniciansOf,
  validatorsOf,
  type Actor,
  type TicketContext,
  type TicketEvent,
  type TicketFacts,
} from './ticket-context';

// The payload of a question to the machine rather than of an action taken. Events that are taken
// arrive parsed from JSON, so none of them carries this very object.
const ANY_PAYLOAD: Record<string, unknown> = Object.freeze({});
const isQuestion = (event: TicketEvent): boolean => event.payload === ANY_PAYLOAD;

/**
 * The event that asks whether `actor` could take `action` now: `snapshot.can()` answers it. Guards
 * that read the payload may hold until a payload says, and so may the `when` conditions when the
 * ticket's fields (`facts`) are not given.
 *
 * @example
 *   snapshot.can(questionOf('resolve', technician, { priority: 3, type: 'incident' }));
 */
export const questionOf = (action: string, actor: Actor, facts?: TicketFacts): TicketEvent => ({
  type: action,
  actor,
  payload: ANY_PAYLOAD,
  ...(facts && { ticket: facts }),
});

const idOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

// Unassigning names the technician and/or group to remove; naming neither removes everyone.
function afterUnassign(context: TicketContext, event: TicketEvent): ReturnType<typeof assignment> {
  const assignee = idOrNull(event.payload['assignee']);
  const group = idOrNull(event.payload['group']);
  if (assignee === null && group === null) return assignment([], []);
  return assignment(
    techniciansOf(context).filter((id) => id !== assignee),
    groupsOf(context).filter((id) => id !== group),
  );
}

const adding = (ids: number[], id: number | null): number[] => (id === null || ids.includes(id) ? ids : [...ids, id]);

const lifecycleSetup = setup({
  types: { context: {} as TicketContext, events: {} as TicketEvent, input: {} as TicketContext },
  guards: {
    hasAssignment: ({ context }) => techniciansOf(context).length > 0 || groupsOf(context).length > 0,
    validationAccepted: ({ event }) => isQuestion(event) || event.payload['decision'] === 'accepted',
    // Accepted, and with this approval the request's rule is met.
    validationComplete: ({ context, event }) => {
      if (isQuestion(event)) return true;
      if (event.payload['decision'] !== 'accepted') return false;
      if (context.validationRule !== 'all') return true;
      const approved = new Set([...(context.approvals ?? []), event.actor.id]);
      return validatorsOf(context).every((id) => approved.has(id));
    },
    wasEscalated: ({ context }) => (context.escalatedFrom ?? []).length > 0,
    fieldsHold: ({ context, event }, params: { when: FieldCondition[] }) =>
      (isQuestion(event) && event.ticket === undefined) || conditionsHold(params.when, context, event.ticket),
    stillAssignedAfterUnassign: ({ context, event }) => {
      if (isQuestion(event)) return true;
      const remaining = afterUnassign(context, event);
      return remaining.technicians.length > 0 || remaining.groups.length > 0;
    },
  },
  actions: {
    // Assigning adds a technician and/or a group; naming neither, whoever assigns takes the ticket too.
    setAssignment: assign(({ context, event }) => {
      const assignee = idOrNull(event.payload['assignee']);
      const group = idOrNull(event.payload['group']);
      const technician = assignee === null && group === null ? event.actor.id : assignee;
      return assignment(adding(techniciansOf(context), technician), adding(groupsOf(context), group));
    }),
    // The next support level's group takes over; nobody in it holds the ticket yet.
    raiseLevel: assign(({ context, event }) => {
      const group = idOrNull(event.payload['group']);
      const holder = {
        level: context.level,
        group: context.group,
        assignee: context.assignee,
        technicians: techniciansOf(context),
        groups: groupsOf(context),
      };
      return {
        level: context.level + 1,
        ...assignment([], group === null ? [] : [group]),
        escalatedFrom: [...(context.escalatedFrom ?? []), holder],
      };
    }),
    // Back to the level, groups and technicians that escalated.
    lowerLevel: assign(({ context }) => {
      const previous = context.escalatedFrom?.at(-1);
      if (!previous) return {};
      const technicians = previous.technicians ?? (previous.assignee === null ? [] : [previous.assignee]);
      const groups = previous.groups ?? (previous.group === null ? [] : [previous.group]);
      return { level: previous.level, ...assignment(technicians, groups), escalatedFrom: context.escalatedFrom!.slice(0, -1) };
    }),
    clearAssignment: assign(({ context, event }) => afterUnassign(context, event)),
    // Entry effects of a state, with their parameters from the definition.
    assignGroup: assign(({ context }, params: { group: number }) =>
      assignment(techniciansOf(context), adding(groupsOf(context), params.group)),
    ),
    requestValidation: assign((_, params: { validators: number[]; rule?: 'any' | 'all' }) => ({
      validator: params.validators[0] ?? null,
      validators: params.validators,
      validationRule: params.rule ?? ('any' as const),
      approvals: [],
      refusals: [],
    })),
    setValidator: assign(({ event }) => {
      const named = Array.isArray(event.payload['validators']) ? event.payload['validators'].filter((id) => typeof id === 'number') : [];
      const validators = named.length > 0 ? named : [idOrNull(event.payload['validator'])].filter((id) => id !== null);
      const rule = event.payload['rule'] === 'all' ? ('all' as const) : ('any' as const);
      return { validator: validators[0] ?? null, validators, validationRule: rule, approvals: [], refusals: [] };
    }),
    recordDecision: assign(({ context, event }) => {
      const id = event.actor.id;
      if (id === null) return {};
      return event.payload['decision'] === 'accepted'
        ? { approvals: [...(context.approvals ?? []), id] }
        : { refusals: [...(context.refusals ?? []), id] };
    }),
  },
});

// A named guard and field conditions must all hold.
function guardOf(action: LifecycleAction) {
  const fields = action.when && { type: 'fieldsHold' as const, params: { when: action.when } };
  if (action.guard && fields) return and([action.guard, fields]);
  return action.guard ?? fields;
}

/** A transition of the machine; its meta says who may take it (see `actionsAllowed`). */
interface TransitionOf {
  target: string;
  guard?: ReturnType<typeof guardOf>;
  actions?: string[];
  meta: TransitionMeta;
}
export interface TransitionMeta {
  roles: RoleName[];
}

/**
 * Compiles a lifecycle definition (data) into an XState v5 machine. Pure: the workflow and the
 * API both compile the same definition and step it with `transition()`.
 *
 * @example
 *   const machine = compileLifecycle(LifecycleDefinition.parse(incidentJson));
 */
export function compileLifecycle(definition: LifecycleDefinition) {
  const states = Object.fromEntries(
    Object.entries(definition.states).map(([name, state]) => {
      const leaving = definition.actions.filter((action) => action.from.includes(name));
      // Guarded alternatives are tried first; the unguarded one is the fallback.
      const guarded = (a: LifecycleAction) => a.guard !== undefined || a.when !== undefined;
      const ordered = [...leaving.filter(guarded), ...leaving.filter((a) => !guarded(a))];
      // Events in the order the definition first names them, which is the order actions are listed in.
      const on: Record<string, TransitionOf[]> = Object.fromEntries(leaving.map((action) => [action.name, []]));
      for (const action of ordered) {
        on[action.name]!.push({ target: action.to, guard: guardOf(action), actions: action.effects, meta: { roles: action.roles } });
      }
      const entry = (state.entry ?? []).filter(isMachineEffect).map(({ effect, ...params }) => ({ type: effect, params }));
      return [name, state.final ? { type: 'final' as const, entry } : { on, entry }];
    }),
  );
  return lifecycleSetup.createMachine({
    id: definition.key,
    initial: definition.initial,
    context: ({ input }) => input,
    // The definition was validated against the catalogues above, so names are known ones.
    states: states as never,
  });
}

export type LifecycleMachine = ReturnType<typeof compileLifecycle>;
