import type { Sequelize } from 'sequelize';
import { NotFoundError } from '../core/errors';
import { entitiesWhere } from '../users/access';
import type { CurrentUser } from '../users/user';
import { computerViewOf, listComputers } from './computer-view.repository';
import type { ComputerQuery, ComputerView, EditComputerBody } from './computer.schemas';
import { recordAssetChanges, updateEditedComputer } from './computer.repository';

/** The computers of the inventory, as the desk and those who read its figures see them: their entities' only. */
export function createComputerService(sequelize: Sequelize) {
  return {
    list: (user: CurrentUser, query: ComputerQuery) => listComputers(sequelize, entitiesWhere(user, 'readers'), query),

    async getOrFail(user: CurrentUser, id: number): Promise<ComputerView> {
      const view = await computerViewOf(sequelize, id, entitiesWhere(user, 'readers'));
      if (!view) throw new NotFoundError(`Asset ${id}`);
      return view;
    },

    /** Changes what a person keeps of a computer of an entity where they work tickets, with each change in its history. */
    async edit(user: CurrentUser, id: number, body: EditComputerBody): Promise<ComputerView> {
      const before = await computerViewOf(sequelize, id, entitiesWhere(user, 'desk'));
      if (!before) throw new NotFoundError(`Asset ${id}`);
      const changes = (Object.keys(body) as (keyof EditComputerBody)[])
        .filter((field) => body[field] !== undefined && body[field] !== before[field])
        .map((field) => ({ field, before: before[field], after: body[field] ?? null }));
      await sequelize.transaction(async (transaction) => {
        await updateEditedComputer(sequelize, id, body, transaction);
        await recordAssetChanges(sequelize, { type: 'computer', id }, changes, { source: 'person', userId: user.id }, transaction);
      });
      return this.getOrFail(user, id);
    },
  };
}

export type ComputerService = ReturnType<typeof createComputerService>;
