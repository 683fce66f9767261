import { z } from 'zod';
import { DomainError, ValidationError } from '../core/errors';
import { lifecycleSvg } from '../diagrams/lifecycle-svg';
import { createDraft, draftOrFail, draftsOf, drawableDefinition, replaceDraft } from '../lifecycles/lifecycle-draft.repository';
import { publishDraft } from '../lifecycles/lifecycle-publishing.service';
import { LIFECYCLE_JSON_SCHEMA } from '../lifecycles/lifecycle-schema';

import { DiagramQuery, KeyParams } from './lifecycle.params';
import { route } from './route';

const DraftParams = KeyParams.extend({ draftId: z.coerce.number().int().positive() });
const NewDraftQuery = z.object({ basedOn: z.coerce.number().int().positive().optional() });
/** A draft's body is the definition as written: any JSON object, checked by the verifier rather than refused. */
const DraftBody = z.record(z.string(), z.unknown());
const Finding = z.object({ rule: z.string(), path: z.string(), message: z.string() });
const Draft = z.object({
  id: z.number(),
  key: z.string(),
  basedOn: z.number().nullable(),
  definition: z.unknown(),
  findings: z.array(Finding),
  drawable: z.boolean(),
  updatedAt: z.string(),
});

// A draft belongs to the lifecycle of its path: a definition naming another key would publish elsewhere.
function ownDefinition(key: string, body: Record<string, unknown>): Record<string, unknown> {
  if (body['key'] !== key) throw new ValidationError({ key: `the definition's key must be "${key}", the lifecycle of this path` });
  return body;
}

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
      response: Draft,
      status: 201,
      handle: async ({ user, params, query, body }) => {
        return createDraft(params.key, ownDefinition(params.key, body), user.id, query.basedOn);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/drafts',
      summary: 'The drafts of a lifecycle, newest first (process owners)',
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: KeyParams,
      response: z.object({ items: z.array(Draft) }),
      handle: async ({ params }) => {
        return { items: await draftsOf(params.key) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/lifecycles/:key/drafts/:draftId',
      summary: 'One draft with its verification findings (process owners)',
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: DraftParams,
      response: Draft,
      handle: async ({ params }) => {
        return draftOrFail(params.key, params.draftId);
      },
    }),
    route({
      method: 'patch',
      path: '/api/v1/lifecycles/:key/drafts/:draftId',
      summary: "Replace a draft's definition (process owners); its findings are those of the new definition",
      tag: 'Lifecycles',
      allow: 'processOwners',
      params: DraftParams,
      body: DraftBody,
      response: Draft,
      handle: async ({ params, body }) => {
        return replaceDraft(params.key, params.draftId, ownDefinition(params.key, body));
      },
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
      handle: async ({ params, query }) => {
        const draft = await draftOrFail(params.key, params.draftId);
        const drawable = drawableDefinition(draft.definition);
        if (!drawable) {
          throw new DomainError('lifecycle_invalid', 'The draft cannot be drawn until its shape is right: fix the schema findings first', {
            findings: draft.findings,
          });
        }
        return lifecycleSvg(drawable, query.lang);
      },
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
      handle: async ({ params }) => {
        return publishDraft(params.key, params.draftId);
      },
    }),
  ];
}
