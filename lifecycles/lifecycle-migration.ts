import type { LifecycleDefinition } from './definition';

/** A process owner's mapping of a version's states to the next version's; a state left out keeps its name. */
export type StateMapping = Record<string, string>;

export interface MigrationPlan {
  /** Where a ticket in each running (non-final) state of the old version goes. */
  mapping: StateMapping;
  /** How many of the running tickets move from which state to which. */
  moves: { from: string; to: string; count: number }[];
  /** Problems keyed by the field to fix (`mapping.<state>`); empty when the plan can be applied. */
  problems: Record<string, string>;
}

const runningStates = (definition: LifecycleDefinition): string[] =>
  Object.keys(definition.states).filter((name) => !definition.states[name]!.final);

/**
 * Checks a state mapping from one version of a lifecycle to another and says how many running
 * tickets would move where. Every running state of the old version must land on a running state
 * of the new one: a ticket is never left in a state that does not exist, nor ended by a migration.
 * Pure.
 *
 * @example
 *   planMigration(v1, v2, { awaiting: 'pending' }, new Map([['awaiting', 4]])).moves
 *   // [{ from: 'awaiting', to: 'pending', count: 4 }]
 */
export function planMigration(
  from: LifecycleDefinition,
  to: LifecycleDefinition,
  requested: StateMapping,
  runningByState: ReadonlyMap<string, number>,
): MigrationPlan {
  const problems: Record<string, string> = {};
  const targets = runningStates(to);
  const listed = targets.map((name) => `"${name}"`).join(', ');
  for (const name of Object.keys(requested)) {
    if (!Object.hasOwn(from.states, name)) problems[`mapping.${name}`] = `"${name}" is not a state of the version migrated from`;
    else if (from.states[name]!.final) problems[`mapping.${name}`] = `"${name}" is final: its tickets have ended and are not migrated`;
  }
  const mapping: StateMapping = {};
  for (const name of runningStates(from)) {
    const target = Object.hasOwn(requested, name) ? requested[name]! : name;
    const held = runningByState.get(name) ?? 0;
    const tickets = held === 1 ? '1 ticket is' : `${held} tickets are`;
    if (!Object.hasOwn(to.states, target)) {
      problems[`mapping.${name}`] = Object.hasOwn(requested, name)
        ? `"${target}" is not a state of the version migrated to: map "${name}" to one of ${listed}`
        : `${tickets} in "${name}", which the version migrated to does not have: map it to one of ${listed}`;
    } else if (to.states[target]!.final) {
      problems[`mapping.${name}`] = `"${target}" is final: a migration may not end tickets; map "${name}" to one of ${listed}`;
    } else {
      mapping[name] = target;
    }
  }
  const moves = Object.entries(mapping)
    .map(([name, target]) => ({ from: name, to: target, count: runningByState.get(name) ?? 0 }))
    .filter((move) => move.count > 0);
  return { mapping, moves, problems };
}
