import { initialTransition, transition } from 'xstate';
import { CONTEXT_GUARDS } from './context-guards';
import type { LifecycleAction, LifecycleDefinition, RoleName } from './definition';
import { conditionsHold } from './field-conditions';
import type { LifecycleMachine } from './compile-lifecycle';
import { validatorsOf, type Actor, type TicketContext, type TicketEvent, type TicketFacts } from './ticket-context';

/** A lifecycle position as JSON: what the workflow carries and the projection stores. */
export interface LifecyclePosition {
  state: string;
  context: TicketContext;
}

export type ActionRefusal = { kind: 'illegal'; allowed: string[] } | { kind: 'forbidden'; allowed: string[] };

/** Where a new ticket starts. */
export function startPosition(machine: LifecycleMachine, context: TicketContext): LifecyclePosition {
  const [snapshot] = initialTransition(machine, context);
  return { state: String(snapshot.value), context: snapshot.context };
}

// A validator decides once per request for validation.
const awaitsDecisionOf = (context: TicketContext, id: number): boolean =>
  validatorsOf(context).includes(id) && !(context.approvals ?? []).includes(id) && !(context.refusals ?? []).includes(id);

function mayTake(roles: RoleName[], actor: Actor, context: TicketContext): boolean {
  if (actor.profile === 'admin') return true;
  return roles.some((role) => {
    if (role === 'requester') return actor.id !== null && actor.id === context.requester;
    if (role === 'validator') return actor.id !== null && awaitsDecisionOf(context, actor.id);
    return role === actor.profile;
  });
}

/** Names of the actions that leave `position`, whoever takes them. */
export function actionsLeaving(definition: LifecycleDefinition, position: LifecyclePosition): string[] {
  const names = definition.actions.filter((a) => a.from.includes(position.state)).map((a) => a.name);
  return [...new Set(names)];
}

// Whether the action's guard and conditions can hold now; a guard that reads the payload may, until the payload says.
function mayHold(action: LifecycleAction, context: TicketContext, facts: TicketFacts | undefined): boolean {
  const guard = action.guard && CONTEXT_GUARDS[action.guard as keyof typeof CONTEXT_GUARDS];
  if (guard && !guard(context)) return false;
  return !action.when || facts === undefined || conditionsHold(action.when, context, facts);
}

/**
 * Names of the actions `actor` may take now: theirs to take, from this state, with a guard and
 * conditions that can hold for the ticket (`facts`, its fields, when known).
 */
export function actionsAllowed(definition: LifecycleDefinition, position: LifecyclePosition, actor: Actor, facts?: TicketFacts): string[] {
  const names = definition.actions
    .filter((a) => a.from.includes(position.state) && mayTake(a.roles, actor, position.context) && mayHold(a, position.context, facts))
    .map((a) => a.name);
  return [...new Set(names)];
}

/** Why `event` cannot be taken from `position`, or null when it can. */
export function refusalOf(
  definition: LifecycleDefinition,
  machine: LifecycleMachine,
  position: LifecyclePosition,
  event: TicketEvent,
): ActionRefusal | null {
  const allowed = actionsAllowed(definition, position, event.actor, event.ticket);
  if (!actionsLeaving(definition, position).includes(event.type)) return { kind: 'illegal', allowed };
  const theirs = definition.actions.some(
    (a) => a.name === event.type && a.from.includes(position.state) && mayTake(a.roles, event.actor, position.context),
  );
  if (!theirs) return { kind: 'forbidden', allowed };
  const snapshot = machine.resolveState({ value: position.state, context: position.context });
  return snapshot.can(event) ? null : { kind: 'illegal', allowed };
}

/** The position after `event`; call `refusalOf` first; this does not check roles. */
export function nextPosition(machine: LifecycleMachine, position: LifecyclePosition, event: TicketEvent): LifecyclePosition {
  const snapshot = machine.resolveState({ value: position.state, context: position.context });
  const [next] = transition(machine, snapshot, event);
  return { state: String(next.value), context: next.context };
}

/** Whether `position` is final: nothing more can happen to the ticket. */
export function isFinal(definition: LifecycleDefinition, position: LifecyclePosition): boolean {
  return definition.states[position.state]?.final === true;
}

/**
 * The payload fields the definition says `action` carries from `position` that `payload` lacks
 * (absent, null or empty text). A field every alternative of the action declares is required.
 */
export function missingPayloadFields(
  definition: LifecycleDefinition,
  position: LifecyclePosition,
  action: string,
  payload: Record<string, unknown>,
): string[] {
  const entries = definition.actions.filter((a) => a.name === action && a.from.includes(position.state));
  if (entries.length === 0) return [];
  const required = (entries[0]!.payload ?? []).filter((field) => entries.every((e) => (e.payload ?? []).includes(field)));
  return required.filter((field) => {
    const value = payload[field];
    return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  });
}
