import { z } from 'zod';
import { DomainError } from '../core/errors';
import { CANONICAL_STATUSES, GUARD_NAMES, GUARD_READS, LifecycleDefinition, ROLE_NAMES, type GuardName } from './definition';
import { CONDITION_FIELD_NAMES } from './condition-fields';
import { jsonPath } from './json-path';

/** The rules a lifecycle definition is checked against before it may be published. */
export const LIFECYCLE_RULES = [
  /** The definition is too large to be a ticket process (and to check cheaply). */
  'size',
  /** The JSON does not have the definition's shape (names, labels, catalogues). */
  'schema',
  /** An action or the initial state names a state that does not exist. */
  'unknown-state',
  /** A state does not map to exactly one canonical status. */
  'canonical-status',
  /** An action nobody may take, or one naming a role that does not exist. */
  'action-role',
  /** A guard outside the vocabulary, or one reading a payload field its action does not carry. */
  'guard-field',
  /** Two actions of the same name leave a state in the same case: only the first would ever be taken. */
  'ambiguous-action',
  /** A final state that actions leave, or that is not closed. */
  'final-state',
  /** A state no path from the initial one reaches. */
  'unreachable-state',
  /** A state from which no path leads to a closed one. */
  'no-way-to-close',
  /** A state whose ticket clocks (auto-close, resume at a date) would fire an action it does not have. */
  'clock-target',
  /** A state's timer names an action that does not leave the state, or that `system` may not take. */
  'timer-target',
  /** A state asks for a validation on entry that no action there lets the validators give. */
  'entry-effect',
  /** An entry effect names a support group or a user that does not exist (checked against the database as a draft is saved and published). */
  'unknown-reference',
] as const;
export type LifecycleRule = (typeof LIFECYCLE_RULES)[number];

/** One problem of a definition: the rule it breaks, where (a JSON path such as `$.actions[3].roles`) and how to fix it. */
export interface LifecycleFinding {
  rule: LifecycleRule;
  path: string;
  message: string;
}

export interface LifecycleVerification {
  /** The parsed definition when there is no finding, else null. */
  definition: LifecycleDefinition | null;
  findings: LifecycleFinding[];
}

/** Most states and actions a definition may have: a ticket process is a few dozen of each. */
export const MAX_STATES = 200;
export const MAX_ACTIONS = 1000;
const MAX_ACTION_SOURCES = 20_000;

/**
 * What the ticket's workflow does by itself, and so what a definition must let `system` do:
 * a resolved ticket closes itself after `GUICHET_AUTO_CLOSE_DAYS` (`close`), and a ticket
 * pended with a date (`pend` with `until`) resumes at that date (`resume`). See workflows/ticket-clock.ts.
 */
const TICKET_CLOCKS = [
  { action: 'close', applies: 'every state mapped to "resolved"', when: 'after GUICHET_AUTO_CLOSE_DAYS' },
  { action: 'resume', applies: 'every pending state that "pend" enters', when: 'at the date the ticket was pended until' },
] as const;

type Path = (string | number)[];

// Shape only: the rules below check statuses, roles and guards themselves, with messages that say how to fix them.
const LooseDefinition = z.object({
  initial: z.string(),
  states: z.record(
    z.string(),
    z.object({
      status: z.string().optional(),
      final: z.boolean().optional(),
      timers: z.array(z.object({ action: z.string() })).optional(),
      entry: z.array(z.object({ effect: z.string() })).optional(),
    }),
  ),
  actions: z.array(
    z.object({
      name: z.string(),
      from: z.array(z.string()),
      to: z.string(),
      guard: z.string().optional(),
      when: z.array(z.object({ field: z.string() })).optional(),
      roles: z.array(z.string()).optional(),
      payload: z.array(z.string()).optional(),
    }),
  ),
});
type LooseDefinition = z.infer<typeof LooseDefinition>;
type LooseAction = LooseDefinition['actions'][number];

