import type { LifecycleLayout, Point } from './lifecycle-layout';

/** How readable a drawn lifecycle is: arrows crossing one another, and the length of all the arrows. */
export interface Readability {
  arrows: number;
  crossings: number;
  /** In the diagram's units (SVG pixels). */
  totalLength: number;
}

type Segment = [Point, Point];

const segmentsOf = (points: Point[]): Segment[] => points.slice(1).map((point, i) => [points[i]!, point]);
const lengthOf = (points: Point[]): number => segmentsOf(points).reduce((sum, [a, b]) => sum + Math.hypot(b.x - a.x, b.y - a.y), 0);
const cross = (o: Point, a: Point, b: Point): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

// Two segments cross when each one's ends lie strictly on either side of the other (touching ends do not count).
function crosses([a, b]: Segment, [c, d]: Segment): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** The crossings between the flows of `layout` (each pair of arrows counted once per point where they cross) and their total length. */
export function readabilityOf(layout: LifecycleLayout): Readability {
  const arrows = layout.flows.map((flow) => segmentsOf(flow.points));
  let crossings = 0;
  for (let i = 0; i < arrows.length; i += 1)
    for (let j = i + 1; j < arrows.length; j += 1)
      for (const s of arrows[i]!) for (const t of arrows[j]!) if (crosses(s, t)) crossings += 1;
  return {
    arrows: layout.flows.length,
    crossings,
    totalLength: Math.round(layout.flows.reduce((sum, flow) => sum + lengthOf(flow.points), 0)),
  };
}
