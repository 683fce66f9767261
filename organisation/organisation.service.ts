import { administeredOrFail } from '../users/access';
import type { CurrentUser } from '../users/user';
import { createCategory, listCategories } from './category.repository';
import type { CategoryView, CreateCategoryBody } from './category.schemas';
import { entitiesSeenBy } from './entity-scope';
import { createEntity, listEntities } from './entity.repository';
import type { CreateEntityBody, EntityView } from './entity.schemas';

/** The entity tree and the category tree: seen in one's entities and above, grown by their administrators. */
export const organisationService = {
  listCategories: async (user: CurrentUser): Promise<CategoryView[]> => listCategories(await entitiesSeenBy(user)),

  async createCategory(user: CurrentUser, body: CreateCategoryBody): Promise<CategoryView> {
    administeredOrFail(user, body.entity, 'entity');
    return createCategory(body);
  },

  listEntities: async (user: CurrentUser): Promise<EntityView[]> => listEntities(await entitiesSeenBy(user)),

  async createEntity(user: CurrentUser, body: CreateEntityBody): Promise<EntityView> {
    administeredOrFail(user, body.parent, 'parent');
    return createEntity(body);
  },
};
