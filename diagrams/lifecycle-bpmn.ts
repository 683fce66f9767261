import { BpmnModdle, type BaseElement, type Elements, type ElementType, type Properties } from 'bpmn-moddle';
import type { LifecycleDefinition } from '../lifecycles/definition';
import type { StateTimer } from '../lifecycles/state-timers';
import {
  layoutProcess,
  type Box,
  type LifecycleLayout,
  type PlacedAssociation,
  type PlacedFlow,
  type PlacedNode,
  type Point,
} from './lifecycle-layout';
import type { Language } from '../core/language';
import { lifecycleProcess } from './lifecycle-process';
import { roundCoordinate as round, withoutNonXmlCharacters as xmlText } from './xml-escape';

const moddle = BpmnModdle();

const FLOW_NODE_TYPES = {
  start: 'bpmn:StartEvent',
  task: 'bpmn:Task',
  gateway: 'bpmn:ExclusiveGateway',
  timer: 'bpmn:BoundaryEvent',
  end: 'bpmn:EndEvent',
} as const satisfies Record<Exclude<PlacedNode['kind'], 'annotation'>, ElementType>;

type FlowNode = PlacedNode & { kind: keyof typeof FLOW_NODE_TYPES };
type FlowNodeElement = Elements[(typeof FLOW_NODE_TYPES)[FlowNode['kind']]];
type SequenceFlowElement = Elements['bpmn:SequenceFlow'];
const isFlowNode = (node: PlacedNode): node is FlowNode => node.kind !== 'annotation';

// moddle escapes what it writes but keeps the characters XML 1.0 forbids, which would make the document unreadable.
const named = (name: string) => (name ? { name: xmlText(name) } : {});
const formalExpression = (body: string) => moddle.create('bpmn:FormalExpression', { body: xmlText(body) });

// A time in the state is a timer's duration. An SLA breach is a timer too, on a date: the moment the
// ticket's TTO or TTR clock falls due, which bpmn-js draws with the same clock. A conditional event
// would say that the ticket's data came to meet a condition, and an escalation event catches what an
// activity inside throws; a breach is neither, it is a clock running out.
function timerDefinition(id: string, timer: StateTimer): Elements['bpmn:TimerEventDefinition'] {
  const when =
    'after' in timer ? { timeDuration: formalExpression(timer.after) } : { timeDate: formalExpression(`slaBreach:${timer.slaBreach}`) };
  return moddle.create('bpmn:TimerEventDefinition', { id: `${id}_definition`, ...when });
}

/** A flow node with its own properties; its flows and the task a timer sits on are connected once every element exists. */
function flowNodeElement(node: FlowNode): FlowNodeElement {
  const properties = { id: node.id, ...named(node.name) };
  // The actions that keep a state are written in its task's documentation, as the diagram lists them in its shape.
  if (node.kind === 'task' && node.stays?.length)
    return moddle.create('bpmn:Task', {
      ...properties,
      documentation: [moddle.create('bpmn:Documentation', { text: xmlText(node.stays.map((action) => `↻ ${action}`).join('\n')) })],
    });
  if (node.kind !== 'timer') return moddle.create(FLOW_NODE_TYPES[node.kind], properties);
  // A timer's action takes the ticket out of its state: the boundary event interrupts the task (the
  // schema's default, which moddle therefore leaves unwritten).
  const definitions = node.timer ? { eventDefinitions: [timerDefinition(node.id, node.timer)] } : {};
  return moddle.create('bpmn:BoundaryEvent', { ...properties, cancelActivity: true, ...definitions });
}

function sequenceFlowElement(flow: PlacedFlow, nodes: Map<string, FlowNodeElement>): SequenceFlowElement {
  // A guard is a name from the lifecycle's vocabulary and field conditions read as written, kept as the branch's condition.
  const condition = flow.guard ? { conditionExpression: formalExpression(flow.guard) } : {};
  return moddle.create('bpmn:SequenceFlow', {
    id: flow.id,
    ...named(flow.name),
    sourceRef: nodes.get(flow.source)!,
    targetRef: nodes.get(flow.target)!,
    ...condition,
  });
}

/** Sets the references of a flow node to its flows, a gateway's to its default branch and a timer's to its task. */
function connectFlowNode(
  node: FlowNode,
  nodes: Map<string, FlowNodeElement>,
  flows: PlacedFlow[],
  flowElements: Map<string, SequenceFlowElement>,
): void {
  const element = nodes.get(node.id)!;
  const elementsOf = (placed: PlacedFlow[]) => placed.map((flow) => flowElements.get(flow.id)!);
  const leaving = flows.filter((flow) => flow.source === node.id);
  element.incoming = elementsOf(flows.filter((flow) => flow.target === node.id));
  element.outgoing = elementsOf(leaving);
  const [fallback] = elementsOf(leaving.filter((flow) => flow.isDefault));
  if (element.$type === 'bpmn:ExclusiveGateway' && fallback) element.default = fallback;
  const host = node.attachedTo === undefined ? undefined : nodes.get(node.attachedTo);
  if (element.$type === 'bpmn:BoundaryEvent' && host?.$type === 'bpmn:Task') element.attachedToRef = host;
}

// Entry effects are a text annotation associated with the state's task. They are what the task does on
// starting, within the transition that enters it, not steps of the flow: throw events in the sequence would
// order them and take a place in the flow they do not have, and a task's documentation is not drawn.
function annotationElements(
  node: PlacedNode,
  association: PlacedAssociation,
  task: FlowNodeElement,
): [Elements['bpmn:TextAnnotation'], Elements['bpmn:Association']] {
  const text = (node.effects ?? []).map((effect) => xmlText(effect.text)).join('\n');
  const annotation = moddle.create('bpmn:TextAnnotation', { id: node.id, text });
  return [
    annotation,
    moddle.create('bpmn:Association', { id: association.id, associationDirection: 'None', sourceRef: task, targetRef: annotation }),
  ];
}

