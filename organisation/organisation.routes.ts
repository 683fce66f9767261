import { CategoryList, CategoryView, CreateCategoryBody } from './category.schemas';
import { CreateEntityBody, EntityList, EntityView } from './entity.schemas';
import { organisationService } from './organisation.service';
import { route } from '../api/route';

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
  ];
}
