import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { lifecycleBpmn } from '../../diagrams/lifecycle-bpmn';
import { ANNOTATION, layoutProcess, type Box, type Point } from '../../diagrams/lifecycle-layout';
import { toMermaid } from '../../diagrams/lifecycle-mermaid';
import { lifecycleProcess } from '../../diagrams/lifecycle-process';
import { lifecycleSvg } from '../../diagrams/lifecycle-svg';
import { escapeXml } from '../../diagrams/xml-escape';
import { describeEffect, type EntryEffect } from '../../lifecycles/entry-effects';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { entryLifecycle } from './entry-lifecycle';

const withEffects = Object.entries(entryLifecycle.states).filter(([, state]) => state.entry);
const rounded = (value: number) => Math.round(value * 10) / 10;
const described = (effects: EntryEffect[], language: 'fr' | 'en') => effects.map((effect) => describeEffect(effect, language));
const apart = (a: Box, b: Box) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
const onBorder = ({ x, y }: Point, box: Box) =>
  (Math.abs(y - box.y) < 1 || Math.abs(y - box.y - box.height) < 1 || Math.abs(x - box.x) < 1 || Math.abs(x - box.x - box.width) < 1) &&
  x >= box.x - 1 &&
  x <= box.x + box.width + 1 &&
  y >= box.y - 1 &&
  y <= box.y + box.height + 1;

describe('entry effects as a diagram says them', () => {
  it('names the group, the validators and their rule, the raise, and who is notified with the message', () => {
    expect(describeEffect({ effect: 'assignGroup', group: 7 }, 'fr')).toBe('→ groupe n° 7');
    expect(describeEffect({ effect: 'requestValidation', validators: [12, 13], rule: 'all' }, 'fr')).toBe(
      'validation demandée (tous : 12, 13)',
    );
    expect(describeEffect({ effect: 'requestValidation', validators: [12] }, 'en')).toBe('validation requested (any: 12)');
    expect(describeEffect({ effect: 'raisePriority' }, 'fr')).toBe('priorité +1');
    expect(describeEffect({ effect: 'notify', to: ['requester', 'technicians'] }, 'fr')).toBe('notifie : demandeur, techniciens');
    expect(describeEffect({ effect: 'notify', to: ['groups'], message: { fr: 'Vu', en: 'Seen' } }, 'en')).toBe('notifies: groups “Seen”');
  });
});

describe('SVG diagram of entry effects', () => {
  it("lists each state's effects, each with its mark, in an annotation of its task", async () => {
    const svg = await lifecycleSvg(entryLifecycle, 'fr');
    for (const [name, state] of withEffects) {
      const group = new RegExp(`<g class="entry-effects" data-id="Annotation_${name}" data-annotates="Task_${name}">(.*?)</g></g>\\n`).exec(
        svg,
      )?.[1];
      const effects = [...(group ?? '').matchAll(/<g class="entry-effect" data-effect="(\w+)">(.*?)<text[^>]*>(.*?)<\/text>/g)];
      expect(
        effects.map(([, effect, , text]) => [effect, text!.replace(/<tspan[^>]*>(.*?)<\/tspan>/g, '$1 ').trim()]),
        name,
      ).toEqual(state.entry!.map((effect) => [effect.effect, escapeXml(describeEffect(effect, 'fr'))]));
      expect(
        effects.every(([, , mark]) => /<(path|circle|rect) /.test(mark!)),
        name,
      ).toBe(true);
      expect(svg, name).toMatch(new RegExp(`<g class="association" data-id="Annotation_${name}_association"><path [^>]*stroke-dasharray`));
    }
    expect(svg).not.toContain('Annotation_parked');
  });

  it("sizes each annotation to its lines, sets it under its task in its lane clear of the flows' names, and links them border to border", async () => {
    const layout = await layoutProcess(lifecycleProcess(entryLifecycle, 'fr'));
    const svg = await lifecycleSvg(entryLifecycle, 'fr');
    for (const [name] of withEffects) {
      const annotation = layout.nodes.find((n) => n.id === `Annotation_${name}`)!;
      const task = layout.nodes.find((n) => n.id === `Task_${name}`)!;
      expect(annotation.lane, name).toBe(task.lane);
      expect(annotation.y, name).toBeGreaterThan(task.y + task.height);
      const group = svg.split('\n').find((line) => line.startsWith(`<g class="entry-effects" data-id="Annotation_${name}"`))!;
      for (const [, x, y, text] of group.matchAll(/<tspan x="([\d.]+)" y="([\d.]+)">(.*?)<\/tspan>/g)) {
        expect(Number(y) - ANNOTATION.lineHeight / 2, text).toBeGreaterThanOrEqual(annotation.y);
        expect(Number(y) + ANNOTATION.lineHeight / 2, text).toBeLessThanOrEqual(annotation.y + annotation.height);
        // About 6.2 px a character at 11 px; an entity is one.
        expect(Number(x) + text!.replace(/&\w+;/g, '&').length * 6.2, text).toBeLessThanOrEqual(annotation.x + annotation.width + 1);
      }
      for (const flow of layout.flows.filter((f) => f.label))
        expect(apart(flow.label!, annotation), `${flow.id}'s name / ${name}`).toBe(true);
      const { points } = layout.associations.find((a) => a.target === annotation.id)!;
      expect(onBorder(points[0]!, task), name).toBe(true);
      expect(onBorder(points.at(-1)!, annotation), name).toBe(true);
    }
  });

  it('draws no annotation for a lifecycle without entry effects', async () => {
    for (const definition of SHIPPED_LIFECYCLES) {
      expect(await lifecycleSvg(definition, 'fr'), definition.key).not.toMatch(/entry-effects|association/);
      expect((await layoutProcess(lifecycleProcess(definition))).associations, definition.key).toEqual([]);
    }
  });
});