/** The process with its lanes, flow nodes, sequence flows and annotations, and each of these elements by id for the diagram. */
function processElements(layout: LifecycleLayout, id: string): { process: Elements['bpmn:Process']; byId: Map<string, BaseElement> } {
  const flowNodes = layout.nodes.filter(isFlowNode);
  const nodes = new Map(flowNodes.map((node) => [node.id, flowNodeElement(node)]));
  const flows = new Map(layout.flows.map((flow) => [flow.id, sequenceFlowElement(flow, nodes)]));
  for (const node of flowNodes) connectFlowNode(node, nodes, layout.flows, flows);
  const lanes = layout.process.lanes.map((lane) =>
    moddle.create('bpmn:Lane', { id: lane.id, ...named(lane.name), flowNodeRef: lane.nodes.map((node) => nodes.get(node)!) }),
  );
  const artifacts = layout.associations.flatMap((association) =>
    annotationElements(
      layout.nodes.find((node) => node.id === association.target)!,
      association,
      nodes.get(association.source)!,
    ),
  );
  const process = moddle.create('bpmn:Process', {
    id,
    ...named(layout.process.name),
    isExecutable: false,
    laneSets: [moddle.create('bpmn:LaneSet', { id: 'LaneSet_1', lanes })],
    flowElements: [...nodes.values(), ...flows.values()],
    artifacts,
  });
  const elements: BaseElement[] = [...lanes, ...nodes.values(), ...flows.values(), ...artifacts];
  return { process, byId: new Map(elements.map((element) => [element.id!, element])) };
}

const bounds = (box: Box) =>
  moddle.create('dc:Bounds', { x: round(box.x), y: round(box.y), width: round(box.width), height: round(box.height) });
const waypoints = (points: Point[]) => points.map((point) => moddle.create('dc:Point', { x: round(point.x), y: round(point.y) }));
const label = (box: Box) => moddle.create('bpmndi:BPMNLabel', { bounds: bounds(box) });

function shape(element: BaseElement, box: Box, properties: Properties<'bpmndi:BPMNShape'> = {}): Elements['bpmndi:BPMNShape'] {
  return moddle.create('bpmndi:BPMNShape', { id: `${element.id}_di`, bpmnElement: element, bounds: bounds(box), ...properties });
}

function edge(element: BaseElement, points: Point[], properties: Properties<'bpmndi:BPMNEdge'> = {}): Elements['bpmndi:BPMNEdge'] {
  return moddle.create('bpmndi:BPMNEdge', { id: `${element.id}_di`, bpmnElement: element, waypoint: waypoints(points), ...properties });
}

// Events and gateways carry their name beside them, clear of the flows that leave them downwards; a timer's where the layout put it.
function nodeShape(node: PlacedNode, element: BaseElement): Elements['bpmndi:BPMNShape'] {
  const beside = { x: node.x + node.width + 6, y: node.y + node.height / 2 - 14, width: 90, height: 28 };
  return shape(element, node, {
    ...(node.kind === 'gateway' ? { isMarkerVisible: true } : {}),
    ...(node.kind !== 'task' && node.name ? { label: label(node.label ?? beside) } : {}),
  });
}

/** The drawing (BPMNDI) of the pool, its lanes and each element of the process, where the layout placed them. */
function diagramElement(
  layout: LifecycleLayout,
  pool: { collaboration: Elements['bpmn:Collaboration']; participant: Elements['bpmn:Participant'] },
  byId: Map<string, BaseElement>,
): Elements['bpmndi:BPMNDiagram'] {
  const planeElement = [
    shape(pool.participant, layout.pool, { isHorizontal: true }),
    ...layout.lanes.map((lane) => shape(byId.get(lane.id)!, lane, { isHorizontal: true })),
    ...layout.nodes.map((node) => nodeShape(node, byId.get(node.id)!)),
    ...layout.flows.map((flow) => edge(byId.get(flow.id)!, flow.points, flow.label ? { label: label(flow.label) } : {})),
    ...layout.associations.map((association) => edge(byId.get(association.id)!, association.points)),
  ];
  const plane = moddle.create('bpmndi:BPMNPlane', { id: 'Plane_1', bpmnElement: pool.collaboration, planeElement });
  return moddle.create('bpmndi:BPMNDiagram', { id: 'Diagram_1', plane });
}

/** The BPMN 2.0 XML of a laid-out process: one pool with a lane per role, its flow elements, and their shapes and edges. */
export async function layoutToBpmn(layout: LifecycleLayout, version?: number): Promise<string> {
  const { key, name } = layout.process;
  const { process, byId } = processElements(layout, `Process_${key}`);
  const participant = moddle.create('bpmn:Participant', { id: 'Participant_1', ...named(name), processRef: process });
  const collaboration = moddle.create('bpmn:Collaboration', { id: 'Collaboration_1', participants: [participant] });
  const definitions = moddle.create('bpmn:Definitions', {
    id: 'Definitions_1',
    targetNamespace: `urn:guichet:lifecycle:${key}${version === undefined ? '' : `:${version}`}`,
    exporter: 'guichet',
    exporterVersion: '1',
    rootElements: [collaboration, process],
    diagrams: [diagramElement(layout, { collaboration, participant }, byId)],
  });
  const { xml } = await moddle.toXML(definitions, { format: true });
  return xml;
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
