import { describe, expect, it } from 'vitest';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { jsonPath } from '../../lifecycles/json-path';
import { MAX_STATES, verifyLifecycle, type LifecycleRule } from '../../lifecycles/verify-lifecycle';

const label = (fr: string, en: string) => ({ fr, en });

/** A small desk process that passes every rule; each case below breaks one rule, then mends it. */
function sound() {
  return {
    key: 'small',
    label: label('Petit', 'Small'),
    initial: 'new',
    states: {
      new: { status: 'new', label: label('Nouveau', 'New') },
      assigned: { status: 'assigned', label: label('En cours (attribué)', 'Assigned') },
      pending: { status: 'pending', label: label('En attente', 'Pending') },
      resolved: { status: 'resolved', label: label('Résolu', 'Resolved') },
      closed: { status: 'closed', label: label('Clos', 'Closed'), final: true },
    } as Record<string, Record<string, unknown>>,
    actions: [
      { name: 'assign', from: ['new'], to: 'assigned', roles: ['technician'] },
      { name: 'pend', from: ['assigned'], to: 'pending', roles: ['technician'], payload: ['reason'] },
      { name: 'resume', from: ['pending'], to: 'assigned', roles: ['technician', 'system'] },
      { name: 'resolve', from: ['assigned'], to: 'resolved', roles: ['technician'], payload: ['solution'] },
      { name: 'refuse_solution', from: ['resolved'], to: 'assigned', guard: 'hasAssignment', roles: ['requester'] },
      { name: 'refuse_solution', from: ['resolved'], to: 'new', roles: ['requester'] },
      { name: 'close', from: ['resolved'], to: 'closed', roles: ['technician', 'system'] },
    ] as Record<string, unknown>[],
  };
}
type Fixture = ReturnType<typeof sound>;

const changed = (change: (d: Fixture) => void): Fixture => {
  const definition = sound();
  change(definition);
  return definition;
};

interface RuleCase {
  rule: LifecycleRule;
  breaks: string;
  failing: (d: Fixture) => void;
  path: string;
  message: RegExp;
  passing: (d: Fixture) => void;
}