/** Whether `value` is a JSON object (not an array, not null). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const quoted = (names: readonly string[], most = 12): string => {
  const shown = names.slice(0, most).map((n) => `"${n}"`);
  return names.length > most ? `${shown.join(', ')}, … (${names.length} in all)` : shown.join(', ');
};

/** The one finding of a definition too large to check (and to draw), if it is. */
export function sizeFindings(input: unknown): LifecycleFinding[] {
  if (!isRecord(input)) return [];
  const findings: LifecycleFinding[] = [];
  const states = isRecord(input['states']) ? Object.keys(input['states']).length : 0;
  if (states > MAX_STATES) {
    findings.push({ rule: 'size', path: '$.states', message: `${states} states: a lifecycle may have at most ${MAX_STATES}` });
  }
  const actions = Array.isArray(input['actions']) ? (input['actions'] as unknown[]) : [];
  if (actions.length > MAX_ACTIONS) {
    findings.push({ rule: 'size', path: '$.actions', message: `${actions.length} actions: a lifecycle may have at most ${MAX_ACTIONS}` });
  }
  const sources = actions.reduce<number>((n, a) => n + (isRecord(a) && Array.isArray(a['from']) ? a['from'].length : 0), 0);
  if (sources > MAX_ACTION_SOURCES) {
    findings.push({
      rule: 'size',
      path: '$.actions',
      message: `the actions leave ${sources} states in all: a lifecycle may have at most ${MAX_ACTION_SOURCES} from-states over its actions`,
    });
  }
  return findings;
}

/** Each rule's findings, as paths (compared with the schema's issues) and messages. */
type Found = { rule: LifecycleRule; path: Path; message: string }[];

function unknownStates(def: LooseDefinition, found: Found): void {
  const known = Object.keys(def.states);
  const has = (name: string) => Object.hasOwn(def.states, name);
  if (!has(def.initial)) {
    found.push({
      rule: 'unknown-state',
      path: ['initial'],
      message: `the initial state "${def.initial}" is not one of the states (${quoted(known)})`,
    });
  }
  def.actions.forEach((action, i) => {
    action.from.forEach((from, j) => {
      if (!has(from)) {
        found.push({
          rule: 'unknown-state',
          path: ['actions', i, 'from', j],
          message: `action "${action.name}" leaves "${from}", which is not one of the states (${quoted(known)})`,
        });
      }
    });
    if (!has(action.to)) {
      found.push({
        rule: 'unknown-state',
        path: ['actions', i, 'to'],
        message: `action "${action.name}" goes to "${action.to}", which is not one of the states (${quoted(known)})`,
      });
    }
  });
}

function canonicalStatuses(def: LooseDefinition, found: Found): void {
  for (const [name, state] of Object.entries(def.states)) {
    if (state.status === undefined) {
      found.push({
        rule: 'canonical-status',
        path: ['states', name, 'status'],
        message: `state "${name}" maps to no canonical status: give it one of ${quoted(CANONICAL_STATUSES)}`,
      });
    } else if (!(CANONICAL_STATUSES as readonly string[]).includes(state.status)) {
      found.push({
        rule: 'canonical-status',
        path: ['states', name, 'status'],
        message: `state "${name}" maps to "${state.status}", which is not a canonical status: use one of ${quoted(CANONICAL_STATUSES)}`,
      });
    }
  }
}

function actionRoles(def: LooseDefinition, found: Found): void {
  def.actions.forEach((action, i) => {
    if (!action.roles || action.roles.length === 0) {
      found.push({
        rule: 'action-role',
        path: ['actions', i, 'roles'],
        message: `action "${action.name}" has no role, so nobody could take it: name who may (${quoted(ROLE_NAMES)})`,
      });
      return;
    }
    action.roles.forEach((role, k) => {
      if (!(ROLE_NAMES as readonly string[]).includes(role)) {
        found.push({
          rule: 'action-role',
          path: ['actions', i, 'roles', k],
          message: `action "${action.name}" names the unknown role "${role}": roles are ${quoted(ROLE_NAMES)}`,
        });
      }
    });
  });
}

const isGuardName = (name: string): name is GuardName => (GUARD_NAMES as readonly string[]).includes(name);

function guardFields(def: LooseDefinition, found: Found): void {
  const vocabulary = GUARD_NAMES.map((g) => `${g} (${[...GUARD_READS[g].payload, ...GUARD_READS[g].ticket].join(', ')})`).join(', ');
  def.actions.forEach((action, i) => {
    action.when?.forEach((condition, j) => {
      if ((CONDITION_FIELD_NAMES as string[]).includes(condition.field)) return;
      found.push({
        rule: 'guard-field',
        path: ['actions', i, 'when', j, 'field'],
        message: `action "${action.name}" tests the field "${condition.field}", which is not one a condition may test: use ${quoted(CONDITION_FIELD_NAMES)}`,
      });
    });
    if (action.guard === undefined) return;
    if (!isGuardName(action.guard)) {
      found.push({
        rule: 'guard-field',
        path: ['actions', i, 'guard'],
        message: `action "${action.name}" is guarded by "${action.guard}", which is not a known guard: guards read ticket fields only through ${vocabulary}`,
      });
      return;
    }
    for (const field of GUARD_READS[action.guard].payload) {
      if (!(action.payload ?? []).includes(field)) {
        found.push({
          rule: 'guard-field',
          path: ['actions', i, 'guard'],
          message: `action "${action.name}" is guarded by "${action.guard}", which reads the payload field "${field}" that the action does not carry: add "${field}" to its payload`,
        });
      }
    }
  });
}

