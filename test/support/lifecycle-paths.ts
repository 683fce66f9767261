// Paths through a lifecycle generated from its definition alone, for model-based tests: the
// compiled machine predicts every step, the ticket's workflow must agree.
import { getAdjacencyMap, type AdjacencyValue } from '@xstate/graph';
import { initialTransition } from 'xstate';
import { compileLifecycle, type LifecycleMachine } from '../../lifecycles/compile-lifecycle';
import { GUARD_READS, type LifecycleAction, type LifecycleDefinition, type RoleName } from '../../lifecycles/definition';
import { conditionsHold, type FieldCondition } from '../../lifecycles/field-conditions';
import type { LifecyclePosition } from '../../lifecycles/lifecycle-step';
import {
  groupsOf,
  SYSTEM_ACTOR,
  techniciansOf,
  validatorsOf,
  type Actor,
  type TicketContext,
  type TicketEvent,
  type TicketFacts,
} from '../../lifecycles/ticket-context';

type Payload = Record<string, unknown>;
type MachineSnapshot = ReturnType<LifecycleMachine['transition']>;

/** Who acts on the generated paths. Validators are managers: only their relation to the ticket lets them decide. */
const PATH_ACTORS = {
  requester: { id: 10, profile: 'requester' },
  technician: { id: 20, profile: 'technician' },
  supervisor: { id: 30, profile: 'supervisor' },
  system: SYSTEM_ACTOR,
} satisfies Record<string, Actor>;
const OTHER_TECHNICIAN = 21;
const SERVICE_DESK_GROUP = 1;
const LEVEL_2_GROUP = 2;
const VALIDATORS = [40, 41];

/** A ticket as the workflow harness starts it. */
const DEFAULT_TICKET: TicketFacts = { priority: 3, type: null };

/** A new ticket filed by the requester, held by nobody. */
export const PATH_START_CONTEXT: TicketContext = { requester: 10, assignee: null, group: null, level: 1, validator: null };

// Realistic values for each payload field an action may declare, each alternative a partial payload.
// A field not listed gets a text: the generation keeps working when definitions name new fields.
const FIELD_VALUES: Record<string, Payload[]> = {
  assignee: [{ assignee: OTHER_TECHNICIAN }],
  group: [{ group: LEVEL_2_GROUP }],
  reason: [{ reason: 'En attente de la pièce commandée' }],
  solution: [{ solution: 'Câble réseau remplacé, poste reconnecté' }],
  start: [{ start: '2027-03-01T08:00:00.000Z' }],
  end: [{ end: '2027-03-01T10:00:00.000Z' }],
  until: [{ until: '2036-01-07T09:00:00.000Z' }],
  decision: [{ decision: 'accepted' }, { decision: 'refused' }],
  // One validator, or two who must all approve (the guarded "approved, others still to decide" branch).
  validator: [{ validator: VALIDATORS[0] }, { validators: VALIDATORS, rule: 'all' }],
  validators: [{ validators: VALIDATORS }, { validators: VALIDATORS, rule: 'all' }],
  rule: [{ rule: 'any' }, { rule: 'all' }],
};

// Fields the effects read that actions need not declare: each alternative changes what the guards see next.
const EFFECT_VALUES: Record<string, (context: TicketContext) => Payload[]> = {
  // Naming neither, whoever assigns takes the ticket; or another technician; or a group.
  setAssignment: () => [{}, { assignee: OTHER_TECHNICIAN }, { group: SERVICE_DESK_GROUP }],
  // Naming neither removes everyone; or one technician, or one group, of those holding it.
  clearAssignment: (context) => [
    {},
    ...techniciansOf(context)
      .slice(0, 1)
      .map((assignee) => ({ assignee })),
    ...groupsOf(context)
      .slice(0, 1)
      .map((group) => ({ group })),
  ],
};

// A ticket pended until a date resumes by itself then: pend both with and without one.
const CLOCK_VALUES: Record<string, Payload[]> = { pend: [{}, FIELD_VALUES['until']![0]!] };

