import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import type { DescribedEffect, LifecycleProcess, ProcessFlow, ProcessLane, ProcessNode, ProcessNodeKind } from './lifecycle-process';

export interface Point {
  x: number;
  y: number;
}
export interface Box extends Point {
  width: number;
  height: number;
}

export interface PlacedNode extends ProcessNode, Box {
  /** A task's name, wrapped to fit its shape. */
  lines: string[];
  /** The actions that keep a task's state, each marked ↻ and wrapped, written under its name. */
  stayLines?: string[];
  /** Where a timer's name is written, beside it. */
  label?: Box;
}
export interface PlacedFlow extends ProcessFlow {
  /** From the source's border to the target's, bends included. */
  points: Point[];
  label: Box | null;
}
export type PlacedLane = ProcessLane & Box;
/** The dotted line from a task to the annotation of its entry effects. */
export interface PlacedAssociation {
  id: string;
  source: string;
  target: string;
  points: Point[];
}

/** A process with every element placed: the pool, its lanes as horizontal bands, the shapes and the routed flows. */
export interface LifecycleLayout {
  process: LifecycleProcess;
  pool: Box;
  lanes: PlacedLane[];
  nodes: PlacedNode[];
  flows: PlacedFlow[];
  associations: PlacedAssociation[];
}

/** Width of the pool's header (its name, written upwards) and of each lane's. */
export const HEADER_WIDTH = 30;
const TASK_WIDTH = 150;
const LINE_HEIGHT = 15;
const CHARS_PER_LINE = 20;
const LABEL_CHAR_WIDTH = 6.2;
const LABEL_HEIGHT = 14;
const SIZES: Record<Exclude<ProcessNodeKind, 'task' | 'annotation'>, number> = { start: 36, end: 36, gateway: 44, timer: 36 };
/** Width of an annotation, and where its text starts: after its bracket and each effect's marker. */
export const ANNOTATION = { width: 190, textInset: 26, padding: 6, lineHeight: LINE_HEIGHT } as const;
const EFFECT_CHARS = 26;

const elk = new ELK();

/** `text` in lines of at most about CHARS_PER_LINE characters, cut between words. */
export function wrapWords(text: string, width = CHARS_PER_LINE): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 ? lines : [''];
}

/** An entry effect's text in the lines its annotation writes it on. */
export const effectLines = (effect: DescribedEffect): string[] => wrapWords(effect.text, EFFECT_CHARS);

const annotationHeight = (effects: DescribedEffect[]) =>
  2 * ANNOTATION.padding + ANNOTATION.lineHeight * effects.reduce((n, effect) => n + effectLines(effect).length, 0);

const labelBoxOf = (text: string) => ({ width: Math.ceil(text.length * LABEL_CHAR_WIDTH) + 8, height: LABEL_HEIGHT });

// A timer is a port of its task, astride its right border, its name outside: flows enter and leave
// tasks at the top and bottom, so there the timer's name stays clear of them, and ELK keeps it clear of
// the other shapes.
const elkPortOf = (timer: ProcessNode): ElkPort => ({
  id: timer.id,
  width: SIZES.timer,
  height: SIZES.timer,
  layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.borderOffset': String(-SIZES.timer / 2) },
  labels: [{ id: `${timer.id}_label`, text: timer.name, ...labelBoxOf(timer.name) }],
});

// A timed task keeps its ports on their sides and grows taller if its timers need it; it is also wider by
// the half of a timer inside it (see elkNodeOf), so they cover none of its name.
const TIMED_TASK_OPTIONS = {
  'elk.portConstraints': 'FIXED_SIDE',
  'elk.portLabels.placement': 'OUTSIDE',
  'elk.nodeSize.constraints': 'PORTS MINIMUM_SIZE',
  'elk.spacing.portPort': '6',
};

// ELK fixes the sides of a timed task's ports, and would send a flow from the task back to itself round
// the whole task; ports of its own on the left keep it the small loop it is on any other task.
const loopPortsOf = (flow: ProcessFlow): ElkPort[] =>
  ['out', 'in'].map((end) => ({ id: `${flow.id}_${end}`, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'WEST' } }));

