import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLifecycle } from '../../lifecycles/compile-lifecycle';
import { actionsAllowed, actionsLeaving, startPosition } from '../../lifecycles/lifecycle-step';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import type { LifecycleDefinition } from '../../lifecycles/definition';
import { PROFILES, type Profile } from '../../users/profiles';
import { mayTakeByRoles } from '../support/lifecycle-paths';
import { startStack, type Stack, type TestUser } from '../support/stack';

/**
 * Every action a shipped lifecycle offers on a new ticket, taken through the API by every profile:
 * the answer is what the lifecycle definition says — taken (200), not theirs to take (403), or not
 * possible now (409) — computed from the definition, not listed by hand.
 */

let stack: Stack;
let admin: TestUser;
let requester: TestUser;
const users = new Map<Profile, TestUser>();

const HOUR = 3_600_000;
// A payload each action accepts; an action of a lifecycle's own gets its declared fields.
function payloadOf(definition: LifecycleDefinition, action: string): Record<string, unknown> {
  const start = new Date(Date.now() + HOUR).toISOString();
  const known: Record<string, Record<string, unknown>> = {
    plan: { start, end: new Date(Date.now() + 2 * HOUR).toISOString() },
    pend: { reason: 'En attente du fournisseur' },
    resolve: { solution: 'Pilote réinstallé' },
    refuse_solution: { reason: 'Toujours en panne' },
    escalate: { reason: 'Besoin du niveau 2' },
    deescalate: { reason: 'Retour au niveau 1' },
    request_validation: { validator: admin.id },
    validate: { decision: 'accepted' },
  };
  if (known[action]) return known[action];
  const fields = definition.actions.filter((a) => a.name === action).flatMap((a) => a.payload ?? []);
  return Object.fromEntries(fields.map((field) => [field, 'Fournisseur Dupont']));
}

const typeOf = (definition: LifecycleDefinition): 'incident' | 'request' => (definition.key === 'incident' ? 'incident' : 'request');

beforeAll(async () => {
  stack = await startStack({ relay: false });
  admin = await stack.userWith('admin');
  requester = await stack.userWith('requester');
  for (const profile of PROFILES) users.set(profile, profile === 'requester' ? requester : await stack.userWith(profile, 'N1'));
}, 60_000);
afterAll(async () => stack?.close());

describe('lifecycle actions, by profile, as each definition says', () => {
  it.each(SHIPPED_LIFECYCLES.map((definition) => [definition.key, definition] as const))(
    'answers every action of "%s" on a new ticket, for every profile, as the definition does',
    async (_key, definition) => {
      const machine = compileLifecycle(definition);
      const wrong: string[] = [];
      const tally: Record<number, number> = {};
      for (const profile of PROFILES) {
        const user = users.get(profile)!;
        const actions = actionsLeaving(machine, { state: definition.initial, context: {} as never });
        for (const action of actions) {
          const filed = await stack.call('POST', '/api/v1/tickets', {
            token: admin.token,
            body: {
              title: 'Écran noir au poste 12',
              description: 'Plus rien ne s’affiche.',
              type: typeOf(definition),
              urgency: 3,
              impact: 3,
              requester: requester.id,
              lifecycle: definition.key,
            },
          });
          expect(filed.status, JSON.stringify(filed.body)).toBe(201);
          const context = { requester: requester.id, assignee: null, group: null, level: 1, validator: null };
          const position = startPosition(machine, context);
          const facts = { priority: filed.body.priority as number, type: typeOf(definition) };
          const allowed = actionsAllowed(machine, position, { id: user.id, profile }, facts);
          const theirs = definition.actions.some(
            (a) => a.name === action && a.from.includes(position.state) && mayTakeByRoles(a, { id: user.id, profile }, position.context),
          );
          const expected = allowed.includes(action) ? 200 : theirs ? 409 : 403;
          const response = await stack.call('POST', `/api/v1/tickets/${filed.body.id}/actions/${action}`, {
            token: user.token,
            body: payloadOf(definition, action),
          });
          tally[expected] = (tally[expected] ?? 0) + 1;
          if (response.status !== expected)
            wrong.push(`${action} as ${profile}: ${response.status} ${JSON.stringify(response.body?.error)}, expected ${expected}`);
        }
      }
      expect(wrong).toEqual([]);
      // Each lifecycle has actions some profiles take and others may not.
      expect(tally[200]).toBeGreaterThan(0);
      expect(tally[403]).toBeGreaterThan(0);
      console.info(`${definition.key}: action × profile cells by answer ${JSON.stringify(tally)}`);
    },
    240_000,
  );
});