const product = (alternatives: Payload[][]): Payload[] =>
  alternatives.reduce<Payload[]>((payloads, choices) => payloads.flatMap((p) => choices.map((c) => ({ ...p, ...c }))), [{}]);

/** The payloads to try for `action`: each declared field with its values, crossed with what its effects and clocks read. */
function payloadsFor(action: LifecycleAction, context: TicketContext): Payload[] {
  const declared = (action.payload ?? []).map((field) => FIELD_VALUES[field] ?? [{ [field]: `${field} (texte libre)` }]);
  const effects = (action.effects ?? []).flatMap((effect) => (EFFECT_VALUES[effect] ? [EFFECT_VALUES[effect](context)] : []));
  const clocks = CLOCK_VALUES[action.name] ? [CLOCK_VALUES[action.name]!] : [];
  // Effects' fields first, so that a declared field keeps its declared value.
  return product([...effects, ...clocks, ...declared]);
}

const decided = (context: TicketContext): number[] => [...(context.approvals ?? []), ...(context.refusals ?? [])];

/** One actor per role that may take an action now: a validator only while their decision is awaited. */
function actorsFor(role: RoleName, context: TicketContext): Actor[] {
  if (role === 'requester') return [{ id: context.requester, profile: 'requester' }];
  if (role === 'validator') {
    return validatorsOf(context)
      .filter((id) => !decided(context).includes(id))
      .map((id) => ({ id, profile: 'manager' }));
  }
  return [PATH_ACTORS[role]];
}

/** Whether `actor` may take `action` by its roles, read from the definition (admins aside). */
export function mayTakeByRoles(action: LifecycleAction, actor: Actor, context: TicketContext): boolean {
  return action.roles.some((role) => {
    if (role === 'requester') return actor.id === context.requester;
    if (role === 'validator') return actor.id !== null && validatorsOf(context).includes(actor.id) && !decided(context).includes(actor.id);
    return actor.profile === role;
  });
}

/**
 * The events to explore from `snapshot`: every action leaving its state, by an actor of each of its
 * roles, with each payload; only those the machine takes (a guard may leave an action no branch).
 */
function eventsToExplore(definition: LifecycleDefinition, snapshot: MachineSnapshot, ticket: TicketFacts): TicketEvent[] {
  const context = snapshot.context;
  const events = new Map<string, TicketEvent>();
  for (const action of definition.actions.filter((a) => a.from.includes(String(snapshot.value)))) {
    for (const actor of action.roles.flatMap((role) => actorsFor(role, context))) {
      for (const payload of payloadsFor(action, context)) {
        // The ticket's fields ride along, as the workflow adds them to every event.
        const event: TicketEvent = { type: action.name, actor, payload, ticket };
        if (snapshot.can(event)) events.set(JSON.stringify(event), event);
      }
    }
  }
  return [...events.values()];
}

const atMost = (n: number, most: number): number => Math.min(n, most);

// The conditions of actions' `when`.
const conditionsOf = (definition: LifecycleDefinition): FieldCondition[] => definition.actions.flatMap((a) => a.when ?? []);

/**
 * The tickets to start paths on: the harness's, and one for each other way the conditions on the
 * ticket's own fields (priority, type) can come out.
 */
function ticketsFor(definition: LifecycleDefinition): TicketFacts[] {
  const conditions = conditionsOf(definition).filter((c) => c.field === 'priority' || c.field === 'type');
  const near = conditions.flatMap((c) =>
    c.field === 'priority' && typeof c.value === 'number' ? [c.value - 1, c.value, c.value + 1] : [],
  );
  const priorities = new Set([DEFAULT_TICKET.priority, ...near.filter((p) => p >= 1 && p <= 6)]);
  const types = new Set([DEFAULT_TICKET.type, ...conditions.flatMap((c) => (c.field === 'type' ? [c.value as TicketFacts['type']] : []))]);
  const byOutcome = new Map<string, TicketFacts>();
  for (const priority of priorities) {
    for (const type of types) {
      const ticket = { priority, type };
      const outcome = JSON.stringify(conditions.map((c) => conditionsHold([c], PATH_START_CONTEXT, ticket)));
      if (!byOutcome.has(outcome)) byOutcome.set(outcome, ticket);
    }
  }
  return [...byOutcome.values()];
}

