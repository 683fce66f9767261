import { z } from 'zod';
import { toMermaid } from '../diagrams/lifecycle-mermaid';
import { LifecycleDefinition } from '../lifecycles/definition';
import { lifecycleVersionOrFail, publishedLifecycles } from '../lifecycles/lifecycle.repository';
import { route } from './route';

const VersionParams = z.object({ key: z.string().regex(/^[a-z][a-z0-9_-]*$/), version: z.coerce.number().int().positive() });
const DiagramQuery = z.object({ lang: z.enum(['fr', 'en']).default('fr') });
const LifecycleList = z.object({
  items: z.array(z.object({ key: z.string(), version: z.number(), label: z.object({ fr: z.string(), en: z.string() }) })),
});

export function lifecycleRoutes() {
  return [
    route({
      method: 'get',
      path: '/api/v1/lifecycles',
      summary: 'The lifecycles, each with its published (newest) version',
      tag: 'Lifecycles',
      authenticated: true,
      response: LifecycleList,
      handle: async () => ({
        items: (await publishedLifecycles()).map((l) => ({ key: l.key, version: l.version, label: l.definition.label })),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/versions/:version',
      summary: 'One version of a lifecycle definition',
      tag: 'Lifecycles',
      authenticated: true,
      params: VersionParams,
      response: LifecycleDefinition,
      handle: async ({ params }) => (await lifecycleVersionOrFail(params.key, params.version)).definition,
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/versions/:version/diagram.mmd',
      summary: 'One version of a lifecycle drawn as a Mermaid state diagram',
      tag: 'Lifecycles',
      authenticated: true,
      params: VersionParams,
      query: DiagramQuery,
      response: z.string(),
      produces: 'text/vnd.mermaid',
      handle: async ({ params, query }) => toMermaid((await lifecycleVersionOrFail(params.key, params.version)).definition, query.lang),
    }),
  ];
}
