import { BpmnModdle } from 'bpmn-moddle';
import { beforeAll, describe, expect, it } from 'vitest';
import { conditionOf } from '../../diagrams/action-labels';
import { actionName } from '../../lifecycles/action-names';
import { lifecycleBpmn } from '../../diagrams/lifecycle-bpmn';
import { LifecycleDefinition } from '../../lifecycles/definition';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { describeTimer } from '../../lifecycles/state-timers';
import { entryLifecycle } from './entry-lifecycle';
import { timedLifecycle } from './timed-lifecycle';

async function parsed(xml: string) {
  const { rootElement, warnings } = await BpmnModdle().fromXML(xml);
  const definitions = rootElement as any;
  const process = definitions.rootElements.find((e: any) => e.$type === 'bpmn:Process');
  const plane = definitions.diagrams[0].plane;
  return { definitions, process, plane, warnings, elements: process.flowElements as any[] };
}

describe.each([...SHIPPED_LIFECYCLES, entryLifecycle])('BPMN export of $key', (definition) => {
  let bpmn: Awaited<ReturnType<typeof parsed>>;
  beforeAll(async () => {
    bpmn = await parsed(await lifecycleBpmn(definition, 'fr', 1));
  });
  const byId = (id: string) => bpmn.elements.find((e) => e.id === id);

  it('parses back with bpmn-moddle without warnings', () => {
    expect(bpmn.warnings).toEqual([]);
    expect(bpmn.definitions.$type).toBe('bpmn:Definitions');
  });

  it('has every state as a task named by its label, in one lane', () => {
    const lanes = bpmn.process.laneSets[0].lanes as any[];
    for (const [name, state] of Object.entries(definition.states)) {
      const task = byId(`Task_${name}`);
      expect(task?.$instanceOf('bpmn:Task'), name).toBe(true);
      expect(task.name).toBe(state.label.fr);
      expect(
        lanes.filter((lane) => lane.flowNodeRef.includes(task)),
        name,
      ).toHaveLength(1);
    }
    expect(bpmn.elements.filter((e) => e.$type === 'bpmn:Task')).toHaveLength(Object.keys(definition.states).length);
  });

  it('has every action as a sequence flow named in French, through an exclusive gateway when guards choose the state, or in its task when it keeps the state', () => {
    const flows = bpmn.elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
    const documented = (task: string) => String(bpmn.elements.find((e) => e.id === task)?.documentation?.[0]?.text ?? '').split('\n');
    for (const action of definition.actions) {
      const condition = conditionOf(action, 'fr');
      const name = actionName(definition, action.name, 'fr');
      for (const from of action.from) {
        // Several actions from one state to another share one arrow, their names joined.
        const direct = flows.filter(
          (f) =>
            f.sourceRef.id === `Task_${from}` &&
            f.targetRef.id === `Task_${action.to}` &&
            String(f.name)
              .split(' · ')
              .includes(condition ? `${name} [${condition}]` : name) &&
            f.conditionExpression?.body === condition,
        );
        const branches = flows.filter((f) => {
          const gateway = f.sourceRef;
          if (gateway.$type !== 'bpmn:ExclusiveGateway' || f.targetRef.id !== `Task_${action.to}`) return false;
          const enters = gateway.incoming.some((i: any) => i.sourceRef.id === `Task_${from}` && i.name === name);
          return enters && (condition ? f.conditionExpression?.body === condition : gateway.default === f);
        });
        const stays = from === action.to && !condition && documented(`Task_${from}`).includes(`↻ ${name}`) ? 1 : 0;
        expect(direct.length + branches.length + stays, `${action.name} from ${from} to ${action.to}`).toBe(1);
      }
    }
  });

  it('starts once, before the initial state, and ends after each final state', () => {
    const starts = bpmn.elements.filter((e) => e.$type === 'bpmn:StartEvent');
    expect(starts.map((s) => s.outgoing.map((f: any) => f.targetRef.id))).toEqual([[`Task_${definition.initial}`]]);
    const ends = bpmn.elements.filter((e) => e.$type === 'bpmn:EndEvent');
    const finals = Object.keys(definition.states).filter((name) => definition.states[name]!.final);
    expect(ends.map((e) => e.incoming[0].sourceRef.id).sort()).toEqual(finals.map((name) => `Task_${name}`).sort());
  });

  it('draws every lane, flow node and flow (BPMNDI), each flow with its waypoints', () => {
    const drawn = new Map((bpmn.plane.planeElement as any[]).map((di) => [di.bpmnElement, di]));
    const lanes = bpmn.process.laneSets[0].lanes as any[];
    for (const element of [...bpmn.elements, ...lanes]) {
      const di = drawn.get(element);
      expect(di, element.id).toBeDefined();
      if (element.$type === 'bpmn:SequenceFlow') expect(di.waypoint.length, element.id).toBeGreaterThanOrEqual(2);
      else expect(di.bounds.width, element.id).toBeGreaterThan(0);
    }
  });
});

