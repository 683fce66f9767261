import { describe, expect, it } from 'vitest';
import incident from '../../lifecycles/incident.json';
import type { CanonicalStatus } from '../../lifecycles/definition';
import { stepsBetween } from '../../glpi-import/glpi-status-path';

const STATUSES: CanonicalStatus[] = ['new', 'assigned', 'planned', 'pending', 'resolved', 'closed'];

describe("GLPI's status changes as lifecycle actions", () => {
  it('takes every status to every other by actions the incident lifecycle allows from there, ending where GLPI went', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        let at: string = from;
        for (const step of stepsBetween(from, to)) {
          const allowed = incident.actions.filter((action) => action.name === step.action && action.from.includes(at));
          // Two moves GLPI makes that the lifecycle does not: a closed ticket reopened, a plan dropped on (re)assigning.
          if (at === 'closed') expect(step.action).toBe('refuse_solution');
          else if (!allowed.some((action) => action.to === step.to))
            expect([at, step.action, step.to], `${from} → ${to}`).toEqual(['planned', 'assign', 'assigned']);
          at = step.to;
        }
        expect(at, `${from} → ${to}`).toBe(to);
      }
    }
  });

  it('reads a solution refused after closing as a reopening, and a ticket closed from work as solved first', () => {
    expect(stepsBetween('closed', 'assigned').map((step) => step.action)).toEqual(['refuse_solution']);
    expect(stepsBetween('pending', 'closed').map((step) => step.action)).toEqual(['resolve', 'close']);
  });
});
