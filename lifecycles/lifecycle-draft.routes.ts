import { z } from 'zod';
import { DraftBody, DraftView } from './lifecycle-draft.schemas';
import { lifecycleDraftService as drafts } from './lifecycle-draft.service';
import { LIFECYCLE_JSON_SCHEMA } from './lifecycle-schema';
import { DiagramQuery, KeyParams } from './lifecycle.params';
import { route } from '../api/route';

const DraftParams = KeyParams.extend({ draftId: z.coerce.number().int().positive() });
const NewDraftQuery = z.object({ basedOn: z.coerce.number().int().positive().optional() });

export function lifecycleDraftRoutes() {
  return [
    route({
      method: 'get',
      path: '/api/v1/lifecycles/definition.schema.json',
      summary: 'The JSON Schema of a lifecycle definition (draft 2020-12)',
      tag: 'Lifecycles',
      allow: 'everyone',
      response: z.record(z.string(), z.unknown()),
      handle: async () => LIFECYCLE_JSON_SCHEMA,
    }),
    route({
      method: 'post',
      path: '/api/v1/lifecycles/:key/drafts',
      summary:
        'Start a draft of the next version of a lifecycle (process owners), from the published version `basedOn` (default: the newest); saved with its verification findings',
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: KeyParams,
      query: NewDraftQuery,
      body: DraftBody,
      response: DraftView,
      status: 201,
      handle: ({ user, params, query, body }) => drafts.create(user, params.key, body, query.basedOn),
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/drafts',
      summary: 'The drafts of a lifecycle, newest first (process owners)',
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: KeyParams,
      response: z.object({ items: z.array(DraftView) }),
      handle: async ({ params }) => ({ items: await drafts.list(params.key) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/drafts/:draftId',
      summary: 'One draft with its verification findings (process owners)',
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: DraftParams,
      response: DraftView,
      handle: ({ params }) => drafts.get(params.key, params.draftId),
    }),
    route({
      method: 'patch',
      path: '/api/v1/lifecycles/:key/drafts/:draftId',
      summary: "Replace a draft's definition (process owners); its findings are those of the new definition",
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: DraftParams,
      body: DraftBody,
      response: DraftView,
      handle: ({ params, body }) => drafts.replace(params.key, params.draftId, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/drafts/:draftId/diagram.svg',
      summary: 'A draft drawn as a BPMN-like diagram (process owners); 400 while its shape keeps it from being drawn',
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: DraftParams,
      query: DiagramQuery,
      response: z.string(),
      produces: 'image/svg+xml',
      handle: ({ params, query }) => drafts.diagram(params.key, params.draftId, query.lang),
    }),
    route({
      method: 'post',
      path: '/api/v1/lifecycles/:key/drafts/:draftId/publish',
      summary: 'Publish a draft as the next version (process owners); refused with every finding while it has any',
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: DraftParams,
      response: z.object({ key: z.string(), version: z.number() }),
      status: 201,
      handle: ({ params }) => drafts.publish(params.key, params.draftId),
    }),
  ];
}