// The compiled machine tries the guarded alternatives of a name first, then the unguarded one: a second one in the same case is never taken.
function ambiguousActions(def: LooseDefinition, found: Found): void {
  const first = new Map<string, number>();
  def.actions.forEach((action, i) => {
    action.from.forEach((from, j) => {
      const slot = `${from}\u0000${action.name}\u0000${action.guard ?? ''}\u0000${JSON.stringify(action.when ?? null)}`;
      const earlier = first.get(slot);
      if (earlier === undefined) {
        first.set(slot, i);
        return;
      }
      const when =
        action.when !== undefined
          ? 'with the same guard and conditions'
          : action.guard === undefined
            ? 'without a guard'
            : `with the same guard "${action.guard}"`;
      found.push({
        rule: 'ambiguous-action',
        path: ['actions', i, 'from', j],
        message: `actions[${earlier}] and actions[${i}] both take "${action.name}" from "${from}" ${when}, so actions[${i}] would never be taken there: guard one of them, or merge them`,
      });
    });
  });
}

function finalStates(def: LooseDefinition, found: Found): void {
  for (const [name, state] of Object.entries(def.states)) {
    if (state.final && state.status !== undefined && state.status !== 'closed') {
      found.push({
        rule: 'final-state',
        path: ['states', name, 'final'],
        message: `state "${name}" is final but maps to "${state.status}": a ticket's workflow ends only closed; map it to "closed" or let actions leave it`,
      });
    }
  }
  def.actions.forEach((action, i) => {
    action.from.forEach((from, j) => {
      if (def.states[from]?.final) {
        found.push({
          rule: 'final-state',
          path: ['actions', i, 'from', j],
          message: `action "${action.name}" leaves the final state "${from}", where the ticket's workflow has ended: remove "${from}" from its from-states, or make "${from}" not final`,
        });
      }
    });
  });
}

/** Each state's successors over every action that can be taken (final states are left by none). */
function successorsOf(def: LooseDefinition): Map<string, Set<string>> {
  const next = new Map(Object.keys(def.states).map((name) => [name, new Set<string>()]));
  for (const action of def.actions) {
    if (!Object.hasOwn(def.states, action.to)) continue;
    for (const from of action.from) {
      if (!def.states[from]?.final) next.get(from)?.add(action.to);
    }
  }
  return next;
}