/**
 * How the traversal tells states apart: by name, and by the facts that the definition's guards,
 * conditions and roles read (how many hold the ticket, where its validation stands, how deep its
 * escalations go), never by the ids themselves, so that the space stays small and finite.
 */
function factsSerializer(definition: LifecycleDefinition): (snapshot: MachineSnapshot) => string {
  const read = new Set(definition.actions.flatMap((a) => (a.guard ? GUARD_READS[a.guard].ticket : [])));
  const tested = new Set(conditionsOf(definition).map((c) => c.field));
  const readsHolders = read.has('technicians') || read.has('groups');
  const readsValidation = read.has('validators') || read.has('approvals');
  return (snapshot) => {
    const context = snapshot.context;
    const undecided = validatorsOf(context).filter((id) => !decided(context).includes(id)).length;
    const outcome = [(context.approvals ?? []).length > 0, (context.refusals ?? []).length > 0];
    let validation: unknown = undefined;
    // Once every validator decided, only a condition on the validation still tells the outcomes apart.
    if (tested.has('validation')) validation = [context.validationRule ?? 'any', undecided, ...outcome];
    else if (undecided > 0) validation = readsValidation ? [context.validationRule ?? 'any', undecided] : 'awaited';
    return JSON.stringify({
      state: snapshot.value,
      holders: readsHolders ? atMost(techniciansOf(context).length + groupsOf(context).length, 2) : undefined,
      escalations: read.has('escalatedFrom') || tested.has('level') ? atMost(context.escalatedFrom?.length ?? 0, 2) : undefined,
      validation,
    });
  };
}

/** One step of a generated path: the event and the position the machine predicts after it. */
export interface PathStep {
  event: TicketEvent;
  position: LifecyclePosition;
}

/** A generated path: the ticket to start it on and its steps. */
export interface LifecyclePath {
  ticket: TicketFacts;
  steps: PathStep[];
}

export interface LifecyclePaths {
  /** No path is a prefix of another: the longer one checks every step of the shorter. */
  paths: LifecyclePath[];
  /** Distinct states (by their facts) and transitions between them that the traversal found, over every ticket. */
  states: number;
  transitions: number;
}

const positionOf = (snapshot: MachineSnapshot): LifecyclePosition => ({ state: String(snapshot.value), context: snapshot.context });

/** Drops every path that another one on the same ticket starts with. */
function withoutPrefixes(paths: LifecyclePath[]): LifecyclePath[] {
  const keys = paths.map(({ ticket, steps }) => [JSON.stringify(ticket), ...steps.map((step) => JSON.stringify(step.event))]);
  const longestFirst = keys.map((_, i) => i).sort((a, b) => keys[b]!.length - keys[a]!.length);
  const kept: number[] = [];
  for (const i of longestFirst) {
    const key = keys[i]!;
    if (!kept.some((k) => key.every((event, n) => keys[k]![n] === event))) kept.push(i);
  }
  return kept.sort((a, b) => a - b).map((i) => paths[i]!);
}

/**
 * Paths through the lifecycle's state space (states told apart by `factsSerializer`): shortest paths
 * that, between them, take every transition from one state to another by each action, and every
 * action from each state by each kind of actor and with each payload, on each ticket of
 * `ticketsFor`. Paths longer than `maxSteps` are left out, which the coverage check
 * (`missedByPaths`) then reports.
 *
 * @example
 *   const { paths } = lifecyclePaths(incident, { maxSteps: 10 });
 *   for (const { ticket, steps } of paths) for (const { event, position } of steps) {} // take event, expect position
 */
