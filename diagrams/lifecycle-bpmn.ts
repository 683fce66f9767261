import type { LifecycleDefinition } from '../lifecycles/definition';
import type { StateTimer } from '../lifecycles/state-timers';
import {
  layoutProcess,
  type Box,
  type LifecycleLayout,
  type PlacedAssociation,
  type PlacedFlow,
  type PlacedNode,
} from './lifecycle-layout';
import type { Language } from '../core/language';
import { lifecycleProcess } from './lifecycle-process';
import { coordinate as c, escapeXml } from './xml-escape';

const NAMESPACES = [
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
  'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"',
  'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"',
  'xmlns:di="http://www.omg.org/spec/DD/20100524/DI"',
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
].join(' ');

const ELEMENTS: Record<Exclude<PlacedNode['kind'], 'annotation'>, string> = {
  start: 'bpmn:startEvent',
  task: 'bpmn:task',
  gateway: 'bpmn:exclusiveGateway',
  timer: 'bpmn:boundaryEvent',
  end: 'bpmn:endEvent',
};

const named = (name: string) => (name ? ` name="${escapeXml(name)}"` : '');
const bounds = (box: Box) => `<dc:Bounds x="${c(box.x)}" y="${c(box.y)}" width="${c(box.width)}" height="${c(box.height)}" />`;

// A time in the state is a timer's duration. An SLA breach is a timer too, on a date: the moment the
// ticket's TTO or TTR clock falls due, which bpmn-js draws with the same clock. A conditional event
// would say that the ticket's data came to meet a condition, and an escalation event catches what an
// activity inside throws; a breach is neither, it is a clock running out.
function timerDefinitionXml(id: string, timer: StateTimer): string[] {
  const [element, expression] = 'after' in timer ? ['timeDuration', timer.after] : ['timeDate', `slaBreach:${timer.slaBreach}`];
  return [
    `      <bpmn:timerEventDefinition id="${id}_definition">`,
    `        <bpmn:${element} xsi:type="bpmn:tFormalExpression">${escapeXml(expression)}</bpmn:${element}>`,
    '      </bpmn:timerEventDefinition>',
  ];
}

type FlowNode = PlacedNode & { kind: keyof typeof ELEMENTS };
const isFlowNode = (node: PlacedNode): node is FlowNode => node.kind !== 'annotation';

function flowNodeXml(node: FlowNode, flows: PlacedFlow[]): string {
  const element = ELEMENTS[node.kind];
  const fallback = node.kind === 'gateway' ? flows.find((f) => f.source === node.id && f.isDefault) : undefined;
  const children = [
    ...flows.filter((f) => f.target === node.id).map((f) => `      <bpmn:incoming>${f.id}</bpmn:incoming>`),
    ...flows.filter((f) => f.source === node.id).map((f) => `      <bpmn:outgoing>${f.id}</bpmn:outgoing>`),
    ...(node.timer ? timerDefinitionXml(node.id, node.timer) : []),
  ];
  // A timer's action takes the ticket out of its state: the boundary event interrupts the task.
  const attachment = node.attachedTo ? ` attachedToRef="${node.attachedTo}" cancelActivity="true"` : '';
  const attributes = `id="${node.id}"${named(node.name)}${attachment}${fallback ? ` default="${fallback.id}"` : ''}`;
  return children.length === 0
    ? `    <${element} ${attributes} />`
    : [`    <${element} ${attributes}>`, ...children, `    </${element}>`].join('\n');
}

function sequenceFlowXml(flow: PlacedFlow): string {
  const attributes = `id="${flow.id}"${named(flow.name)} sourceRef="${flow.source}" targetRef="${flow.target}"`;
  // A guard is a name from the lifecycle's vocabulary and field conditions read as written, kept as the branch's condition.
  if (!flow.guard) return `    <bpmn:sequenceFlow ${attributes} />`;
  return [
    `    <bpmn:sequenceFlow ${attributes}>`,
    `      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeXml(flow.guard)}</bpmn:conditionExpression>`,
    '    </bpmn:sequenceFlow>',
  ].join('\n');
}

// Entry effects are a text annotation associated with the state's task. They are what the task does on
// starting, within the transition that enters it, not steps of the flow: throw events in the sequence would
// order them and take a place in the flow they do not have, and a task's documentation is not drawn.
function annotationXml(node: PlacedNode, association: PlacedAssociation): string[] {
  const text = (node.effects ?? []).map((effect) => escapeXml(effect.text)).join('\n');
  return [
    `    <bpmn:textAnnotation id="${node.id}">`,
    `      <bpmn:text>${text}</bpmn:text>`,
    '    </bpmn:textAnnotation>',
    `    <bpmn:association id="${association.id}" associationDirection="None" sourceRef="${association.source}" targetRef="${association.target}" />`,
  ];
}

const waypointsOf = (points: PlacedFlow['points']) => points.map((p) => `<di:waypoint x="${c(p.x)}" y="${c(p.y)}" />`).join('');