function reached(starts: string[], edges: Map<string, Set<string>>): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    for (const other of edges.get(name) ?? []) {
      if (!seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return seen;
}

function reachability(def: LooseDefinition, found: Found): void {
  const next = successorsOf(def);
  if (Object.hasOwn(def.states, def.initial)) {
    const reachable = reached([def.initial], next);
    for (const name of Object.keys(def.states)) {
      if (!reachable.has(name)) {
        found.push({
          rule: 'unreachable-state',
          path: ['states', name],
          message: `state "${name}" cannot be reached from the initial state "${def.initial}": add an action that leads to it, or remove it`,
        });
      }
    }
  }
  const closed = Object.keys(def.states).filter((name) => def.states[name]!.status === 'closed');
  if (closed.length === 0) {
    found.push({
      rule: 'no-way-to-close',
      path: ['states'],
      message: 'no state maps to the canonical status "closed", so no ticket could ever close: add one',
    });
    return;
  }
  const previous = new Map(Object.keys(def.states).map((name) => [name, new Set<string>()]));
  for (const [from, tos] of next) for (const to of tos) previous.get(to)!.add(from);
  const closing = reached(closed, previous);
  for (const name of Object.keys(def.states)) {
    if (!closing.has(name)) {
      found.push({
        rule: 'no-way-to-close',
        path: ['states', name],
        message: `no path leads from state "${name}" to a closed state (${quoted(closed)}), so a ticket there could never close: add an action from it, or from a state it leads to, toward one`,
      });
    }
  }
}

const systemTakesAlways = (def: LooseDefinition, state: string, name: string): boolean =>
  def.actions.some(
    (a: LooseAction) => a.name === name && a.from.includes(state) && a.guard === undefined && (a.roles ?? []).includes('system'),
  );

function clockTargets(def: LooseDefinition, found: Found): void {
  const pendedInto = new Set(def.actions.filter((a) => a.name === 'pend').map((a) => a.to));
  for (const [name, state] of Object.entries(def.states)) {
    if (state.final) continue;
    const clock =
      state.status === 'resolved' ? TICKET_CLOCKS[0] : state.status === 'pending' && pendedInto.has(name) ? TICKET_CLOCKS[1] : null;
    if (!clock || systemTakesAlways(def, name, clock.action)) continue;
    found.push({
      rule: 'clock-target',
      path: ['states', name],
      message: `state "${name}" is one of ${clock.applies}, where the ticket's workflow takes "${clock.action}" as system ${clock.when}, but no unguarded "${clock.action}" action that the role "system" may take leaves it: add one`,
    });
  }
}

function timerTargets(def: LooseDefinition, found: Found): void {
  for (const [name, state] of Object.entries(def.states)) {
    state.timers?.forEach((timer, k) => {
      const leaving = def.actions.filter((a) => a.name === timer.action && a.from.includes(name));
      if (leaving.length > 0 && leaving.some((a) => (a.roles ?? []).includes('system'))) return;
      const why =
        leaving.length === 0
          ? `no action "${timer.action}" leaves "${name}"`
          : `the role "system" may not take "${timer.action}" from "${name}"`;
      found.push({
        rule: 'timer-target',
        path: ['states', name, 'timers', k, 'action'],
        message: `a timer of state "${name}" takes "${timer.action}" as system, but ${why}: name an action of the state that "system" may take`,
      });
    });
  }
}

function entryEffects(def: LooseDefinition, found: Found): void {
  for (const [name, state] of Object.entries(def.states)) {
    state.entry?.forEach((effect, k) => {
      if (effect.effect !== 'requestValidation') return;
      if (def.actions.some((a) => a.from.includes(name) && (a.roles ?? []).includes('validator'))) return;
      found.push({
        rule: 'entry-effect',
        path: ['states', name, 'entry', k],
        message: `state "${name}" asks for a validation as the ticket enters it, but no action leaving "${name}" lets a validator decide: add one (role "validator")`,
      });
    });
  }
}

const RULES = [
  unknownStates,
  canonicalStatuses,
  actionRoles,
  guardFields,
  ambiguousActions,
  finalStates,
  reachability,
  clockTargets,
  timerTargets,
  entryEffects,
];

// A rule's finding explains a schema issue at its own path or above it (`from` explained by `from[2]`).
const explains = (finding: Path, issue: readonly PropertyKey[]): boolean => issue.length > 0 && issue.every((key, i) => finding[i] === key);

/**
 * Checks a lifecycle definition (parsed JSON, not yet trusted) before it is published: its shape,
 * then every rule of {@link LIFECYCLE_RULES}. Pure and linear in the definition's size; a
 * definition over {@link MAX_STATES} states or {@link MAX_ACTIONS} actions gets one finding and no more work.
 *
 * @example
 *   const { findings } = verifyLifecycle(JSON.parse(body));
 *   // [{ rule: 'unreachable-state', path: '$.states.planned', message: 'state "planned" cannot be reached …' }]
 */
export function verifyLifecycle(input: unknown): LifecycleVerification {
  const tooLarge = sizeFindings(input);
  if (tooLarge.length > 0) return { definition: null, findings: tooLarge };
  const strict = LifecycleDefinition.safeParse(input);
  const loose = LooseDefinition.safeParse(input);
  const found: Found = [];
  if (loose.success) for (const rule of RULES) rule(loose.data, found);
  // The schema's issues that no rule already explains.
  const issues = strict.success ? [] : strict.error.issues.filter((issue) => !found.some((f) => explains(f.path, issue.path)));
  const findings: LifecycleFinding[] = [
    ...issues.map((issue) => ({ rule: 'schema' as const, path: jsonPath(issue.path), message: issue.message })),
    ...found.map((f) => ({ rule: f.rule, path: jsonPath(f.path), message: f.message })),
  ];
  return { definition: strict.success && findings.length === 0 ? strict.data : null, findings };
}

/**
 * The definition when it passes verification; otherwise throws a `validation_failed` error (400)
 * whose details list every finding.
 *
 * @example
 *   const definition = verifiedLifecycleOrFail(changeJson);
 */
export function verifiedLifecycleOrFail(input: unknown): LifecycleDefinition {
  const { definition, findings } = verifyLifecycle(input);
  if (definition) return definition;
  const key = isRecord(input) && typeof input['key'] === 'string' ? ` "${input['key']}"` : '';
  const listed = findings.map((f) => `${f.path}: ${f.message}`).join('; ');
  throw new DomainError('validation_failed', `The lifecycle${key} does not pass verification: ${listed}`, { findings });
}