function sizeOf(node: ProcessNode, lines: string[], timed: boolean): [number, number] {
  if (node.kind === 'task') return [TASK_WIDTH + (timed ? SIZES.timer / 2 : 0), Math.max(54, 22 + LINE_HEIGHT * lines.length)];
  if (node.kind === 'annotation') return [ANNOTATION.width, annotationHeight(node.effects ?? [])];
  return [SIZES[node.kind], SIZES[node.kind]];
}

/** The lines listing the actions that keep a task's state. */
export const stayLinesOf = (node: ProcessNode): string[] => (node.stays ?? []).flatMap((action) => wrapWords(`↻ ${action}`));

function elkNodeOf(node: ProcessNode, partition: number, timers: ProcessNode[], loops: ProcessFlow[]): ElkNode & { lines: string[] } {
  const lines = node.kind === 'task' ? wrapWords(node.name) : [];
  const [width, height] = sizeOf(node, [...lines, ...stayLinesOf(node)], timers.length > 0);
  return {
    id: node.id,
    width,
    height,
    layoutOptions: {
      'elk.partitioning.partition': String(partition),
      ...(node.kind === 'start' ? { 'elk.layered.layering.layerConstraint': 'FIRST' } : {}),
      ...(timers.length > 0 ? { ...TIMED_TASK_OPTIONS, 'elk.nodeSize.minimum': `(${width}, ${height})` } : {}),
    },
    ...(timers.length > 0 ? { ports: [...timers.map(elkPortOf), ...loops.flatMap(loopPortsOf)] } : {}),
    lines,
  };
}

const elkEdgeOf = (flow: ProcessFlow, onPorts: boolean): ElkExtendedEdge => ({
  id: flow.id,
  sources: [onPorts ? `${flow.id}_out` : flow.source],
  targets: [onPorts ? `${flow.id}_in` : flow.target],
  labels: flow.name ? [{ id: `${flow.id}_label`, text: flow.name, ...labelBoxOf(flow.name) }] : [],
});

// An association is laid out as an edge, so ELK sets the annotation in its task's lane, just under it, clear of every shape.
const elkAssociationOf = (annotation: ProcessNode): ElkExtendedEdge => ({
  id: `${annotation.id}_association`,
  sources: [annotation.annotates!],
  targets: [annotation.id],
  layoutOptions: { 'elk.layered.priority.straightness': '10', 'elk.layered.priority.shortness': '10' },
});

const pointsOf = (edge: ElkExtendedEdge | undefined, dx: number): Point[] =>
  (edge?.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]).map((p) => ({ x: p.x + dx, y: p.y }));

// Layered top to bottom, one partition per lane: each lane's elements take rows of their own, in the lanes' order.
const BASE_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.partitioning.activate': 'true',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '50',
  'elk.layered.spacing.edgeNodeBetweenLayers': '18',
  'elk.spacing.nodeNode': '40',
  'elk.spacing.edgeNode': '18',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.padding': '[top=24,left=24,bottom=24,right=24]',
};
// Depth first from the start event, the flow reads from the top the way a ticket goes.
const LAYOUT_OPTIONS: Record<string, string> = { ...BASE_OPTIONS, 'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST' };

// Some option sets make ELK fail on some graphs (model-order cycle breaking does on the request lifecycle): ELK's defaults are the way back.
async function laidOut(graph: ElkNode): Promise<ElkNode> {
  try {
    return await elk.layout({ ...graph, layoutOptions: LAYOUT_OPTIONS });
  } catch {
    const plain = {
      ...graph,
      children: graph.children?.map((child) => ({
        ...child,
        layoutOptions: { ...child.layoutOptions, 'elk.layered.layering.layerConstraint': 'NONE' },
      })),
    };
    return elk.layout({ ...plain, layoutOptions: BASE_OPTIONS });
  }
}

const moved = (box: Partial<Box>, origin: Point): Box => ({
  x: (box.x ?? 0) + origin.x,
  y: (box.y ?? 0) + origin.y,
  width: box.width ?? 0,
  height: box.height ?? 0,
});

