import type { LifecycleDefinition } from '../lifecycles/definition';
import { annotationSvg, associationSvg } from './entry-effects-svg';
import { HEADER_WIDTH, layoutProcess, type Box, type LifecycleLayout, type PlacedFlow, type PlacedNode } from './lifecycle-layout';
import type { Language } from '../core/language';
import { lifecycleProcess } from './lifecycle-process';
import { coordinate as c, escapeXml } from './xml-escape';

const INK = '#1f2d3d';
const TASK_STROKE = '#1f4e79';
const MUTED = '#4a5666';
const LANE_FILLS = ['#f4f7fb', '#ffffff'];

// Text written upwards, centred in a header column.
const upwards = (box: Box, text: string, weight = 'normal') => {
  const cx = box.x + HEADER_WIDTH / 2;
  const cy = box.y + box.height / 2;
  return `<text x="${c(cx)}" y="${c(cy)}" transform="rotate(-90 ${c(cx)} ${c(cy)})" text-anchor="middle" dominant-baseline="middle" font-weight="${weight}">${escapeXml(text)}</text>`;
};

// BPMN's timer event: a double circle around a clock face (twelve ticks, two hands), its name beside it.
function timerSvg(node: PlacedNode): string {
  const cx = node.x + node.width / 2;
  const cy = node.y + node.height / 2;
  const r = node.width / 2;
  const face = r * 0.6;
  const ticks = Array.from({ length: 12 }, (_, i) => {
    const [sin, cos] = [Math.sin((i * Math.PI) / 6), Math.cos((i * Math.PI) / 6)];
    return `M${c(cx + sin * face * 0.75)},${c(cy - cos * face * 0.75)} L${c(cx + sin * face)},${c(cy - cos * face)}`;
  });
  const hands = `M${c(cx)},${c(cy - face * 0.7)} L${c(cx)},${c(cy)} L${c(cx + face * 0.55)},${c(cy)}`;
  const label = node.label
    ? `<text x="${c(node.label.x + node.label.width / 2)}" y="${c(node.label.y + node.label.height / 2)}" text-anchor="middle" dominant-baseline="middle" font-size="11">${escapeXml(node.name)}</text>`
    : '';
  return (
    `<g class="timer-event" data-id="${node.id}" data-attached-to="${node.attachedTo ?? ''}">` +
    `<circle cx="${c(cx)}" cy="${c(cy)}" r="${c(r)}" fill="#fff" stroke="${INK}" stroke-width="1.2"/>` +
    `<circle cx="${c(cx)}" cy="${c(cy)}" r="${c(r - 3)}" fill="none" stroke="${INK}" stroke-width="1.2"/>` +
    `<circle cx="${c(cx)}" cy="${c(cy)}" r="${c(face)}" fill="#fff" stroke="${INK}" stroke-width="1.5"/>` +
    `<path d="${ticks.join(' ')}" stroke="${INK}"/><path d="${hands}" fill="none" stroke="${INK}" stroke-width="1.5"/>` +
    `${label}<title>${escapeXml(node.name)}</title></g>`
  );
}

function nodeSvg(node: PlacedNode): string {
  const cx = node.x + node.width / 2;
  const cy = node.y + node.height / 2;
  switch (node.kind) {
    case 'start':
      return `<g class="start-event" data-id="${node.id}"><circle cx="${c(cx)}" cy="${c(cy)}" r="${c(node.width / 2)}" fill="#fff" stroke="${INK}" stroke-width="1.5"/><title>${escapeXml(node.name)}</title></g>`;
    case 'end':
      return `<g class="end-event" data-id="${node.id}"><circle cx="${c(cx)}" cy="${c(cy)}" r="${c(node.width / 2 - 1.5)}" fill="#fff" stroke="${INK}" stroke-width="3.5"/></g>`;
    case 'gateway': {
      const diamond = [
        `${c(cx)},${c(node.y)}`,
        `${c(node.x + node.width)},${c(cy)}`,
        `${c(cx)},${c(node.y + node.height)}`,
        `${c(node.x)},${c(cy)}`,
      ];
      const d = node.width / 6;
      const cross = `M${c(cx - d)},${c(cy - d)} L${c(cx + d)},${c(cy + d)} M${c(cx + d)},${c(cy - d)} L${c(cx - d)},${c(cy + d)}`;
      return `<g class="gateway" data-id="${node.id}"><polygon points="${diamond.join(' ')}" fill="#fff" stroke="${INK}" stroke-width="1.5"/><path d="${cross}" stroke="${INK}" stroke-width="3"/></g>`;
    }
    case 'timer':
      return timerSvg(node);
    case 'annotation':
      return annotationSvg(node, INK);
    case 'task': {
      // The name, then the actions that keep the state, smaller, the whole centred in the shape.
      const stays = node.stayLines ?? [];
      const top = cy - ((node.lines.length + stays.length - 1) * 15) / 2;
      const tspans = (lines: string[], from: number) =>
        lines.map((line, i) => `<tspan x="${c(cx)}" y="${c(top + (from + i) * 15)}">${escapeXml(line)}</tspan>`).join('');
      const staying = stays.length
        ? `<text class="stays" text-anchor="middle" dominant-baseline="middle" font-size="11" fill="${MUTED}">${tspans(stays, node.lines.length)}</text>`
        : '';
      return (
        `<g class="task" data-id="${node.id}" data-state="${escapeXml(node.state ?? '')}">` +
        `<rect x="${c(node.x)}" y="${c(node.y)}" width="${c(node.width)}" height="${c(node.height)}" rx="10" ry="10" fill="#fff" stroke="${TASK_STROKE}" stroke-width="1.5"/>` +
        `<text text-anchor="middle" dominant-baseline="middle">${tspans(node.lines, 0)}</text>${staying}</g>`
      );
    }
  }
}

