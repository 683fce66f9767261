import type { EntryEffect } from '../lifecycles/entry-effects';
import { ANNOTATION, effectLines, type PlacedAssociation, type PlacedNode, type Point } from './lifecycle-layout';
import { coordinate as c, escapeXml } from './xml-escape';

// A small mark before each effect, centred on its first line: a person for a group taking the ticket, a
// tick for a validation, an arrow up for a priority, BPMN's envelope for a message.
function markSvg(effect: EntryEffect['effect'], { x, y }: Point, ink: string): string {
  switch (effect) {
    case 'assignGroup':
      return `<circle cx="${c(x)}" cy="${c(y - 2.5)}" r="2.2" fill="none" stroke="${ink}"/><path d="M${c(x - 4)},${c(y + 4.5)} Q${c(x)},${c(y - 1.5)} ${c(x + 4)},${c(y + 4.5)}" fill="none" stroke="${ink}"/>`;
    case 'requestValidation':
      return `<path d="M${c(x - 4)},${c(y)} L${c(x - 1)},${c(y + 3)} L${c(x + 4)},${c(y - 4)}" fill="none" stroke="${ink}" stroke-width="1.8"/>`;
    case 'raisePriority':
      return `<path d="M${c(x)},${c(y - 5)} L${c(x + 4.5)},${c(y + 1)} L${c(x + 1.5)},${c(y + 1)} L${c(x + 1.5)},${c(y + 5)} L${c(x - 1.5)},${c(y + 5)} L${c(x - 1.5)},${c(y + 1)} L${c(x - 4.5)},${c(y + 1)} z" fill="${ink}"/>`;
    case 'notify':
      return `<rect x="${c(x - 5)}" y="${c(y - 3.5)}" width="10" height="7" fill="#fff" stroke="${ink}"/><path d="M${c(x - 5)},${c(y - 3.5)} L${c(x)},${c(y + 0.5)} L${c(x + 5)},${c(y - 3.5)}" fill="none" stroke="${ink}"/>`;
  }
}

/** BPMN's text annotation of a state's entry effects: an open bracket, then each effect with its mark. */
export function annotationSvg(node: PlacedNode, ink: string): string {
  const bracket = `M${c(node.x + 12)},${c(node.y)} L${c(node.x)},${c(node.y)} L${c(node.x)},${c(node.y + node.height)} L${c(node.x + 12)},${c(node.y + node.height)}`;
  let row = 0;
  const effects = (node.effects ?? []).map((effect) => {
    const lines = effectLines(effect);
    const lineY = (i: number) => node.y + ANNOTATION.padding + ANNOTATION.lineHeight * (row + i + 0.5);
    const text = lines.map((line, i) => `<tspan x="${c(node.x + ANNOTATION.textInset)}" y="${c(lineY(i))}">${escapeXml(line)}</tspan>`);
    const svg =
      `<g class="entry-effect" data-effect="${effect.effect}">${markSvg(effect.effect, { x: node.x + 14, y: lineY(0) }, ink)}` +
      `<text dominant-baseline="middle" font-size="11">${text.join('')}</text></g>`;
    row += lines.length;
    return svg;
  });
  return (
    `<g class="entry-effects" data-id="${node.id}" data-annotates="${node.annotates ?? ''}">` +
    `<path d="${bracket}" fill="none" stroke="${ink}" stroke-width="1.2"/>${effects.join('')}</g>`
  );
}

/** The dotted line from a task to its annotation. */
export function associationSvg(association: PlacedAssociation, ink: string): string {
  if (association.points.length < 2) return '';
  const d = association.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${c(p.x)},${c(p.y)}`).join(' ');
  return `<g class="association" data-id="${association.id}"><path d="${d}" fill="none" stroke="${ink}" stroke-dasharray="2 3"/></g>`;
}
