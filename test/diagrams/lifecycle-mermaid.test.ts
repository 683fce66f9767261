import { describe, expect, it } from 'vitest';
import { toMermaid } from '../../diagrams/lifecycle-mermaid';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';

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
    expect(diagram).toContain('  resolved --> assigned: refuse_solution [hasAssignment]\n');
  });

  it('speaks English on request', () => {
    expect(toMermaid(incident, 'en')).toContain('  pending: Pending\n');
  });
});
