import { ApplicationFailure } from '@temporalio/workflow';
import type { LifecycleMachine } from '../lifecycles/compile-lifecycle';
import { refusalOf, type LifecyclePosition } from '../lifecycles/lifecycle-step';
import type { TicketEvent } from '../lifecycles/ticket-context';
import { FORBIDDEN_ACTION, ILLEGAL_ACTION, NOT_MIGRATABLE, STALE_VERSION, type MigrateLifecycleInput } from './ticket.contracts';

/** Throws the failure the API maps to 409 (illegal now) or 403 (not yours to take) when `event` cannot be taken. */
export function refuseIfNotAllowed(machine: LifecycleMachine, position: LifecyclePosition, event: TicketEvent): void {
  const refusal = refusalOf(machine, position, event);
  if (!refusal) return;
  const illegal = refusal.kind === 'illegal';
  throw ApplicationFailure.create({
    type: illegal ? ILLEGAL_ACTION : FORBIDDEN_ACTION,
    message: illegal ? `"${event.type}" cannot be taken from "${position.state}"` : `you may not take "${event.type}" now`,
    details: [{ allowed: refusal.allowed }],
    nonRetryable: true,
  });
}

/** Throws the failure the API maps to 412 when an edit was made on another version than `version`. */
export function refuseIfStale(expectedVersion: number | undefined, version: number): void {
  if (expectedVersion === undefined || expectedVersion === version) return;
  throw ApplicationFailure.create({
    type: STALE_VERSION,
    message: `the ticket changed since version ${expectedVersion}; it is at version ${version}`,
    details: [{ version }],
    nonRetryable: true,
  });
}

/** Throws when the ticket cannot take `migration`: it is on another version, or its state has no place in the new one. */
export function refuseIfNotMigratable(migration: MigrateLifecycleInput, version: number, position: LifecyclePosition): void {
  const target = migration.mapping[position.state];
  const problem =
    version !== migration.fromVersion
      ? `the ticket is on version ${version}, not ${migration.fromVersion}`
      : target === undefined || migration.definition.states[target] === undefined
        ? `the migration does not map the ticket's state "${position.state}" to a state of version ${migration.toVersion}`
        : null;
  if (problem === null) return;
  throw ApplicationFailure.create({ type: NOT_MIGRATABLE, message: problem, nonRetryable: true });
}
