import { describe, expect, it } from 'vitest';
import { compileLifecycle } from '../../lifecycles/compile-lifecycle';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { actionsAllowed, nextPosition, refusalOf, startPosition } from '../../lifecycles/lifecycle-step';
import type { RoleName } from '../../lifecycles/definition';
import { SYSTEM_ACTOR, type Actor, type TicketContext } from '../../lifecycles/ticket-context';

const requester: Actor = { id: 10, profile: 'requester' };
const technician: Actor = { id: 20, profile: 'technician' };
const validator: Actor = { id: 30, profile: 'requester' };
const supervisor: Actor = { id: 40, profile: 'supervisor' };
// Someone who may take an action with these roles: the requester or a validator first, then the desk, then the ticket's clocks.
const actorFor = (roles: RoleName[]): Actor =>
  roles.includes('requester')
    ? requester
    : roles.includes('validator')
      ? validator
      : roles.includes('technician') || roles.length === 0
        ? technician
        : roles.includes('supervisor')
          ? supervisor
          : SYSTEM_ACTOR;
const payloads: Record<string, Record<string, unknown>> = {
  plan: { start: '2026-12-01T08:00:00Z', end: '2026-12-01T10:00:00Z' },
  pend: { reason: 'waiting for the new keyboard' },
  escalate: { group: 2, reason: 'driver issue beyond N1' },
  resolve: { solution: 'replaced the keyboard' },
  refuse_solution: { reason: 'still broken' },
  request_validation: { validator: 30 },
  validate: { decision: 'accepted' },
};

describe.each(SHIPPED_LIFECYCLES)('lifecycle $key', (definition) => {
  const machine = compileLifecycle(definition);
  // Escalated once, so that de-escalation is possible too.
  const context: TicketContext = {
    requester: 10,
    assignee: 20,
    group: 2,
    level: 2,
    validator: 30,
    escalatedFrom: [{ level: 1, group: 1, assignee: 21 }],
  };
  const actionNames = [...new Set(definition.actions.map((a) => a.name))];

  it('starts in its initial state', () => {
    expect(startPosition(machine, context).state).toBe(definition.initial);
  });

  for (const state of Object.keys(definition.states)) {
    for (const action of actionNames) {
      const entries = definition.actions.filter((a) => a.name === action && a.from.includes(state));
      const position = { state, context };
      const actor = actorFor(entries.flatMap((e) => e.roles));
      // A low-priority ticket, which the `when` of the shipped lifecycles lets through.
      const event = { type: action, actor, payload: payloads[action] ?? {}, ticket: { priority: 2, type: 'request' as const } };

      if (entries.length === 0) {
        it(`refuses ${action} from ${state}, listing what is allowed`, () => {
          expect(refusalOf(machine, position, event)).toEqual({
            kind: 'illegal',
            allowed: actionsAllowed(machine, position, actor),
          });
        });
      } else {
        it(`takes ${action} from ${state} to one of ${entries.map((e) => e.to).join(', ')}`, () => {
          expect(refusalOf(machine, position, event)).toBeNull();
          const next = nextPosition(machine, position, event);
          expect(entries.map((e) => e.to)).toContain(next.state);
        });
      }
    }
  }
});

