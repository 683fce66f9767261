import { z } from 'zod';
import { route } from '../api/route';
import type { ResponseTemplateService } from './response-template.service';
import {
  CreateTemplateBody,
  EditTemplateBody,
  ListTemplatesQuery,
  ResponseTemplateList,
  ResponseTemplateView,
} from './response-template.schemas';

const TemplateParams = z.object({ id: z.coerce.number().int().positive() });

export function responseTemplateRoutes(templates: ResponseTemplateService) {
  return [
    route({
      method: 'get',
      path: '/api/v1/response-templates',
      summary: 'The followup, task and solution templates of the entities you see, by kind then name',
      tag: 'Templates',
      allow: 'desk',
      query: ListTemplatesQuery,
      response: ResponseTemplateList,
      handle: async ({ user, query }) => ({ items: await templates.list(user, query.kind) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/response-templates',
      summary: 'Add a template to an entity you administer; its placeholders (`{{requester.name}}`…) are checked',
      tag: 'Templates',
      allow: 'admins',
      body: CreateTemplateBody,
      response: ResponseTemplateView,
      status: 201,
      handle: ({ user, body }) => templates.create(user, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/response-templates/:id',
      summary: 'A template',
      tag: 'Templates',
      allow: 'desk',
      params: TemplateParams,
      response: ResponseTemplateView,
      handle: ({ user, params }) => templates.get(user, params.id),
    }),
    route({
      method: 'patch',
      path: '/api/v1/response-templates/:id',
      summary: "Rename a template or change its text (its entity's administrators)",
      tag: 'Templates',
      allow: 'admins',
      params: TemplateParams,
      body: EditTemplateBody,
      response: ResponseTemplateView,
      handle: ({ user, params, body }) => templates.edit(user, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/v1/response-templates/:id',
      summary: 'Remove a template; what was written with it stays',
      tag: 'Templates',
      allow: 'admins',
      params: TemplateParams,
      response: ResponseTemplateView,
      handle: ({ user, params }) => templates.remove(user, params.id),
    }),
  ];
}
