import { describe, expect, it } from 'vitest';
import { toMermaid } from '../../diagrams/lifecycle-mermaid';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { describeTimer } from '../../lifecycles/state-timers';
import { timedLifecycle } from './timed-lifecycle';

const incident = SHIPPED_LIFECYCLES.find((d) => d.key === 'incident')!;

describe('lifecycle as Mermaid', () => {
  const diagram = toMermaid(incident);

  it('draws every state with its French label, from the initial one to the final one', () => {
    expect(diagram.startsWith('stateDiagram-v2\n  [*] --> new\n')).toBe(true);
    expect(diagram).toContain('  assigned: En cours (attribué)\n');
    expect(diagram).toContain('  closed --> [*]\n');
  });

  it('draws one arrow per action and source state, guards included', () => {
    const arrows = diagram.split('\n').filter((line) => /^ {2}\w+ --> \w+: /.test(line));
    expect(arrows).toHaveLength(incident.actions.reduce((n, a) => n + a.from.length, 0));
    expect(diagram).toContain('  resolved --> assigned: refuse_solution [quelqu’un est attribué]\n');
  });

  it('speaks English on request', () => {
    expect(toMermaid(incident, 'en')).toContain('  pending: Pending\n');
  });
});

describe('lifecycle as Mermaid, with timers and conditions', () => {
  it("draws the approval board's timer as a transition back to assessment, and the standard approval's condition", () => {
    const diagram = toMermaid(SHIPPED_LIFECYCLES.find((d) => d.key === 'change')!);
    expect(diagram).toContain(
      `  approval_board --> assessment: ⏱ ${describeTimer({ after: 'P10D', action: 'reassess' }, 'fr')} → reassess\n`,
    );
    expect(diagram).toContain('  assessment --> scheduled: approve_standard [priorité ≤ 2]\n');
  });

  it("draws a timer once per way its action leaves the state, with the way's guard and conditions", () => {
    const diagram = toMermaid(timedLifecycle, 'en');
    const fourHours = describeTimer({ after: 'PT4H', action: 'resume' }, 'en');
    expect(diagram.split('\n').filter((line) => line.includes('⏱'))).toEqual([
      `  waiting --> assigned: ⏱ ${fourHours} → resume [someone is assigned and level ≥ 2]`,
      `  waiting --> new: ⏱ ${fourHours} → resume`,
      '  waiting --> closed: ⏱ TTR breach → close',
    ]);
    expect(diagram).toContain('  new --> closed: close [priority ≥ 5 and type = request]\n');
  });
});
