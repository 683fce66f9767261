import type { Language } from '../core/language';
import { lifecycleBpmn } from '../diagrams/lifecycle-bpmn';
import { toMermaid } from '../diagrams/lifecycle-mermaid';
import { lifecycleSvg } from '../diagrams/lifecycle-svg';
import type { LifecycleDefinition } from './definition';
import { lifecycleVersionOrFail, publishedLifecycles, versionsOf } from './lifecycle.repository';

// Published versions never change, so each drawing (a layout takes ELK a few hundred milliseconds) is made once per process.
const drawings = new Map<string, Promise<string>>();
function drawnOnce(id: string, draw: () => Promise<string>): Promise<string> {
  let drawing = drawings.get(id);
  if (!drawing) {
    drawing = draw();
    drawings.set(id, drawing);
    drawing.catch(() => drawings.delete(id));
  }
  return drawing;
}

/** The published lifecycles, their versions and their drawings. */
export const lifecycleService = {
  async list(): Promise<{ key: string; version: number; label: LifecycleDefinition['label'] }[]> {
    return (await publishedLifecycles()).map((l) => ({ key: l.key, version: l.version, label: l.definition.label }));
  },

  versions: versionsOf,

  definition: async (key: string, version: number): Promise<LifecycleDefinition> => (await lifecycleVersionOrFail(key, version)).definition,

  mermaid: async (key: string, version: number, lang: Language): Promise<string> =>
    toMermaid((await lifecycleVersionOrFail(key, version)).definition, lang),

  async svg(key: string, version: number, lang: Language): Promise<string> {
    const lifecycle = await lifecycleVersionOrFail(key, version);
    return drawnOnce(`${lifecycle.key}@${lifecycle.version}.${lang}.svg`, () => lifecycleSvg(lifecycle.definition, lang));
  },

  async bpmn(key: string, version: number, lang: Language): Promise<string> {
    const lifecycle = await lifecycleVersionOrFail(key, version);
    return drawnOnce(`${lifecycle.key}@${lifecycle.version}.${lang}.bpmn`, () =>
      lifecycleBpmn(lifecycle.definition, lang, lifecycle.version),
    );
  },
};
