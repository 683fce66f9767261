import { describe, expect, it } from 'vitest';
import { layoutProcess, wrapWords, type Box } from '../../diagrams/lifecycle-layout';
import { lifecycleProcess } from '../../diagrams/lifecycle-process';
import { lifecycleSvg } from '../../diagrams/lifecycle-svg';
import { escapeXml } from '../../diagrams/xml-escape';
import { LifecycleDefinition } from '../../lifecycles/definition';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { describeTimer } from '../../lifecycles/state-timers';
import { entryLifecycle } from './entry-lifecycle';
import { timedLifecycle } from './timed-lifecycle';

const byKey = (key: string) => SHIPPED_LIFECYCLES.find((d) => d.key === key)!;
const apart = (a: Box, b: Box) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

// The text of the task drawn for `state`: its lines, joined.
function taskText(svg: string, state: string): string | undefined {
  const group = new RegExp(
    `<g class="task" data-id="Task_${state}" data-state="${state}"><rect [^>]*rx="10"[^>]*/><text[^>]*>(.*?)</text>`,
  ).exec(svg);
  return group?.[1]?.replace(/<tspan[^>]*>(.*?)<\/tspan>/g, '$1 ').trim();
}

describe.each([...SHIPPED_LIFECYCLES, timedLifecycle, entryLifecycle])('SVG diagram of $key', (definition) => {
  it('draws every state as a rounded task with its label', async () => {
    const svg = await lifecycleSvg(definition, 'fr');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const [name, state] of Object.entries(definition.states)) {
      expect(taskText(svg, name), name).toBe(escapeXml(state.label.fr));
    }
    expect(svg.match(/<g class="task"/g)).toHaveLength(Object.keys(definition.states).length);
  });

  it('draws a start event, an end event per final state, and a gateway per guarded choice', async () => {
    const svg = await lifecycleSvg(definition, 'en');
    const finals = Object.values(definition.states).filter((s) => s.final).length;
    const choices = new Set(
      definition.actions.flatMap((a) =>
        a.from
          .filter((from) => definition.actions.filter((b) => b.name === a.name && b.from.includes(from)).length > 1)
          .map((from) => `${from}/${a.name}`),
      ),
    );
    expect(svg.match(/<g class="start-event"/g)).toHaveLength(1);
    expect(svg.match(/<g class="end-event"/g)).toHaveLength(finals);
    expect(svg.match(/<g class="gateway"/g)?.length ?? 0).toBe(choices.size);
  });

  it('keeps each element inside the band of its lane, and no two shapes overlap', async () => {
    const layout = await layoutProcess(lifecycleProcess(definition));
    for (const node of layout.nodes) {
      const lane = layout.lanes.find((l) => l.role === node.lane)!;
      expect(node.y, node.id).toBeGreaterThanOrEqual(lane.y);
      expect(node.y + node.height, node.id).toBeLessThanOrEqual(lane.y + lane.height);
      expect(node.x, node.id).toBeGreaterThanOrEqual(lane.x);
    }
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b || a.attachedTo === b.id || b.attachedTo === a.id) continue;
        expect(apart(a, b), `${a.id} / ${b.id}`).toBe(true);
      }
    }
  });

  it("sets each timer astride its task's right border, its name beside it clear of every shape", async () => {
    const layout = await layoutProcess(lifecycleProcess(definition));
    const timers = layout.nodes.filter((n) => n.kind === 'timer');
    expect(timers).toHaveLength(Object.values(definition.states).reduce((n, s) => n + (s.timers?.length ?? 0), 0));
    for (const timer of timers) {
      const task = layout.nodes.find((n) => n.id === timer.attachedTo)!;
      expect(timer.x + timer.width / 2, timer.id).toBeCloseTo(task.x + task.width, 5);
      expect(timer.y, timer.id).toBeGreaterThanOrEqual(task.y);
      expect(timer.y + timer.height, timer.id).toBeLessThanOrEqual(task.y + task.height);
      for (const node of layout.nodes) expect(apart(timer.label!, node), `${timer.id}'s name / ${node.id}`).toBe(true);
    }
  });
});

