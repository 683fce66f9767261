import type { Language } from '../core/language';
import { ROLE_NAMES, type LifecycleDefinition, type RoleName } from '../lifecycles/definition';
import { describeEffect, type EntryEffect } from '../lifecycles/entry-effects';
import { describeTimer, type StateTimer } from '../lifecycles/state-timers';
import { actionName } from '../lifecycles/action-names';
import { conditionOf, entriesLeaving } from './action-labels';

export type ProcessNodeKind = 'start' | 'task' | 'gateway' | 'timer' | 'annotation' | 'end';

/** One entry effect of a state, as its annotation lists it. */
export interface DescribedEffect {
  effect: EntryEffect['effect'];
  text: string;
}

/**
 * One element of the drawn process: a state (task), a guarded branch (gateway), a clock of a state
 * (timer, on its task's border), the entry effects of a state (annotation, linked to its task), or
 * where it starts and ends.
 */
export interface ProcessNode {
  /** An XML id, the same in the SVG and the BPMN export. */
  id: string;
  kind: ProcessNodeKind;
  name: string;
  lane: RoleName;
  /** The lifecycle state a task draws. */
  state?: string;
  /** The actions that keep a task's state, listed in its shape rather than drawn as loops. */
  stays?: string[];
  /** The task a timer sits on, and what it waits for. */
  attachedTo?: string;
  timer?: StateTimer;
  /** The task an annotation is about, and the effects of entering its state. */
  annotates?: string;
  effects?: DescribedEffect[];
}

/** One arrow: an action taken from a state or by its timer, or one branch of a gateway. */
export interface ProcessFlow {
  id: string;
  source: string;
  target: string;
  name: string;
  /** What must hold for this branch (its guard and field conditions); none on a gateway's default branch. */
  guard?: string;
  /** The branch a gateway takes when no guard holds. */
  isDefault?: boolean;
}

export interface ProcessLane {
  id: string;
  role: RoleName;
  name: string;
  nodes: string[];
}

/** A lifecycle as a BPMN-like process: lanes by the role that acts, tasks, gateways and flows. */
export interface LifecycleProcess {
  key: string;
  name: string;
  lanes: ProcessLane[];
  nodes: ProcessNode[];
  flows: ProcessFlow[];
}

const ROLE_LABELS: Record<RoleName, Record<Language, string>> = {
  technician: { fr: 'Technicien', en: 'Technician' },
  supervisor: { fr: 'Superviseur', en: 'Supervisor' },
  requester: { fr: 'Demandeur', en: 'Requester' },
  validator: { fr: 'Valideur', en: 'Validator' },
  system: { fr: 'Système (horloges du ticket)', en: "System (the ticket's clocks)" },
};
const WORDS = {
  start: { fr: 'Ticket enregistré', en: 'Ticket filed' },
  otherwise: { fr: 'sinon', en: 'otherwise' },
} as const;

export const taskId = (state: string): string => `Task_${state}`;
const gatewayId = (state: string, action: string): string => `Gateway_${state}_${action}`;
const timerId = (state: string, index: number): string => `Timer_${state}_${index + 1}`;

// The role that acts most among `roles` (each occurrence counts once); ties go to the first in ROLE_NAMES.
function mostActive(roles: RoleName[], among: readonly RoleName[] = ROLE_NAMES): RoleName | undefined {
  const counts = new Map<RoleName, number>();
  for (const role of roles) counts.set(role, (counts.get(role) ?? 0) + 1);
  let best: RoleName | undefined;
  for (const role of among) {
    if ((counts.get(role) ?? 0) > (best === undefined ? 0 : counts.get(best)!)) best = role;
  }
  return best;
}

/**
 * Each state's lane: the role that takes most of the actions leaving it; a final state sits in the
 * lane of the states that lead to it most, the last such lane when they tie, so the process ends at the bottom.
 */
function lanesOfStates(definition: LifecycleDefinition): Map<string, RoleName> {
  const lanes = new Map<string, RoleName>();
  const names = Object.keys(definition.states);
  for (const name of names.filter((n) => !definition.states[n]!.final)) {
    const leaving = definition.actions.filter((a) => a.from.includes(name)).flatMap((a) => a.roles);
    lanes.set(name, mostActive(leaving) ?? 'technician');
  }
  const order = laneOrder(definition, lanes);
  for (const name of names.filter((n) => definition.states[n]!.final)) {
    const entering = definition.actions
      .filter((a) => a.to === name)
      .flatMap((a) => a.from.filter((from) => lanes.has(from)).map((from) => lanes.get(from)!));
    lanes.set(name, mostActive(entering, [...order].reverse()) ?? order.at(-1) ?? 'technician');
  }
  return lanes;
}

// Lanes top to bottom in the order the process first meets them from the initial state; final states, which
// an early way out (a withdrawal) can reach first, do not count, so the process ends at the bottom.
function laneOrder(definition: LifecycleDefinition, lanes: Map<string, RoleName>): RoleName[] {
  const order: RoleName[] = [];
  const seen = new Set([definition.initial]);
  const queue = [definition.initial];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const lane = definition.states[name]?.final ? undefined : lanes.get(name);
    if (lane && !order.includes(lane)) order.push(lane);
    for (const action of definition.actions.filter((a) => a.from.includes(name))) {
      if (!seen.has(action.to)) {
        seen.add(action.to);
        queue.push(action.to);
      }
    }
  }
  for (const lane of lanes.values()) if (!order.includes(lane)) order.push(lane);
  return order;
}