export function lifecyclePaths(definition: LifecycleDefinition, { maxSteps = 10 } = {}): LifecyclePaths {
  const machine = compileLifecycle(definition);
  const serialize = factsSerializer(definition);
  const covered = new Set<string>();
  const found: LifecyclePaths = { paths: [], states: 0, transitions: 0 };
  for (const ticket of ticketsFor(definition)) {
    // Only the events given are sent, so every transition's event is a ticket's.
    const adjacency = getAdjacencyMap(machine, {
      input: PATH_START_CONTEXT,
      events: (snapshot: MachineSnapshot) => eventsToExplore(definition, snapshot, ticket),
      serializeState: serialize,
      limit: 500_000,
    }) as Record<string, AdjacencyValue<MachineSnapshot, TicketEvent>>;
    // The traversal is breadth-first and keeps the first snapshot it meets for each state: the edge
    // that produced that very snapshot is on a shortest path to it. (getShortestPaths keeps the last
    // snapshot met instead, whose context its path's events need not produce.)
    const pathTo = new Map<string, PathStep[]>([[serialize(initialTransition(machine, PATH_START_CONTEXT)[0]), []]]);
    for (const [from, { state: source, transitions: leaving }] of Object.entries(adjacency)) {
      const head = pathTo.get(from)!;
      const taken = Object.values(leaving);
      for (const { event, state } of taken) {
        const to = serialize(state);
        const steps = [...head, { event, position: positionOf(state) }];
        if (!pathTo.has(to) && adjacency[to]?.state === state) pathTo.set(to, steps);
        const kinds = [
          `${from} ${event.type} ${to}`,
          `${String(source.value)} ${event.type} ${event.actor.profile} ${JSON.stringify(event.payload)}`,
        ];
        if (kinds.some((kind) => !covered.has(kind))) found.paths.push({ ticket, steps });
        kinds.forEach((kind) => covered.add(kind));
      }
      found.transitions += taken.length;
    }
    found.states += Object.keys(adjacency).length;
  }
  return { ...found, paths: withoutPrefixes(found.paths.filter((path) => path.steps.length <= maxSteps)) };
}

/** What of the definition the paths do not reach: states, actions, and branches (an action from one of its states to its target). */
export function missedByPaths(definition: LifecycleDefinition, paths: LifecyclePath[]) {
  const states = new Set([definition.initial]);
  const branches = new Set<string>();
  for (const { steps } of paths) {
    let from = definition.initial;
    for (const { event, position } of steps) {
      states.add(position.state);
      branches.add(`${event.type}: ${from} → ${position.state}`);
      from = position.state;
    }
  }
  const actions = new Set([...branches].map((branch) => branch.split(':')[0]!));
  const allBranches = definition.actions.flatMap((a) => a.from.map((from) => `${a.name}: ${from} → ${a.to}`));
  return {
    states: Object.keys(definition.states).filter((s) => !states.has(s)),
    actions: [...new Set(definition.actions.map((a) => a.name))].filter((a) => !actions.has(a)),
    branches: [...new Set(allBranches)].filter((b) => !branches.has(b)),
  };
}

/**
 * The actions `actor` may take from `position`: theirs by the definition's roles, and taken by the
 * machine with one of the payloads explored (so a guard or a condition that cannot hold now rules it out).
 */
export function allowedByDefinition(
  definition: LifecycleDefinition,
  position: LifecyclePosition,
  actor: Actor,
  ticket: TicketFacts,
): string[] {
  const snapshot = compileLifecycle(definition).resolveState({ value: position.state, context: position.context });
  const taken = new Set(eventsToExplore(definition, snapshot, ticket).map((e) => e.type));
  const names = definition.actions
    .filter((a) => a.from.includes(position.state) && mayTakeByRoles(a, actor, position.context) && taken.has(a.name))
    .map((a) => a.name);
  return [...new Set(names)];
}