describe('SVG diagram of timers and conditions', () => {
  it("draws the approval board's timer as a clock on its task, named, with a dashed flow back to assessment", async () => {
    const svg = await lifecycleSvg(byKey('change'), 'fr');
    const timer = /<g class="timer-event" data-id="Timer_approval_board_1" data-attached-to="Task_approval_board">(.*?)<\/g>/.exec(
      svg,
    )?.[1];
    expect(timer?.match(/<circle /g)).toHaveLength(3);
    expect(timer).toContain(`>${describeTimer({ after: 'P10D', action: 'reassess' }, 'fr')}</text>`);
    const flows = svg.split('\n').filter((line) => line.startsWith('<g class="flow"'));
    expect(flows.filter((line) => line.includes('stroke-dasharray'))).toEqual([expect.stringContaining('>Réévaluer</text>')]);
  });

  it('writes the conditions on their branch, with the guard when there is one', async () => {
    expect(await lifecycleSvg(byKey('change'), 'fr')).toContain('>Approuver (changement standard) [priorité ≤ 2]</text>');
    const svg = await lifecycleSvg(timedLifecycle, 'fr');
    expect(svg).toContain(`>[${escapeXml('quelqu’un est attribué')} et niveau ≥ 2]</text>`);
    expect(svg).toContain('>Clore [priorité ≥ 5 et type = demande]</text>');
    expect(svg).toContain(`>${describeTimer({ slaBreach: 'ttr', action: 'close' }, 'fr')}</text>`);
  });
});

describe('SVG diagram', () => {
  it('names actions in the reader’s language, one arrow per pair of states, and lists the actions that keep a state in its shape', async () => {
    const process = lifecycleProcess(byKey('incident'), 'fr');
    const assigned = process.nodes.find((node) => node.state === 'assigned')!;
    expect(assigned.stays).toEqual(expect.arrayContaining(['Prendre en charge', 'Escalader au niveau suivant']));
    const between = process.flows.filter((flow) => flow.source.startsWith('Task_') && flow.target.startsWith('Task_') && !flow.guard);
    expect(between.filter((flow) => flow.source === flow.target)).toEqual([]);
    expect(new Set(between.map((flow) => `${flow.source}>${flow.target}`)).size).toBe(between.length);
    for (const flow of process.flows)
      expect(flow.name, flow.id).not.toMatch(/\b(request_validation|refuse_solution|accept_solution|wasEscalated|hasAssignment)\b/);
    const svg = await lifecycleSvg(byKey('incident'), 'en');
    expect(svg).toContain('<text class="stays"');
    expect(svg).toContain('↻ Take it');
  });

  it('puts states in swimlanes by the role that acts there', async () => {
    const svg = await lifecycleSvg(byKey('request'), 'en');
    expect(svg).toContain('<g class="lane" data-role="technician">');
    expect(svg).toContain('<g class="lane" data-role="validator">');
    const process = lifecycleProcess(byKey('request'), 'en');
    expect(process.nodes.find((n) => n.state === 'awaiting_validation')?.lane).toBe('validator');
    expect(process.nodes.find((n) => n.state === 'resolved')?.lane).toBe('requester');
    expect(process.lanes.map((l) => l.name)).toEqual(['Technician', 'Validator', 'Requester']);
  });

  it('escapes every label', async () => {
    const tricky = LifecycleDefinition.parse({
      key: 'tricky',
      label: { fr: 'R&D <équipe>', en: 'R&D' },
      initial: 'new',
      states: {
        new: { status: 'new', label: { fr: '<script>alert("x")</script>', en: 'New' } },
        closed: { status: 'closed', label: { fr: "Clos & c'est fini", en: 'Closed' }, final: true },
      },
      actions: [{ name: 'close', from: ['new'], to: 'closed', roles: ['technician'] }],
    });
    const svg = await lifecycleSvg(tricky);
    expect(svg).not.toMatch(/<script|<équipe/);
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(taskText(svg, 'closed')).toBe('Clos &amp; c&apos;est fini');
    expect(svg).toContain('aria-label="R&amp;D &lt;équipe&gt;"');
  });

  it('wraps long labels between words', () => {
    expect(wrapWords('Au comité des changements (CAB)')).toEqual(['Au comité des', 'changements (CAB)']);
    expect(wrapWords('')).toEqual(['']);
  });
});
