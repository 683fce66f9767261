import { ValidationError } from '../core/errors';
import { administeredOrFail } from '../users/access';
import type { CurrentUser } from '../users/user';
import { categoryOrFail, createCategory, listCategories, updateCategory } from './category.repository';
import type { CategoryView, CreateCategoryBody, EditCategoryBody } from './category.schemas';
import { changeableOrFail, entitiesSeenBy } from './entity-scope';
import { createEntity, listEntities, updateEntity } from './entity.repository';
import type { CreateEntityBody, EditEntityBody, EntityView } from './entity.schemas';

/** The entity tree and the category tree: seen in one's entities and above, grown by their administrators. */
export const organisationService = {
  listCategories: async (user: CurrentUser): Promise<CategoryView[]> => listCategories(await entitiesSeenBy(user)),

  async createCategory(user: CurrentUser, body: CreateCategoryBody): Promise<CategoryView> {
    administeredOrFail(user, body.entity, 'entity');
    return createCategory(body);
  },

  /** Renames a category or moves it in the tree: its entity's administrators; another parent must be one they see. */
  async editCategory(user: CurrentUser, id: number, edit: EditCategoryBody): Promise<CategoryView> {
    const row = await categoryOrFail(id);
    await changeableOrFail(user, row.entity_id, `Category ${id}`);
    if (edit.parent !== undefined && edit.parent !== null) {
      const parent = await categoryOrFail(edit.parent).catch(() => null);
      if (!parent || !(await entitiesSeenBy(user)).includes(parent.entity_id))
        throw new ValidationError({ parent: `category ${edit.parent} does not exist` });
    }
    return updateCategory(row, edit);
  },

  listEntities: async (user: CurrentUser): Promise<EntityView[]> => listEntities(await entitiesSeenBy(user)),

  /** Renames an entity or sets its priority matrix: its administrators. */
  async editEntity(user: CurrentUser, id: number, edit: EditEntityBody): Promise<EntityView> {
    await changeableOrFail(user, id, `Entity ${id}`);
    // Its licences that follow its thresholds take new ones at the clocks' next reconciliation.
    return updateEntity(id, edit);
  },

  async createEntity(user: CurrentUser, body: CreateEntityBody): Promise<EntityView> {
    administeredOrFail(user, body.parent, 'parent');
    return createEntity(body);
  },
};