describe('incident lifecycle rules', () => {
  const definition = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
  const machine = compileLifecycle(definition);
  const fresh: TicketContext = { requester: 10, assignee: null, group: null, level: 1, validator: null };

  it('gives the ticket to the technician who assigns without naming anyone', () => {
    const next = nextPosition(machine, { state: 'new', context: fresh }, { type: 'assign', actor: technician, payload: {} });
    expect(next).toEqual({ state: 'assigned', context: { ...fresh, assignee: 20, technicians: [20], groups: [] } });
  });

  it('moves to the next support level on escalation and hands it to that group', () => {
    const assigned = { state: 'assigned', context: { ...fresh, assignee: 20, group: 1 } };
    const next = nextPosition(machine, assigned, { type: 'escalate', actor: technician, payload: { group: 2, reason: 'x' } });
    expect(next.context).toMatchObject({ level: 2, group: 2, assignee: null });
  });

  it('reopens a refused solution to assigned when someone holds the ticket, to new otherwise', () => {
    const event = { type: 'refuse_solution', actor: requester, payload: { reason: 'no' } };
    expect(nextPosition(machine, { state: 'resolved', context: { ...fresh, assignee: 20 } }, event).state).toBe('assigned');
    expect(nextPosition(machine, { state: 'resolved', context: fresh }, event).state).toBe('new');
  });

  it('moves back to new when the last assignee is removed, and stays assigned while a group holds it', () => {
    const held = { state: 'assigned', context: { ...fresh, assignee: 20, group: 1 } };
    const removeTechnician = { type: 'unassign', actor: technician, payload: { assignee: 20 } };
    expect(nextPosition(machine, held, removeTechnician)).toEqual({
      state: 'assigned',
      context: { ...fresh, assignee: null, group: 1, technicians: [], groups: [1] },
    });
    expect(nextPosition(machine, held, { type: 'unassign', actor: technician, payload: {} })).toEqual({
      state: 'new',
      context: { ...fresh, technicians: [], groups: [] },
    });
    const technicianOnly = { state: 'assigned', context: { ...fresh, assignee: 20 } };
    expect(nextPosition(machine, technicianOnly, removeTechnician).state).toBe('new');
  });

  it('holds several technicians and groups, and goes back to new only when the last one leaves', () => {
    let position = { state: 'new', context: fresh };
    for (const payload of [{ assignee: 20 }, { assignee: 21 }, { group: 1 }, { assignee: 21 }]) {
      position = nextPosition(machine, position, { type: 'assign', actor: technician, payload });
    }
    expect(position).toMatchObject({ state: 'assigned', context: { technicians: [20, 21], groups: [1], assignee: 20, group: 1 } });
    for (const payload of [{ assignee: 20 }, { group: 1 }]) {
      position = nextPosition(machine, position, { type: 'unassign', actor: technician, payload });
      expect(position.state).toBe('assigned');
    }
    expect(position.context).toMatchObject({ technicians: [21], assignee: 21, group: null });
    expect(nextPosition(machine, position, { type: 'unassign', actor: technician, payload: { assignee: 21 } }).state).toBe('new');
  });

  it('hands an escalated ticket back to every technician and group that held it', () => {
    const held = { state: 'assigned', context: { ...fresh, assignee: 20, group: 1, technicians: [20, 21], groups: [1] } };
    const up = nextPosition(machine, held, { type: 'escalate', actor: technician, payload: { group: 2, reason: 'x' } });
    expect(up.context).toMatchObject({ level: 2, technicians: [], groups: [2] });
    const down = nextPosition(machine, up, { type: 'deescalate', actor: technician, payload: { reason: 'y' } });
    expect(down.context).toMatchObject({ level: 1, technicians: [20, 21], groups: [1], assignee: 20, group: 1, escalatedFrom: [] });
  });

  it('lets only the ticket requester accept or refuse its solution', () => {
    const position = { state: 'resolved', context: fresh };
    const stranger: Actor = { id: 99, profile: 'requester' };
    expect(refusalOf(machine, position, { type: 'accept_solution', actor: stranger, payload: {} })).toEqual({
      kind: 'forbidden',
      allowed: [],
    });
    expect(actionsAllowed(machine, position, requester)).toEqual(['accept_solution', 'refuse_solution']);
    expect(actionsAllowed(machine, position, technician)).toEqual(['close']);
  });
});