// A flow a timer takes is dashed, told apart from the actions people take.
function flowSvg(flow: PlacedFlow, key: string, timed: boolean): string {
  if (flow.points.length < 2) return '';
  const d = flow.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${c(p.x)},${c(p.y)}`).join(' ');
  // BPMN's marks: a slash on a gateway's default branch, a small diamond on a guarded flow leaving a task.
  const start = flow.isDefault
    ? ` marker-start="url(#${key}-default)"`
    : flow.guard && flow.source.startsWith('Task_')
      ? ` marker-start="url(#${key}-condition)"`
      : '';
  const label = flow.label
    ? `<text x="${c(flow.label.x + flow.label.width / 2)}" y="${c(flow.label.y + flow.label.height / 2)}" text-anchor="middle" dominant-baseline="middle" font-size="11">${escapeXml(flow.name)}</text>`
    : '';
  const dashes = timed ? ' stroke-dasharray="6 4"' : '';
  return `<g class="flow" data-id="${flow.id}"><path d="${d}" fill="none" stroke="${INK}" stroke-width="1.2"${dashes} marker-end="url(#${key}-arrow)"${start}/>${label}</g>`;
}

const markers = (key: string) =>
  `<defs>` +
  `<marker id="${key}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${INK}"/></marker>` +
  `<marker id="${key}-default" viewBox="0 0 10 10" refX="0" refY="5" markerWidth="10" markerHeight="10" orient="auto"><path d="M3,1 L7,9" stroke="${INK}" stroke-width="1.5"/></marker>` +
  `<marker id="${key}-condition" viewBox="0 0 16 10" refX="0" refY="5" markerWidth="14" markerHeight="9" orient="auto"><path d="M0,5 L8,0 L16,5 L8,10 z" fill="#fff" stroke="${INK}"/></marker>` +
  `</defs>`;

/** The SVG document of a laid-out process. */
export function layoutToSvg(layout: LifecycleLayout): string {
  const { pool, process } = layout;
  const key = `lifecycle-${process.key}`;
  const timers = new Set(layout.nodes.filter((n) => n.kind === 'timer').map((n) => n.id));
  const lanes = layout.lanes.map(
    (lane, i) =>
      `<g class="lane" data-role="${lane.role}"><rect x="${c(lane.x)}" y="${c(lane.y)}" width="${c(lane.width)}" height="${c(lane.height)}" fill="${LANE_FILLS[i % 2]}" stroke="${INK}"/>${upwards(lane, lane.name)}</g>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 ${c(pool.width + 2)} ${c(pool.height + 2)}" width="${c(pool.width + 2)}" height="${c(pool.height + 2)}" font-family="Inter, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12" fill="${INK}" role="img" aria-label="${escapeXml(process.name)}">`,
    `<title>${escapeXml(process.name)}</title>`,
    markers(key),
    `<g class="pool"><rect x="${c(pool.x)}" y="${c(pool.y)}" width="${c(pool.width)}" height="${c(pool.height)}" fill="#fff" stroke="${INK}" stroke-width="1.5"/>${upwards(pool, process.name, 'bold')}</g>`,
    ...lanes,
    ...layout.flows.map((flow) => flowSvg(flow, key, timers.has(flow.source))),
    ...layout.associations.map((association) => associationSvg(association, INK)),
    ...layout.nodes.map(nodeSvg),
    '</svg>',
    '',
  ].join('\n');
}

/**
 * A lifecycle drawn as a BPMN-like diagram in SVG: its states as rounded tasks in swimlanes by
 * the role that acts, start and end events, exclusive gateways for guarded branches (each branch
 * labelled with its guard and conditions), each state's timers on its task's border with a dashed
 * flow to where they lead, each state's entry effects in an annotation under its task (a mark and
 * a line for each), laid out by ELK. Every label is escaped.
 *
 * @example
 *   const svg = await lifecycleSvg(incident, 'en'); // '<svg xmlns="http://www.w3.org/2000/svg" …'
 */
export async function lifecycleSvg(definition: LifecycleDefinition, language: Language = 'fr'): Promise<string> {
  return layoutToSvg(await layoutProcess(lifecycleProcess(definition, language)));
}
