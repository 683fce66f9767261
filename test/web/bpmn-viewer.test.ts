import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleBpmn } from '../../diagrams/lifecycle-bpmn';
import { SHIPPED_LIFECYCLES } from '../../lifecycles/shipped-lifecycles';
import { ARTIFACTS, launchChromium, watchForErrors } from '../support/browser';
import { entryLifecycle } from '../diagrams/entry-lifecycle';

// The viewer of bpmn-js, the library Camunda Modeler is built on, as a page would load it.
const VIEWER = createRequire(import.meta.url).resolve('bpmn-js/dist/bpmn-viewer.production.min.js');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

interface Imported {
  warnings: string[];
  elements: { id: string; type: string; attachedTo: string | null; width: number }[];
  drawn: number;
}

/** Opens `xml` in the bpmn-js viewer in Chromium: its import warnings, the elements it knows and how many it drew. */
async function openInViewer(page: Page, xml: string): Promise<Imported> {
  await page.setContent('<!doctype html><html><body><div id="canvas" style="width: 1600px; height: 1000px"></div></body></html>');
  await page.addScriptTag({ path: VIEWER });
  return page.evaluate(async (text) => {
    const Viewer = (window as unknown as { BpmnJS: new (options: object) => any }).BpmnJS;
    const viewer = new Viewer({ container: '#canvas' });
    const { warnings } = await viewer.importXML(text);
    viewer.get('canvas').zoom('fit-viewport');
    const elements = viewer
      .get('elementRegistry')
      .getAll()
      .filter((e: any) => e.businessObject?.$type?.startsWith('bpmn:') && !e.labelTarget)
      .map((e: any) => ({ id: e.id, type: e.businessObject.$type, attachedTo: e.host?.id ?? null, width: e.width ?? 0 }));
    return {
      warnings: warnings.map((w: any) => String(w.message)),
      elements,
      drawn: document.querySelectorAll('#canvas .djs-element').length,
    };
  }, xml);
}

describe('BPMN export opened in the bpmn-js viewer (Chromium)', () => {
  it.each(SHIPPED_LIFECYCLES.map((d) => [d.key, d] as const))(
    'opens %s without a warning, every state a task',
    async (_key, definition) => {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const errors = watchForErrors(page);
      const imported = await openInViewer(page, await lifecycleBpmn(definition, 'fr', 1));
      expect(imported.warnings).toEqual([]);
      const tasks = imported.elements.filter((e) => e.type === 'bpmn:Task').map((e) => e.id);
      const states = Object.keys(definition.states).map((s) => `Task_${s}`);
      expect(tasks.sort()).toEqual(states.sort());
      expect(imported.elements.some((e) => e.type === 'bpmn:EndEvent')).toBe(true);
      expect(imported.drawn).toBeGreaterThan(tasks.length);
      expect(errors).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/bpmn-viewer-${definition.key}.png` });
      await page.close();
    },
  );

  it('opens a lifecycle with every kind of entry effect, each state’s effects an annotation associated with its task', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = watchForErrors(page);
    const imported = await openInViewer(page, await lifecycleBpmn(entryLifecycle, 'fr', 1));
    expect(imported.warnings).toEqual([]);
    const withEffects = Object.keys(entryLifecycle.states).filter((s) => (entryLifecycle.states[s]!.entry ?? []).length > 0);
    expect(imported.elements.filter((e) => e.type === 'bpmn:TextAnnotation')).toHaveLength(withEffects.length);
    expect(imported.elements.filter((e) => e.type === 'bpmn:Association')).toHaveLength(withEffects.length);
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/bpmn-viewer-entry-effects.png` });
    await page.close();
  });

  it("draws the change board's ten-day timer as a boundary event on its task", async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const change = SHIPPED_LIFECYCLES.find((d) => d.key === 'change')!;
    const imported = await openInViewer(page, await lifecycleBpmn(change, 'en', 1));
    const timers = imported.elements.filter((e) => e.type === 'bpmn:BoundaryEvent');
    expect(timers).toEqual([expect.objectContaining({ attachedTo: 'Task_approval_board' })]);
    await page.close();
  });
});