describe('validations', () => {
  const request = SHIPPED_LIFECYCLES.find((d) => d.key === 'request')!;
  const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
  const fresh: TicketContext = { requester: 10, assignee: null, group: null, level: 1, validator: null };
  const v1: Actor = { id: 31, profile: 'requester' };
  const v2: Actor = { id: 32, profile: 'manager' };
  const decide = (actor: Actor, decision: string) => ({ type: 'validate', actor, payload: { decision } });

  function awaiting(rule: 'any' | 'all') {
    const machine = compileLifecycle(request);
    const ask = { type: 'request_validation', actor: technician, payload: { validators: [31, 32], rule } };
    return { machine, position: nextPosition(machine, { state: 'new', context: fresh }, ask) };
  }

  it('lets a request proceed on the first approval under the rule "any"', () => {
    const { machine, position } = awaiting('any');
    expect(position.state).toBe('awaiting_validation');
    expect(nextPosition(machine, position, decide(v2, 'accepted')).state).toBe('assigned');
  });

  it('waits for every validator under the rule "all", each deciding once', () => {
    const { machine, position } = awaiting('all');
    const half = nextPosition(machine, position, decide(v1, 'accepted'));
    expect(half).toMatchObject({ state: 'awaiting_validation', context: { approvals: [31] } });
    expect(refusalOf(machine, half, decide(v1, 'accepted'))?.kind).toBe('forbidden');
    expect(nextPosition(machine, half, decide(v2, 'accepted')).state).toBe('assigned');
  });

  it('closes a request on any refusal', () => {
    const { machine, position } = awaiting('all');
    const half = nextPosition(machine, position, decide(v1, 'accepted'));
    expect(nextPosition(machine, half, decide(v2, 'refused'))).toMatchObject({ state: 'closed', context: { refusals: [32] } });
  });

  it("records an incident's validation without moving it", () => {
    const machine = compileLifecycle(incident);
    const asked = nextPosition(
      machine,
      { state: 'assigned', context: { ...fresh, assignee: 20 } },
      {
        type: 'request_validation',
        actor: technician,
        payload: { validator: 31 },
      },
    );
    expect(asked.state).toBe('assigned');
    expect(actionsAllowed(machine, asked, v1)).toEqual(['validate']);
    expect(nextPosition(machine, asked, decide(v1, 'refused'))).toMatchObject({ state: 'assigned', context: { refusals: [31] } });
  });
});

describe('conditions on ticket fields', () => {
  const change = SHIPPED_LIFECYCLES.find((d) => d.key === 'change')!;
  const machine = compileLifecycle(change);
  const position = { state: 'assessment', context: { requester: 10, assignee: 40, group: null, level: 1, validator: null } };
  const standard = (priority: number) => ({
    type: 'approve_standard',
    actor: supervisor,
    payload: {},
    ticket: { priority, type: 'request' as const },
  });

  it('lets a low-priority change skip the change board, and refuses it to one of higher priority', () => {
    expect(refusalOf(machine, position, standard(2))).toBeNull();
    expect(nextPosition(machine, position, standard(2)).state).toBe('scheduled');
    expect(refusalOf(machine, position, standard(3))).toMatchObject({ kind: 'illegal' });
  });

  it('offers only the actions whose guard and conditions can hold for the ticket now', () => {
    expect(actionsAllowed(machine, position, supervisor, { priority: 3, type: 'request' })).not.toContain('approve_standard');
    expect(actionsAllowed(machine, position, supervisor, { priority: 2, type: 'request' })).toContain('approve_standard');
    const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
    const assigned = { state: 'assigned', context: { requester: 10, assignee: 20, group: null, level: 1, validator: null } };
    expect(actionsAllowed(compileLifecycle(incident), assigned, technician)).not.toContain('deescalate');
    const escalated = { ...assigned.context, level: 2, escalatedFrom: [{ level: 1, group: 1, assignee: 20 }] };
    expect(actionsAllowed(compileLifecycle(incident), { state: 'assigned', context: escalated }, technician)).toContain('deescalate');
    // Refused as not possible now (409), not as not theirs (403).
    expect(refusalOf(machine, position, standard(3))).toEqual({
      kind: 'illegal',
      allowed: expect.not.arrayContaining(['approve_standard']),
    });
  });

  it('refuses a conditioned action when the ticket does not say what the condition tests', () => {
    const withoutFacts = { ...standard(1), ticket: undefined };
    expect(refusalOf(machine, position, withoutFacts)).toMatchObject({ kind: 'illegal' });
  });
});