describe('BPMN export of state timers', () => {
  const change = SHIPPED_LIFECYCLES.find((d) => d.key === 'change')!;
  const boundaryEvents = (elements: any[]) => elements.filter((e) => e.$type === 'bpmn:BoundaryEvent');

  it("attaches the approval board's ten days to its task, as an interrupting timer with its duration, leading back to assessment", async () => {
    const { elements, warnings, plane } = await parsed(await lifecycleBpmn(change, 'fr', 1));
    expect(warnings).toEqual([]);
    const [timer, ...others] = boundaryEvents(elements);
    expect(others).toEqual([]);
    expect(timer.attachedToRef.id).toBe('Task_approval_board');
    expect(timer.cancelActivity).toBe(true);
    expect(timer.name).toBe(describeTimer({ after: 'P10D', action: 'reassess' }, 'fr'));
    const [definition] = timer.eventDefinitions;
    expect(definition.$type).toBe('bpmn:TimerEventDefinition');
    expect(definition.timeDuration.$type).toBe('bpmn:FormalExpression');
    expect(definition.timeDuration.body).toBe('P10D');
    expect(timer.outgoing.map((f: any) => [f.name, f.targetRef.id])).toEqual([['Réévaluer', 'Task_assessment']]);

    const shapes = plane.planeElement as any[];
    const bounds = (id: string) => shapes.find((di) => di.bpmnElement.id === id).bounds;
    const [event, task] = [bounds(timer.id), bounds('Task_approval_board')];
    expect(event.x + event.width / 2).toBeCloseTo(task.x + task.width, 0);
    expect(event.y).toBeGreaterThanOrEqual(task.y);
    expect(event.y + event.height).toBeLessThanOrEqual(task.y + task.height);
    expect(shapes.find((di) => di.bpmnElement === timer).label.bounds.width).toBeGreaterThan(0);
  });

  it("leads a timer to its action's gateway when guards choose the state, and draws an SLA breach as a timer on the clock's due date", async () => {
    const { elements, warnings, process } = await parsed(await lifecycleBpmn(timedLifecycle, 'en'));
    expect(warnings).toEqual([]);
    const [afterFour, onBreach] = boundaryEvents(elements);
    expect(afterFour.name).toBe(describeTimer({ after: 'PT4H', action: 'resume' }, 'en'));
    expect(afterFour.eventDefinitions[0].timeDuration.body).toBe('PT4H');
    expect(afterFour.outgoing.map((f: any) => f.targetRef.id)).toEqual(['Gateway_waiting_resume']);
    expect(onBreach.name).toBe(describeTimer({ slaBreach: 'ttr', action: 'close' }, 'en'));
    expect(onBreach.eventDefinitions[0].$type).toBe('bpmn:TimerEventDefinition');
    expect(onBreach.eventDefinitions[0].timeDate.body).toBe('slaBreach:ttr');
    expect(onBreach.outgoing.map((f: any) => [f.name, f.targetRef.id])).toEqual([['Close', 'Task_closed']]);
    const lane = (process.laneSets[0].lanes as any[]).find((l) => l.flowNodeRef.some((n: any) => n.id === 'Task_waiting'));
    expect(lane.flowNodeRef).toEqual(expect.arrayContaining([afterFour, onBreach]));
  });

  it('keeps a guard and field conditions as the condition of their branch', async () => {
    const { elements } = await parsed(await lifecycleBpmn(timedLifecycle, 'en'));
    const conditions = elements.filter((e) => e.conditionExpression).map((f) => [f.name, f.conditionExpression.body]);
    expect(conditions.sort()).toEqual([
      ['Close [priority ≥ 5 and type = request]', 'priority ≥ 5 and type = request'],
      ['[someone is assigned and level ≥ 2]', 'someone is assigned and level ≥ 2'],
    ]);
  });
});

describe('BPMN export of labels', () => {
  const tricky = LifecycleDefinition.parse({
    key: 'tricky',
    label: { fr: 'R&D <équipe> "A"', en: "R&D's team" },
    initial: 'new',
    states: {
      new: { status: 'new', label: { fr: '<script>alert(1)</script>', en: 'New & fresh' } },
      closed: { status: 'closed', label: { fr: 'Clos ]]> fin', en: 'Closed' }, final: true },
    },
    actions: [{ name: 'close', from: ['new'], to: 'closed', roles: ['technician'] }],
  });

  it('escapes every label, which parse back as written', async () => {
    const xml = await lifecycleBpmn(tricky);
    expect(xml).not.toContain('<script>');
    const { elements, warnings, process } = await parsed(xml);
    expect(warnings).toEqual([]);
    expect(process.name).toBe('R&D <équipe> "A"');
    expect(elements.find((e) => e.id === 'Task_new').name).toBe('<script>alert(1)</script>');
    expect(elements.find((e) => e.id === 'Task_closed').name).toBe('Clos ]]> fin');
  });

  it('speaks English on request', async () => {
    const { elements } = await parsed(await lifecycleBpmn(tricky, 'en'));
    expect(elements.find((e) => e.id === 'Task_new').name).toBe('New & fresh');
  });
});