describe('BPMN export of entry effects', () => {
  async function parsed(xml: string) {
    const { rootElement, warnings } = await BpmnModdle().fromXML(xml);
    const definitions = rootElement as any;
    const process = definitions.rootElements.find((e: any) => e.$type === 'bpmn:Process');
    return {
      warnings,
      process,
      shapes: definitions.diagrams[0].plane.planeElement as any[],
      artifacts: (process.artifacts ?? []) as any[],
    };
  }

  it("annotates each state's task with its effects, associated with it, and parses back without warnings", async () => {
    const { warnings, process, artifacts } = await parsed(await lifecycleBpmn(entryLifecycle, 'fr'));
    expect(warnings).toEqual([]);
    const annotations = artifacts.filter((a) => a.$type === 'bpmn:TextAnnotation');
    const associations = artifacts.filter((a) => a.$type === 'bpmn:Association');
    expect(annotations).toHaveLength(withEffects.length);
    for (const [name, state] of withEffects) {
      const [association, ...others] = associations.filter((a) => a.sourceRef.id === `Task_${name}`);
      expect(others, name).toEqual([]);
      expect(association.targetRef.$type, name).toBe('bpmn:TextAnnotation');
      expect(association.associationDirection, name).toBe('None');
      expect(association.targetRef.text, name).toBe(described(state.entry!, 'fr').join('\n'));
    }
    const lanes = process.laneSets[0].lanes as any[];
    expect(lanes.flatMap((lane) => lane.flowNodeRef).filter((node: any) => node.$type === 'bpmn:TextAnnotation')).toEqual([]);
  });

  it('draws each annotation and its association where the SVG does (BPMNDI)', async () => {
    const { shapes, artifacts } = await parsed(await lifecycleBpmn(entryLifecycle, 'en'));
    const layout = await layoutProcess(lifecycleProcess(entryLifecycle, 'en'));
    for (const artifact of artifacts) {
      const di = shapes.find((shape) => shape.bpmnElement === artifact);
      if (artifact.$type === 'bpmn:Association') {
        const placed = layout.associations.find((a) => a.id === artifact.id)!;
        expect(
          di.waypoint.map((p: Point) => [p.x, p.y]),
          artifact.id,
        ).toEqual(placed.points.map((p) => [rounded(p.x), rounded(p.y)]));
      } else {
        const node = layout.nodes.find((n) => n.id === artifact.id)!;
        const { x, y, width, height } = di.bounds;
        expect([x, y, width, height], artifact.id).toEqual([node.x, node.y, node.width, node.height].map(rounded));
      }
    }
  });

  it('exports no annotation for a lifecycle without entry effects', async () => {
    for (const definition of SHIPPED_LIFECYCLES) {
      expect((await parsed(await lifecycleBpmn(definition))).artifacts, definition.key).toEqual([]);
    }
  });
});

describe('Mermaid diagram of entry effects', () => {
  it('writes a note beside each state with entry effects, one line each', () => {
    const diagram = toMermaid(entryLifecycle, 'fr');
    for (const [name, state] of withEffects) {
      const lines = described(state.entry!, 'fr').map((text) => `    ${text}\n`);
      expect(diagram, name).toContain(`  note right of ${name}\n${lines.join('')}  end note\n`);
    }
    expect(diagram).not.toContain('note right of parked');
    expect(SHIPPED_LIFECYCLES.some((definition) => toMermaid(definition).includes('note '))).toBe(false);
  });

  it('keeps a message saying "end note" from closing the note early', () => {
    const diagram = toMermaid(entryLifecycle, 'en');
    expect(diagram.match(/end note/g)).toHaveLength(withEffects.length);
    expect(diagram).toContain('“We send \u200bnotes on your ticket”');
  });
});
