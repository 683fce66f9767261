import { NotFoundError } from '../core/errors';
import { changeableOrFail, entitiesSeenBy } from '../organisation/entity-scope';
import { administeredOrFail } from '../users/access';
import type { CurrentUser } from '../users/user';
import {
  createTemplate,
  deleteTemplate,
  listTemplates,
  templateOrFail,
  toTemplateView,
  updateTemplate,
} from './response-template.repository';
import type { CreateTemplateBody, EditTemplateBody, ResponseTemplateView } from './response-template.schemas';

/**
 * Followup, task and solution templates: offered to the desk in their entity and below, written
 * and changed only by the administrators of their entity.
 */
export function createResponseTemplateService() {
  async function changeableTemplateOrFail(user: CurrentUser, id: number) {
    const row = await templateOrFail(id);
    await changeableOrFail(user, row.entity_id, `Template ${id}`);
    return row;
  }

  return {
    list: async (user: CurrentUser, kind?: ResponseTemplateView['kind']): Promise<ResponseTemplateView[]> =>
      listTemplates(await entitiesSeenBy(user), kind),

    async get(user: CurrentUser, id: number): Promise<ResponseTemplateView> {
      const row = await templateOrFail(id);
      if (!(await entitiesSeenBy(user)).includes(row.entity_id)) throw new NotFoundError(`template ${id}`);
      return toTemplateView(row);
    },

    async create(user: CurrentUser, body: CreateTemplateBody): Promise<ResponseTemplateView> {
      administeredOrFail(user, body.entity, 'entity');
      return createTemplate(body);
    },

    edit: async (user: CurrentUser, id: number, edit: EditTemplateBody): Promise<ResponseTemplateView> =>
      updateTemplate(await changeableTemplateOrFail(user, id), edit),

    remove: async (user: CurrentUser, id: number): Promise<ResponseTemplateView> =>
      deleteTemplate(await changeableTemplateOrFail(user, id)),
  };
}

export type ResponseTemplateService = ReturnType<typeof createResponseTemplateService>;
