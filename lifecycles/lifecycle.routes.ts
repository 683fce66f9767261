import { z } from 'zod';
import { LifecycleDefinition } from './definition';
import { lifecycleService } from './lifecycle.service';
import { DiagramQuery, KeyParams, VersionParams } from './lifecycle.params';
import { route } from '../api/route';

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
      allow: 'everyone',
      response: LifecycleList,
      handle: async () => ({ items: await lifecycleService.list() }),
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/versions',
      summary: 'Every published version of a lifecycle, newest first, with how many tickets still run on it',
      tag: 'Lifecycles',
      allow: 'everyone',
      params: KeyParams,
      response: z.object({ items: z.array(z.object({ version: z.number(), publishedAt: z.string(), runningTickets: z.number() })) }),
      handle: async ({ params }) => ({ items: await lifecycleService.versions(params.key) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/versions/:version',
      summary: 'One version of a lifecycle definition',
      tag: 'Lifecycles',
      allow: 'everyone',
      params: VersionParams,
      response: LifecycleDefinition,
      handle: ({ params }) => lifecycleService.definition(params.key, params.version),
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
      handle: ({ params, query }) => lifecycleService.mermaid(params.key, params.version, query.lang),
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
      handle: ({ params, query }) => lifecycleService.svg(params.key, params.version, query.lang),
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
      handle: ({ params, query }) => lifecycleService.bpmn(params.key, params.version, query.lang),
    }),
  ];
}