const cases: RuleCase[] = [
  {
    rule: 'unreachable-state',
    breaks: 'a state no action leads to',
    failing: (d) => (d.states['planned'] = { status: 'planned', label: label('En cours (planifié)', 'Planned') }),
    path: '$.states.planned',
    message: /state "planned" cannot be reached from the initial state "new"/,
    passing: (d) => {
      d.states['planned'] = { status: 'planned', label: label('En cours (planifié)', 'Planned') };
      d.actions.push({ name: 'plan', from: ['assigned'], to: 'planned', roles: ['technician'] });
      d.actions.push({ name: 'resolve', from: ['planned'], to: 'resolved', roles: ['technician'] });
    },
  },
  {
    rule: 'no-way-to-close',
    breaks: 'a state that is never left',
    failing: (d) => (d.actions[2]!['to'] = 'pending'),
    path: '$.states.pending',
    message: /no path leads from state "pending" to a closed state \("closed"\)/,
    passing: (d) => {
      d.actions[2]!['to'] = 'pending';
      d.actions.push({ name: 'resolve', from: ['pending'], to: 'resolved', roles: ['technician'] });
    },
  },
  {
    rule: 'no-way-to-close',
    breaks: 'no closed state at all',
    failing: (d) => (d.states['closed']!['status'] = 'resolved'),
    path: '$.states',
    message: /no state maps to the canonical status "closed"/,
    passing: (d) => (d.states['closed']!['status'] = 'closed'),
  },
  {
    rule: 'action-role',
    breaks: 'an action without a role',
    failing: (d) => (d.actions[0]!['roles'] = []),
    path: '$.actions[0].roles',
    message: /action "assign" has no role, so nobody could take it/,
    passing: (d) => (d.actions[0]!['roles'] = ['supervisor']),
  },
  {
    rule: 'action-role',
    breaks: 'an action with its roles left out',
    failing: (d) => delete d.actions[3]!['roles'],
    path: '$.actions[3].roles',
    message: /action "resolve" has no role/,
    passing: (d) => (d.actions[3]!['roles'] = ['technician', 'supervisor']),
  },
  {
    rule: 'action-role',
    breaks: 'an unknown role',
    failing: (d) => (d.actions[0]!['roles'] = ['technician', 'boss']),
    path: '$.actions[0].roles[1]',
    message: /action "assign" names the unknown role "boss": roles are "technician"/,
    passing: (d) => (d.actions[0]!['roles'] = ['technician', 'supervisor']),
  },
  {
    rule: 'guard-field',
    breaks: 'a guard on an unknown field',
    failing: (d) => (d.actions[4]!['guard'] = 'budget <= 1000'),
    path: '$.actions[4].guard',
    message:
      /guarded by "budget <= 1000", which is not a known guard: guards read ticket fields only through hasAssignment \(technicians, groups\)/,
    passing: (d) => (d.actions[4]!['guard'] = 'wasEscalated'),
  },
  {
    rule: 'guard-field',
    breaks: 'a guard reading a payload field the action does not carry',
    failing: (d) => (d.actions[4]!['guard'] = 'validationAccepted'),
    path: '$.actions[4].guard',
    message: /reads the payload field "decision" that the action does not carry: add "decision" to its payload/,
    passing: (d) => Object.assign(d.actions[4]!, { guard: 'validationAccepted', payload: ['decision'] }),
  },
  {
    rule: 'ambiguous-action',
    breaks: 'two unguarded actions of one name leaving one state',
    failing: (d) => delete d.actions[4]!['guard'],
    path: '$.actions[5].from[0]',
    message: /actions\[4\] and actions\[5\] both take "refuse_solution" from "resolved" without a guard/,
    passing: (d) => (d.actions[4]!['guard'] = 'hasAssignment'),
  },
  {
    rule: 'ambiguous-action',
    breaks: 'two actions of one name with the same guard leaving one state',
    failing: (d) => (d.actions[5]!['guard'] = 'hasAssignment'),
    path: '$.actions[5].from[0]',
    message: /both take "refuse_solution" from "resolved" with the same guard "hasAssignment"/,
    passing: (d) => (d.actions[5]!['name'] = 'reopen'),
  },
  {
    rule: 'canonical-status',
    breaks: 'a state without a canonical status',
    failing: (d) => delete d.states['pending']!['status'],
    path: '$.states.pending.status',
    message: /state "pending" maps to no canonical status: give it one of "new", "assigned", "planned", "pending", "resolved", "closed"/,
    passing: (d) => (d.states['pending']!['status'] = 'pending'),
  },
  {
    rule: 'canonical-status',
    breaks: 'a state mapped to a status that is not canonical',
    failing: (d) => (d.states['pending']!['status'] = 'on_hold'),
    path: '$.states.pending.status',
    message: /state "pending" maps to "on_hold", which is not a canonical status/,
    passing: (d) => (d.states['pending']!['status'] = 'pending'),
  },
  {
    rule: 'unknown-state',
    breaks: 'an action to a state that does not exist',
    failing: (d) => (d.actions[1]!['to'] = 'waiting'),
    path: '$.actions[1].to',
    message: /action "pend" goes to "waiting", which is not one of the states \("new", "assigned"/,
    passing: (d) => (d.actions[1]!['to'] = 'pending'),
  },
  {
    rule: 'unknown-state',
    breaks: 'an initial state that does not exist',
    failing: (d) => (d.initial = 'draft'),
    path: '$.initial',
    message: /the initial state "draft" is not one of the states/,
    passing: (d) => (d.initial = 'new'),
  },
  {
    rule: 'final-state',
    breaks: 'an action leaving a final state',
    failing: (d) => d.actions.push({ name: 'reopen', from: ['closed'], to: 'assigned', roles: ['requester'] }),
    path: '$.actions[7].from[0]',
    message: /action "reopen" leaves the final state "closed"/,
    passing: (d) => d.actions.push({ name: 'reopen', from: ['resolved'], to: 'assigned', roles: ['requester'] }),
  },
  {
    rule: 'final-state',
    breaks: 'a final state that is not closed',
    failing: (d) => {
      d.states['cancelled'] = { status: 'resolved', label: label('Annulé', 'Cancelled'), final: true };
      d.actions.push({ name: 'cancel', from: ['new'], to: 'cancelled', roles: ['requester'] });
    },
    path: '$.states.cancelled.final',
    message: /state "cancelled" is final but maps to "resolved"/,
    passing: (d) => {
      d.states['cancelled'] = { status: 'closed', label: label('Annulé', 'Cancelled'), final: true };
      d.actions.push({ name: 'cancel', from: ['new'], to: 'cancelled', roles: ['requester'] });
    },
  },
  {
    rule: 'clock-target',
    breaks: 'a resolved state the auto-close clock cannot close',
    failing: (d) => (d.actions[6]!['roles'] = ['technician']),
    path: '$.states.resolved',
    message: /the ticket's workflow takes "close" as system after GUICHET_AUTO_CLOSE_DAYS, but no unguarded "close" action/,
    passing: (d) => (d.actions[6]!['roles'] = ['technician', 'system']),
  },
  {
    rule: 'clock-target',
    breaks: 'a pending state the resume clock cannot leave',
    failing: (d) => (d.actions[2]!['name'] = 'restart'),
    path: '$.states.pending',
    message: /takes "resume" as system at the date the ticket was pended until/,
    passing: (d) => (d.actions[2]!['name'] = 'resume'),
  },
  {
    rule: 'timer-target',
    breaks: 'a timer whose action does not leave its state',
    failing: (d) => (d.states['pending']!['timers'] = [{ after: 'P3D', action: 'close' }]),
    path: '$.states.pending.timers[0].action',
    message: /a timer of state "pending" takes "close" as system, but no action "close" leaves "pending"/,
    passing: (d) => (d.states['pending']!['timers'] = [{ after: 'P3D', action: 'resume' }]),
  },
  {
    rule: 'timer-target',
    breaks: 'a timer whose action system may not take',
    failing: (d) => (d.states['assigned']!['timers'] = [{ slaBreach: 'ttr', action: 'pend' }]),
    path: '$.states.assigned.timers[0].action',
    message: /but the role "system" may not take "pend" from "assigned"/,
    passing: (d) => {
      d.states['assigned']!['timers'] = [{ slaBreach: 'ttr', action: 'pend' }];
      d.actions[1]!['roles'] = ['technician', 'system'];
    },
  },
  {
    rule: 'schema',
    breaks: 'a timer with a duration that is not one',
    failing: (d) => (d.states['pending']!['timers'] = [{ after: '3 days', action: 'resume' }]),
    path: '$.states.pending.timers[0].after',
    message: /ISO-8601 duration/,
    passing: (d) => (d.states['pending']!['timers'] = [{ after: 'P3D', action: 'resume' }]),
  },
  {
    rule: 'entry-effect',
    breaks: 'a validation asked on entry that nobody may give',
    failing: (d) => (d.states['pending']!['entry'] = [{ effect: 'requestValidation', validators: [30] }]),
    path: '$.states.pending.entry[0]',
    message: /state "pending" asks for a validation as the ticket enters it, but no action leaving "pending" lets a validator decide/,
    passing: (d) => {
      d.states['pending']!['entry'] = [{ effect: 'requestValidation', validators: [30] }];
      d.actions.push({ name: 'validate', from: ['pending'], to: 'assigned', roles: ['validator'], payload: ['decision'] });
    },
  },
  {
    rule: 'schema',
    breaks: 'an entry effect outside the catalogue',
    failing: (d) => (d.states['assigned']!['entry'] = [{ effect: 'sendSms', to: ['requester'] }]),
    path: '$.states.assigned.entry[0].effect',
    message: /assignGroup/,
    passing: (d) => (d.states['assigned']!['entry'] = [{ effect: 'notify', to: ['requester'] }]),
  },
  {
    rule: 'guard-field',
    breaks: 'a condition on a field conditions may not test',
    failing: (d) => (d.actions[0]!['when'] = [{ field: 'salary', op: '>', value: 3 }]),
    path: '$.actions[0].when[0].field',
    message: /tests the field "salary", which is not one a condition may test: use "priority", "level", "type", "validation"/,
    passing: (d) => (d.actions[0]!['when'] = [{ field: 'priority', op: '>', value: 3 }]),
  },
  {
    rule: 'schema',
    breaks: 'a condition whose value the field cannot take',
    failing: (d) => (d.actions[0]!['when'] = [{ field: 'type', op: '==', value: 'problem' }]),
    path: '$.actions[0].when[0].value',
    message: /type is one of "incident", "request"/,
    passing: (d) => (d.actions[0]!['when'] = [{ field: 'type', op: '==', value: 'request' }]),
  },
  {
    rule: 'schema',
    breaks: 'a misspelt key, which would otherwise be ignored',
    failing: (d) => (d.actions[0]!['rols'] = ['technician']),
    path: '$.actions[0]',
    message: /Unrecognized key: "rols"/,
    passing: (d) => delete d.actions[0]!['rols'],
  },
  {
    rule: 'schema',
    breaks: 'a state without its English label',
    failing: (d) => (d.states['new']!['label'] = { fr: 'Nouveau' }),
    path: '$.states.new.label.en',
    message: /expected string/,
    passing: (d) => (d.states['new']!['label'] = label('Nouveau', 'New')),
  },
  {
    rule: 'schema',
    breaks: 'an effect outside the catalogue',
    failing: (d) => (d.actions[0]!['effects'] = ['sendSms']),
    path: '$.actions[0].effects[0]',
    message: /setAssignment/,
    passing: (d) => (d.actions[0]!['effects'] = ['setAssignment']),
  },
];

describe('verifyLifecycle', () => {
  it('accepts the sound fixture, returning it parsed', () => {
    const verification = verifyLifecycle(sound());
    expect(verification.findings).toEqual([]);
    expect(verification.definition?.key).toBe('small');
  });

  describe.each(cases)('$rule: $breaks', ({ rule, failing, path, message, passing }) => {
    it('is found, with the path of the offending element', () => {
      const verification = verifyLifecycle(changed(failing));
      expect(verification.definition).toBeNull();
      const findings = verification.findings.filter((f) => f.rule === rule);
      expect(findings.map((f) => f.path)).toEqual([path]);
      expect(findings[0]!.message).toMatch(message);
    });

    it('is not found once mended', () => {
      expect(verifyLifecycle(changed(passing)).findings).toEqual([]);
    });
  });

  it('explains each problem once, by its rule rather than by the schema', () => {
    const definition = changed((d) => {
      d.actions[0]!['roles'] = [];
      d.actions[1]!['from'] = ['assigned', 'nowhere'];
    });
    const { findings } = verifyLifecycle(definition);
    expect(findings.map((f) => `${f.rule} ${f.path}`)).toEqual(['unknown-state $.actions[1].from[1]', 'action-role $.actions[0].roles']);
  });

  it('reports every broken rule at once', () => {
    const definition = changed((d) => {
      d.actions[0]!['roles'] = [];
      d.actions[4]!['guard'] = 'priorityAbove';
      d.states['orphan'] = { status: 'assigned', label: label('Orphelin', 'Orphan') };
    });
    const rules = verifyLifecycle(definition).findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['action-role', 'guard-field', 'unreachable-state', 'no-way-to-close']));
  });

  it('refuses what is not a definition at all, naming the fields', () => {
    expect(verifyLifecycle('not json').findings).toMatchObject([{ rule: 'schema', path: '$' }]);
    const { findings } = verifyLifecycle({ key: 'x', label: label('X', 'X'), initial: 'new', states: {} });
    expect(findings.map((f) => f.path)).toEqual(['$.actions']);
  });

  it(`refuses more than ${MAX_STATES} states with one finding, at once`, () => {
    const states = Object.fromEntries(
      Array.from({ length: 10_000 }, (_, i) => [`s${i}`, { status: 'assigned', label: label(`É${i}`, `S${i}`) }]),
    );
    const actions = Array.from({ length: 10_000 }, (_, i) => ({ name: 'next', from: [`s${i}`], to: `s${i + 1}`, roles: ['technician'] }));
    const started = performance.now();
    const { findings } = verifyLifecycle({ ...sound(), states, actions });
    expect(performance.now() - started).toBeLessThan(200);
    expect(findings).toEqual([
      { rule: 'size', path: '$.states', message: `10000 states: a lifecycle may have at most ${MAX_STATES}` },
      { rule: 'size', path: '$.actions', message: '10000 actions: a lifecycle may have at most 1000' },
    ]);
  });

  it('passes every shipped lifecycle', () => {
    for (const definition of SHIPPED_LIFECYCLES) {
      expect({ key: definition.key, findings: verifyLifecycle(definition).findings }).toEqual({ key: definition.key, findings: [] });
    }
  });
});

describe('jsonPath', () => {
  it('writes identifiers with dots, indexes and other keys in brackets', () => {
    expect(jsonPath(['actions', 3, 'roles', 0])).toBe('$.actions[3].roles[0]');
    expect(jsonPath(['states', 'en attente'])).toBe('$.states["en attente"]');
    expect(jsonPath([])).toBe('$');
  });
});
