import { z } from 'zod';
import { lifecycleBpmn } from '../diagrams/lifecycle-bpmn';
import { toMermaid } from '../diagrams/lifecycle-mermaid';
import { lifecycleSvg } from '../diagrams/lifecycle-svg';
import { LifecycleDefinition } from '../lifecycles/definition';
import { lifecycleVersionOrFail, publishedLifecycles, versionsOf } from '../lifecycles/lifecycle.repository';
import { DiagramQuery, KeyParams, VersionParams } from './lifecycle.params';
import { route } from './route';

const LifecycleList = z.object({
  items: z.array(z.object({ key: z.string(), version: z.number(), label: z.object({ fr: z.string(), en: z.string() }) })),
});

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

export function lifecycleRoutes() {
  return [
    route({
      method: 'get',
      path: '/api/v1/lifecycles',
      summary: 'The lifecycles, each with its published (newest) version',
      tag: 'Lifecycles',
      allow: 'everyone',
      response: LifecycleList,
      handle: async () => ({
        items: (await publishedLifecycles()).map((l) => ({ key: l.key, version: l.version, label: l.definition.label })),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/versions',
      summary: 'Every published version of a lifecycle, newest first, with how many tickets still run on it',
      tag: 'Lifecycles',
      allow: 'everyone',
      params: KeyParams,
      response: z.object({ items: z.array(z.object({ version: z.number(), publishedAt: z.string(), runningTickets: z.number() })) }),
      handle: async ({ params }) => ({ items: await versionsOf(params.key) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/versions/:version',
      summary: 'One version of a lifecycle definition',
      tag: 'Lifecycles',
      allow: 'everyone',
      params: VersionParams,
      response: LifecycleDefinition,
      handle: async ({ params }) => (await lifecycleVersionOrFail(params.key, params.version)).definition,
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/versions/:version/diagram.mmd',
      summary: 'One version of a lifecycle drawn as a Mermaid state diagram',
      tag: 'Lifecycles',
      allow: 'everyone',
      params: VersionParams,
      query: DiagramQuery,
      response: z.string(),
      produces: 'text/vnd.mermaid',
      handle: async ({ params, query }) => toMermaid((await lifecycleVersionOrFail(params.key, params.version)).definition, query.lang),
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/versions/:version/diagram.svg',
      summary: 'One version of a lifecycle drawn as a BPMN-like diagram: states in swimlanes by the role that acts',
      tag: 'Lifecycles',
      allow: 'everyone',
      params: VersionParams,
      query: DiagramQuery,
      response: z.string(),
      produces: 'image/svg+xml',
      handle: async ({ params, query }) => {
        const lifecycle = await lifecycleVersionOrFail(params.key, params.version);
        return drawnOnce(`${lifecycle.key}@${lifecycle.version}.${query.lang}.svg`, () => lifecycleSvg(lifecycle.definition, query.lang));
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/versions/:version/diagram.bpmn',
      summary: 'One version of a lifecycle as BPMN 2.0 XML (with its diagram), for bpmn-js or Camunda Modeler',
      tag: 'Lifecycles',
      allow: 'everyone',
      params: VersionParams,
      query: DiagramQuery,
      response: z.string(),
      produces: 'application/xml',
      handle: async ({ params, query }) => {
        const lifecycle = await lifecycleVersionOrFail(params.key, params.version);
        const id = `${lifecycle.key}@${lifecycle.version}.${query.lang}.bpmn`;
        return drawnOnce(id, () => lifecycleBpmn(lifecycle.definition, query.lang, lifecycle.version));
      },
    }),
  ];
}