/**
 * A lifecycle as a BPMN-like process: each state a task in the lane of the role that acts there,
 * a start event before the initial state and an end event after each final one, and each action a
 * flow; an action whose guarded alternatives lead to different states goes through an exclusive
 * gateway, one branch per guard and the unguarded one as its default. A state's timer is an event
 * on its task's border, with a flow to where its action leads: the action's gateway, or its state.
 * A state's entry effects are an annotation of its task.
 *
 * @example
 *   lifecycleProcess(incident, 'en').lanes.map((l) => l.name) // ['Technician', 'Requester']
 */
export function lifecycleProcess(definition: LifecycleDefinition, language: Language = 'fr'): LifecycleProcess {
  const laneOf = lanesOfStates(definition);
  const nodes: ProcessNode[] = [];
  const flows: ProcessFlow[] = [];
  const flow = (spec: Omit<ProcessFlow, 'id'>) => flows.push({ id: `Flow_${flows.length + 1}`, ...spec });

  const initialLane = laneOf.get(definition.initial) ?? 'technician';
  nodes.push({ id: 'Start', kind: 'start', name: WORDS.start[language], lane: initialLane });
  flow({ source: 'Start', target: taskId(definition.initial), name: '' });
  for (const [name, state] of Object.entries(definition.states)) {
    nodes.push({ id: taskId(name), kind: 'task', name: state.label[language], lane: laneOf.get(name)!, state: name });
  }
  // Where each action leads from each state, by `state/action`: the one flow its task and timers take.
  const ways = new Map<string, Pick<ProcessFlow, 'target' | 'name'>>();
  for (const name of Object.keys(definition.states)) {
    const leaving = definition.actions.filter((a) => a.from.includes(name));
    for (const action of [...new Set(leaving.map((a) => a.name))]) {
      const entries = entriesLeaving(definition, name, action);
      const called = actionName(definition, action, language);
      if (entries.length === 1) {
        const [only] = entries as [(typeof entries)[number]];
        const guard = conditionOf(only, language);
        const way = { target: taskId(only.to), name: guard ? `${called} [${guard}]` : called };
        ways.set(`${name}/${action}`, way);
        flow({ source: taskId(name), ...way, guard });
        continue;
      }
      // The action's name is on the flow into the gateway; the gateway itself stays unnamed.
      const way = { target: gatewayId(name, action), name: called };
      ways.set(`${name}/${action}`, way);
      nodes.push({ id: way.target, kind: 'gateway', name: '', lane: laneOf.get(name)! });
      flow({ source: taskId(name), ...way });
      const fallback = entries.find((e) => !conditionOf(e, language));
      for (const entry of entries) {
        const guard = conditionOf(entry, language);
        flow(
          guard
            ? { source: way.target, target: taskId(entry.to), name: `[${guard}]`, guard }
            : { source: way.target, target: taskId(entry.to), name: WORDS.otherwise[language], isDefault: entry === fallback },
        );
      }
    }
  }
  for (const [name, state] of Object.entries(definition.states)) {
    (state.timers ?? []).forEach((timer, i) => {
      const id = timerId(name, i);
      nodes.push({ id, kind: 'timer', name: describeTimer(timer, language), lane: laneOf.get(name)!, attachedTo: taskId(name), timer });
      // A timer naming an action that does not leave its state (a draft's finding) has nowhere to go.
      const way = ways.get(`${name}/${timer.action}`);
      if (way) flow({ source: id, ...way });
    });
  }
  for (const [name, state] of Object.entries(definition.states)) {
    if (!state.entry?.length) continue;
    const effects = state.entry.map((effect) => ({ effect: effect.effect, text: describeEffect(effect, language) }));
    nodes.push({ id: `Annotation_${name}`, kind: 'annotation', name: '', lane: laneOf.get(name)!, annotates: taskId(name), effects });
  }
  for (const [name, state] of Object.entries(definition.states)) {
    if (!state.final) continue;
    nodes.push({ id: `End_${name}`, kind: 'end', name: '', lane: laneOf.get(name)! });
    flow({ source: taskId(name), target: `End_${name}`, name: '' });
  }

  const order = laneOrder(definition, laneOf);
  const drawn = readableFlows(nodes, flows);
  const lanes = order.map((role) => ({
    id: `Lane_${role}`,
    role,
    name: ROLE_LABELS[role][language],
    // A lane holds flow nodes; an annotation is drawn in its task's band but belongs to no lane.
    nodes: nodes.filter((n) => n.lane === role && n.kind !== 'annotation').map((n) => n.id),
  }));
  return { key: definition.key, name: definition.label[language], lanes, nodes, flows: drawn };
}

const betweenTasks = (flow: ProcessFlow) => flow.source.startsWith('Task_') && flow.target.startsWith('Task_') && !flow.guard;

/**
 * The flows as drawn: an unguarded action that keeps its state is listed in its task (`stays`)
 * rather than drawn as a loop, and the unguarded actions from one state to another share one
 * arrow naming them all. Guarded flows, gateways' branches and timers' flows stay as they are.
 */
function readableFlows(nodes: ProcessNode[], flows: ProcessFlow[]): ProcessFlow[] {
  const drawn: ProcessFlow[] = [];
  const shared = new Map<string, ProcessFlow>();
  for (const flow of flows) {
    if (!betweenTasks(flow)) {
      drawn.push(flow);
    } else if (flow.source === flow.target) {
      const task = nodes.find((node) => node.id === flow.source)!;
      task.stays = [...(task.stays ?? []), flow.name];
    } else {
      const pair = `${flow.source}>${flow.target}`;
      const first = shared.get(pair);
      if (first) first.name = `${first.name} · ${flow.name}`;
      else {
        const copy = { ...flow };
        shared.set(pair, copy);
        drawn.push(copy);
      }
    }
  }
  return drawn;
}
