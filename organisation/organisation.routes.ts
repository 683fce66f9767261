import { z } from 'zod';
import { CategoryList, CategoryView, CreateCategoryBody, EditCategoryBody } from './category.schemas';
import { CreateEntityBody, EditEntityBody, EntityList, EntityView } from './entity.schemas';
import { organisationService } from './organisation.service';
import { route } from '../api/route';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

export function organisationRoutes() {
  return [
    route({
      method: 'get',
      path: '/api/v1/categories',
      summary: 'The category tree, each category with its full path in French and English',
      tag: 'Organisation',
      allow: 'everyone',
      response: CategoryList,
      handle: async ({ user }) => ({ items: await organisationService.listCategories(user) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/categories',
      summary: 'Add a category under a parent, or at the top of the tree (administrators)',
      tag: 'Organisation',
      allow: 'admins',
      body: CreateCategoryBody,
      response: CategoryView,
      status: 201,
      handle: ({ user, body }) => organisationService.createCategory(user, body),
    }),
    route({
      method: 'patch',
      path: '/api/v1/categories/:id',
      summary:
        'Rename a category (French and English) or move it, with what is below it, under another parent (its entity’s administrators)',
      tag: 'Organisation',
      allow: 'admins',
      params: IdParams,
      body: EditCategoryBody,
      response: CategoryView,
      handle: ({ user, params, body }) => organisationService.editCategory(user, params.id, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/entities',
      summary: 'The entities (organisational units), each with the priority matrix its tickets use',
      tag: 'Organisation',
      allow: 'everyone',
      response: EntityList,
      handle: async ({ user }) => ({ items: await organisationService.listEntities(user) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/entities',
      summary: 'Add an entity under a parent, optionally with its own priority matrix (administrators)',
      tag: 'Organisation',
      allow: 'admins',
      body: CreateEntityBody,
      response: EntityView,
      status: 201,
      handle: ({ user, body }) => organisationService.createEntity(user, body),
    }),
    route({
      method: 'patch',
      path: '/api/v1/entities/:id',
      summary: "Rename an entity or set its priority matrix (null: its parent's again); tickets already filed keep their priority",
      tag: 'Organisation',
      allow: 'admins',
      params: IdParams,
      body: EditEntityBody,
      response: EntityView,
      handle: ({ user, params, body }) => organisationService.editEntity(user, params.id, body),
    }),
  ];
}
