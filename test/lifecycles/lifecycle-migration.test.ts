import { describe, expect, it } from 'vitest';
import { planMigration } from '../../lifecycles/lifecycle-migration';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';

const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;
/** The next version renames "pending" to "waiting" and adds a state awaiting spare parts. */
const next = structuredClone(incident);
next.states['waiting'] = next.states['pending']!;
delete next.states['pending'];
next.states['awaiting_parts'] = { status: 'pending', label: { fr: 'En attente de pièces', en: 'Awaiting parts' } };
for (const action of next.actions) {
  action.from = action.from.map((s) => (s === 'pending' ? 'waiting' : s));
  if (action.to === 'pending') action.to = 'waiting';
}
const running = new Map([
  ['new', 3],
  ['assigned', 5],
  ['pending', 2],
]);

describe('planMigration', () => {
  it('moves same-named states by themselves and the mapped ones where the mapping says, counting tickets', () => {
    const plan = planMigration(incident, next, { pending: 'waiting' }, running);
    expect(plan.problems).toEqual({});
    expect(plan.moves).toEqual([
      { from: 'new', to: 'new', count: 3 },
      { from: 'assigned', to: 'assigned', count: 5 },
      { from: 'pending', to: 'waiting', count: 2 },
    ]);
    expect(plan.mapping['resolved']).toBe('resolved');
  });

  it('refuses to leave tickets in a state the new version does not have, naming the state to map', () => {
    const plan = planMigration(incident, next, {}, running);
    expect(plan.problems['mapping.pending']).toBe(
      '2 tickets are in "pending", which the version migrated to does not have: map it to one of "new", "assigned", "planned", "resolved", "waiting", "awaiting_parts"',
    );
    expect(Object.keys(plan.problems)).toEqual(['mapping.pending']);
  });

  it('refuses a mapping to an unknown or final state, and one from a state the old version does not have', () => {
    const plan = planMigration(incident, next, { pending: 'limbo', assigned: 'closed', nowhere: 'new' }, running);
    expect(plan.problems).toEqual({
      'mapping.nowhere': '"nowhere" is not a state of the version migrated from',
      'mapping.pending': expect.stringContaining('"limbo" is not a state of the version migrated to'),
      'mapping.assigned': expect.stringContaining('"closed" is final: a migration may not end tickets'),
    });
  });

  it('requires a mapping for a missing state even when no ticket is in it yet, since tickets move meanwhile', () => {
    const plan = planMigration(incident, next, {}, new Map());
    expect(plan.problems['mapping.pending']).toContain('0 tickets are in "pending"');
    expect(plan.moves).toEqual([]);
  });
});