// The process's nodes where ELK put them, `dx` to the right; a timer where its task's port is, its name where the port's label is.
function placedNodes(process: LifecycleProcess, laid: ElkNode, children: { id: string; lines: string[] }[], dx: number): PlacedNode[] {
  const byId = new Map(process.nodes.map((node) => [node.id, node]));
  const linesOf = new Map(children.map((child) => [child.id, child.lines]));
  const placed = new Map<string, PlacedNode>();
  for (const child of laid.children ?? []) {
    const shape = moved(child, { x: dx, y: 0 });
    const node = byId.get(child.id)!;
    placed.set(child.id, { ...node, ...shape, lines: linesOf.get(child.id) ?? [], ...(node.stays && { stayLines: stayLinesOf(node) }) });
    for (const port of (child.ports ?? []).filter((p) => byId.has(p.id))) {
      const timer = moved(port, shape);
      const label = port.labels?.[0];
      placed.set(port.id, { ...byId.get(port.id)!, ...timer, lines: [], ...(label ? { label: moved(label, timer) } : {}) });
    }
  }
  return process.nodes.map((node) => placed.get(node.id)!);
}

/**
 * Lays a process out with ELK's layered algorithm: lanes as horizontal bands from the top (in the
 * order the process meets them), every shape inside its lane's band, a timer astride the right
 * border of its task with its name beside it, a task's entry effects in an annotation under it,
 * flows and associations routed orthogonally.
 * Pure but asynchronous, as ELK is.
 *
 * @example
 *   const layout = await layoutProcess(lifecycleProcess(incident));
 *   layout.lanes[0] // { role: 'technician', x: 30, y: 0, width: …, height: … }
 */
export async function layoutProcess(process: LifecycleProcess): Promise<LifecycleLayout> {
  const partitionOf = new Map(process.lanes.map((lane, i) => [lane.role, i]));
  const timed = new Set(process.nodes.flatMap((node) => node.attachedTo ?? []));
  const timedLoop = (flow: ProcessFlow) => flow.source === flow.target && timed.has(flow.source);
  const children = process.nodes
    .filter((node) => node.kind !== 'timer')
    .map((node) =>
      elkNodeOf(
        node,
        partitionOf.get(node.lane) ?? 0,
        process.nodes.filter((timer) => timer.attachedTo === node.id),
        process.flows.filter((flow) => flow.source === node.id && timedLoop(flow)),
      ),
    );
  const annotations = process.nodes.filter((node) => node.kind === 'annotation');
  const edges = [...process.flows.map((flow) => elkEdgeOf(flow, timedLoop(flow))), ...annotations.map(elkAssociationOf)];
  const laid = await laidOut({ id: 'root', children, edges });

  const dx = 2 * HEADER_WIDTH;
  const nodes = placedNodes(process, laid, children, dx);
  const edgesById = new Map((laid.edges ?? []).map((edge) => [edge.id, edge]));
  const flows: PlacedFlow[] = process.flows.map((flow) => {
    const edge = edgesById.get(flow.id);
    const label = edge?.labels?.[0];
    return { ...flow, points: pointsOf(edge, dx), label: label ? moved(label, { x: dx, y: 0 }) : null };
  });
  const associations = annotations.map(({ id, annotates }) => ({
    id: `${id}_association`,
    source: annotates!,
    target: id,
    points: pointsOf(edgesById.get(`${id}_association`), dx),
  }));

  const pool: Box = { x: 0, y: 0, width: (laid.width ?? 0) + dx, height: laid.height ?? 0 };
  return { process, pool, lanes: bandsOf(process.lanes, nodes, pool), nodes, flows, associations };
}

// Each lane's band runs from halfway to the lane above to halfway to the lane below.
function bandsOf(lanes: ProcessLane[], nodes: PlacedNode[], pool: Box): PlacedLane[] {
  const spans = lanes.map((lane) => {
    const inLane = nodes.filter((n) => n.lane === lane.role);
    const bottoms = inLane.map((n) => Math.max(n.y + n.height, n.label ? n.label.y + n.label.height : 0));
    return { top: Math.min(...inLane.map((n) => n.y)), bottom: Math.max(...bottoms) };
  });
  return lanes.map((lane, i) => {
    const top = i === 0 ? pool.y : (spans[i - 1]!.bottom + spans[i]!.top) / 2;
    const bottom = i === lanes.length - 1 ? pool.y + pool.height : (spans[i]!.bottom + spans[i + 1]!.top) / 2;
    return { ...lane, x: pool.x + HEADER_WIDTH, y: top, width: pool.width - HEADER_WIDTH, height: bottom - top };
  });
}
