import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { LifecycleProcess, ProcessFlow, ProcessLane, ProcessNode, ProcessNodeKind } from './lifecycle-process';

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
}
export interface PlacedFlow extends ProcessFlow {
  /** From the source's border to the target's, bends included. */
  points: Point[];
  label: Box | null;
}
export type PlacedLane = ProcessLane & Box;

/** A process with every element placed: the pool, its lanes as horizontal bands, the shapes and the routed flows. */
export interface LifecycleLayout {
  process: LifecycleProcess;
  pool: Box;
  lanes: PlacedLane[];
  nodes: PlacedNode[];
  flows: PlacedFlow[];
}

/** Width of the pool's header (its name, written upwards) and of each lane's. */
export const HEADER_WIDTH = 30;
const TASK_WIDTH = 150;
const LINE_HEIGHT = 15;
const CHARS_PER_LINE = 20;
const LABEL_CHAR_WIDTH = 6.2;
const LABEL_HEIGHT = 14;
const SIZES: Record<Exclude<ProcessNodeKind, 'task'>, number> = { start: 36, end: 36, gateway: 44 };

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

const labelBoxOf = (text: string) => ({ width: Math.ceil(text.length * LABEL_CHAR_WIDTH) + 8, height: LABEL_HEIGHT });

function elkNodeOf(node: ProcessNode, partition: number): ElkNode & { lines: string[] } {
  const lines = node.kind === 'task' ? wrapWords(node.name) : [];
  const size = node.kind === 'task' ? null : SIZES[node.kind];
  return {
    id: node.id,
    width: size ?? TASK_WIDTH,
    height: size ?? Math.max(54, 22 + LINE_HEIGHT * lines.length),
    layoutOptions: {
      'elk.partitioning.partition': String(partition),
      ...(node.kind === 'start' ? { 'elk.layered.layering.layerConstraint': 'FIRST' } : {}),
    },
    lines,
  };
}

const elkEdgeOf = (flow: ProcessFlow): ElkExtendedEdge => ({
  id: flow.id,
  sources: [flow.source],
  targets: [flow.target],
  labels: flow.name ? [{ id: `${flow.id}_label`, text: flow.name, ...labelBoxOf(flow.name) }] : [],
});

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

/**
 * Lays a process out with ELK's layered algorithm: lanes as horizontal bands from the top (in the
 * order the process meets them), every shape inside its lane's band, flows routed orthogonally.
 * Pure but asynchronous, as ELK is.
 *
 * @example
 *   const layout = await layoutProcess(lifecycleProcess(incident));
 *   layout.lanes[0] // { role: 'technician', x: 30, y: 0, width: …, height: … }
 */
export async function layoutProcess(process: LifecycleProcess): Promise<LifecycleLayout> {
  const partitionOf = new Map(process.lanes.map((lane, i) => [lane.role, i]));
  const children = process.nodes.map((node) => elkNodeOf(node, partitionOf.get(node.lane) ?? 0));
  const laid = await laidOut({ id: 'root', children, edges: process.flows.map(elkEdgeOf) });

  const dx = 2 * HEADER_WIDTH;
  const placedById = new Map((laid.children ?? []).map((child) => [child.id, child]));
  const nodes: PlacedNode[] = process.nodes.map((node, i) => {
    const placed = placedById.get(node.id);
    return {
      ...node,
      x: (placed?.x ?? 0) + dx,
      y: placed?.y ?? 0,
      width: placed?.width ?? 0,
      height: placed?.height ?? 0,
      lines: children[i]!.lines,
    };
  });
  const edgesById = new Map((laid.edges ?? []).map((edge) => [edge.id, edge]));
  const flows: PlacedFlow[] = process.flows.map((flow) => {
    const edge = edgesById.get(flow.id);
    const points = (edge?.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
    const label = edge?.labels?.[0];
    return {
      ...flow,
      points: points.map((p) => ({ x: p.x + dx, y: p.y })),
      label: label ? { x: (label.x ?? 0) + dx, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 } : null,
    };
  });

  const pool: Box = { x: 0, y: 0, width: (laid.width ?? 0) + dx, height: laid.height ?? 0 };
  return { process, pool, lanes: bandsOf(process.lanes, nodes, pool), nodes, flows };
}

// Each lane's band runs from halfway to the lane above to halfway to the lane below.
function bandsOf(lanes: ProcessLane[], nodes: PlacedNode[], pool: Box): PlacedLane[] {
  const spans = lanes.map((lane) => {
    const inLane = nodes.filter((n) => n.lane === lane.role);
    return { top: Math.min(...inLane.map((n) => n.y)), bottom: Math.max(...inLane.map((n) => n.y + n.height)) };
  });
  return lanes.map((lane, i) => {
    const top = i === 0 ? pool.y : (spans[i - 1]!.bottom + spans[i]!.top) / 2;
    const bottom = i === lanes.length - 1 ? pool.y + pool.height : (spans[i]!.bottom + spans[i + 1]!.top) / 2;
    return { ...lane, x: pool.x + HEADER_WIDTH, y: top, width: pool.width - HEADER_WIDTH, height: bottom - top };
  });
}
