import { getNextTransitions, initialTransition, transition, type AnyTransitionDefinition } from 'xstate';
import type { LifecycleDefinition, RoleName } from './definition';
import { questionOf, type LifecycleMachine, type TransitionMeta } from './compile-lifecycle';
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

const snapshotAt = (machine: LifecycleMachine, position: LifecyclePosition) =>
  machine.resolveState({ value: position.state, context: position.context });
type LifecycleSnapshot = ReturnType<typeof snapshotAt>;

// A validator decides once per request for validation.
const awaitsDecisionOf = (context: TicketContext, id: number): boolean =>
  validatorsOf(context).includes(id) && !(context.approvals ?? []).includes(id) && !(context.refusals ?? []).includes(id);

// Rights are not among the machine's guards: a refusal must tell "not yours to take" (403) from
// "not possible now" (409), which a failed guard cannot, and the machine takes the first alternative
// whose guard holds whoever acts, so running tickets replay as they ran.
function mayTake(roles: readonly RoleName[], actor: Actor, context: TicketContext): boolean {
  if (actor.profile === 'admin') return true;
  return roles.some((role) => {
    if (role === 'requester') return actor.id !== null && actor.id === context.requester;
    if (role === 'validator') return actor.id !== null && awaitsDecisionOf(context, actor.id);
    return role === actor.profile;
  });
}

const rolesOf = (transition: AnyTransitionDefinition): readonly RoleName[] => (transition.meta as TransitionMeta | undefined)?.roles ?? [];

/** Names of the actions leaving the snapshot's state that `actor` may take by their roles (or all, without an actor), in the definition's order. */
function namesLeaving(snapshot: LifecycleSnapshot, actor?: Actor): string[] {
  // The machine's states are typed `never` (see compileLifecycle), which the generic snapshot type does not admit.
  const transitions = getNextTransitions(snapshot as never).filter((t) => !actor || mayTake(rolesOf(t), actor, snapshot.context));
  return [...new Set(transitions.map((t) => String(t.eventType)))];
}

// Theirs to take, and possible now by the machine's guards and conditions.
const allowedAt = (snapshot: LifecycleSnapshot, actor: Actor, facts: TicketFacts | undefined): string[] =>
  namesLeaving(snapshot, actor).filter((name) => snapshot.can(questionOf(name, actor, facts)));

/** Names of the actions that leave `position`, whoever takes them. */
export function actionsLeaving(machine: LifecycleMachine, position: LifecyclePosition): string[] {
  return namesLeaving(snapshotAt(machine, position));
}

/**
 * Names of the actions `actor` may take now, as the compiled machine answers: theirs to take, from
 * this state, with a guard and conditions that can hold for the ticket (`facts`, its fields, when
 * known); a guard that reads the payload may hold until the payload says.
 *
 * @example
 *   actionsAllowed(lifecycle.machine, { state: 'resolved', context }, requester, facts); // ['accept_solution', 'refuse_solution']
 */
export function actionsAllowed(machine: LifecycleMachine, position: LifecyclePosition, actor: Actor, facts?: TicketFacts): string[] {
  return allowedAt(snapshotAt(machine, position), actor, facts);
}

/** Why `event` cannot be taken from `position`, or null when it can. */
export function refusalOf(machine: LifecycleMachine, position: LifecyclePosition, event: TicketEvent): ActionRefusal | null {
  const snapshot = snapshotAt(machine, position);
  // What the actor may take instead is worked out only for a refusal: most actions are taken.
  const refused = (kind: ActionRefusal['kind']): ActionRefusal => ({ kind, allowed: allowedAt(snapshot, event.actor, event.ticket) });
  if (!namesLeaving(snapshot).includes(event.type)) return refused('illegal');
  if (!namesLeaving(snapshot, event.actor).includes(event.type)) return refused('forbidden');
  return snapshot.can(event) ? null : refused('illegal');
}

/** The position after `event`; call `refusalOf` first; this does not check roles. */
export function nextPosition(machine: LifecycleMachine, position: LifecyclePosition, event: TicketEvent): LifecyclePosition {
  const [next] = transition(machine, snapshotAt(machine, position), event);
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