// Events and gateways carry their name beside them, clear of the flows that leave them downwards; a timer's where the layout put it.
const externalLabel = (node: PlacedNode) =>
  node.kind !== 'task' && node.name
    ? `<bpmndi:BPMNLabel>${bounds(node.label ?? { x: node.x + node.width + 6, y: node.y + node.height / 2 - 14, width: 90, height: 28 })}</bpmndi:BPMNLabel>`
    : '';

function diagramXml(layout: LifecycleLayout, ids: { collaboration: string; participant: string }): string[] {
  const shapes = [
    `      <bpmndi:BPMNShape id="${ids.participant}_di" bpmnElement="${ids.participant}" isHorizontal="true">${bounds(layout.pool)}</bpmndi:BPMNShape>`,
    ...layout.lanes.map(
      (lane) =>
        `      <bpmndi:BPMNShape id="${lane.id}_di" bpmnElement="${lane.id}" isHorizontal="true">${bounds(lane)}</bpmndi:BPMNShape>`,
    ),
    ...layout.nodes.map(
      (node) =>
        `      <bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"${node.kind === 'gateway' ? ' isMarkerVisible="true"' : ''}>${bounds(node)}${externalLabel(node)}</bpmndi:BPMNShape>`,
    ),
  ];
  const edges = [
    ...layout.flows.map((flow) => {
      const label = flow.label ? `<bpmndi:BPMNLabel>${bounds(flow.label)}</bpmndi:BPMNLabel>` : '';
      return `      <bpmndi:BPMNEdge id="${flow.id}_di" bpmnElement="${flow.id}">${waypointsOf(flow.points)}${label}</bpmndi:BPMNEdge>`;
    }),
    ...layout.associations.map(
      (association) =>
        `      <bpmndi:BPMNEdge id="${association.id}_di" bpmnElement="${association.id}">${waypointsOf(association.points)}</bpmndi:BPMNEdge>`,
    ),
  ];
  return [
    `  <bpmndi:BPMNDiagram id="Diagram_1">`,
    `    <bpmndi:BPMNPlane id="Plane_1" bpmnElement="${ids.collaboration}">`,
    ...shapes,
    ...edges,
    '    </bpmndi:BPMNPlane>',
    '  </bpmndi:BPMNDiagram>',
  ];
}

/** The BPMN 2.0 XML of a laid-out process: one pool with a lane per role, its flow elements, and their shapes and edges. */
export function layoutToBpmn(layout: LifecycleLayout, version?: number): string {
  const { process } = layout;
  const ids = { collaboration: 'Collaboration_1', participant: 'Participant_1', process: `Process_${process.key}` };
  const lanes = process.lanes.map((lane) =>
    [
      `      <bpmn:lane id="${lane.id}"${named(lane.name)}>`,
      ...lane.nodes.map((id) => `        <bpmn:flowNodeRef>${id}</bpmn:flowNodeRef>`),
      '      </bpmn:lane>',
    ].join('\n'),
  );
  const target = `urn:guichet:lifecycle:${process.key}${version === undefined ? '' : `:${version}`}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<bpmn:definitions ${NAMESPACES} id="Definitions_1" targetNamespace="${escapeXml(target)}" exporter="guichet" exporterVersion="1">`,
    `  <bpmn:collaboration id="${ids.collaboration}">`,
    `    <bpmn:participant id="${ids.participant}"${named(process.name)} processRef="${ids.process}" />`,
    '  </bpmn:collaboration>',
    `  <bpmn:process id="${ids.process}"${named(process.name)} isExecutable="false">`,
    '    <bpmn:laneSet id="LaneSet_1">',
    ...lanes,
    '    </bpmn:laneSet>',
    ...layout.nodes.filter(isFlowNode).map((node) => flowNodeXml(node, layout.flows)),
    ...layout.flows.map(sequenceFlowXml),
    ...layout.associations.flatMap((association) =>
      annotationXml(
        layout.nodes.find((node) => node.id === association.target)!,
        association,
      ),
    ),
    '  </bpmn:process>',
    ...diagramXml(layout, ids),
    '</bpmn:definitions>',
    '',
  ].join('\n');
}

/**
 * A lifecycle exported as BPMN 2.0 XML that bpmn-js and Camunda Modeler open: the process with a
 * lane per acting role, a task per state, an exclusive gateway per guarded choice, a sequence
 * flow per action, an interrupting timer boundary event per state timer with the flow its action
 * takes, a text annotation of each state's entry effects associated with its task, drawn (BPMNDI)
 * with the same ELK layout as the SVG.
 *
 * @example
 *   const xml = await lifecycleBpmn(incident, 'fr', 1); // '<?xml version="1.0" …<bpmn:task id="Task_new" name="Nouveau">…'
 */
export async function lifecycleBpmn(definition: LifecycleDefinition, language: Language = 'fr', version?: number): Promise<string> {
  return layoutToBpmn(await layoutProcess(lifecycleProcess(definition, language)), version);
}
