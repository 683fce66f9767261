import type { Sequelize } from 'sequelize';
import { NotFoundError } from '../core/errors';
import { administeredOrFail } from '../users/access';
import { RIGHTS } from '../users/profiles';
import type { CurrentUser } from '../users/user';
import { changeableOrFail, entitiesSeenBy } from './entity-scope';
import {
  accountsOrFail,
  createGroup,
  groupDetailOf,
  groupOrFail,
  listGroups,
  setGroupMembers,
  updateGroup,
} from './support-group.repository';
import type { CreateGroupBody, EditGroupBody, SupportGroupDetail, SupportGroupView } from './support-group.schemas';

/**
 * Support groups: seen in their entity and below, created and changed only by the administrators
 * of their entity. Members are people of the desk, each in one group; a manager may be anyone
 * with an account (they validate the group's requests).
 */
export function createSupportGroupService(sequelize: Sequelize) {
  async function visibleGroupOrFail(user: CurrentUser, id: number) {
    const row = await groupOrFail(id);
    if (!(await entitiesSeenBy(user)).includes(row.entity_id)) throw new NotFoundError(`support group ${id}`);
    return row;
  }

  async function changeableGroupOrFail(user: CurrentUser, id: number) {
    const row = await groupOrFail(id);
    await changeableOrFail(user, row.entity_id, `Support group ${id}`);
    return row;
  }

  const managerOrFail = async (manager: number | null | undefined) => {
    if (manager !== null && manager !== undefined) await accountsOrFail([manager], RIGHTS.everyone, 'manager');
  };

  return {
    list: async (user: CurrentUser): Promise<SupportGroupView[]> => listGroups(await entitiesSeenBy(user)),

    get: async (user: CurrentUser, id: number): Promise<SupportGroupDetail> => groupDetailOf(await visibleGroupOrFail(user, id)),

    async create(user: CurrentUser, body: CreateGroupBody): Promise<SupportGroupDetail> {
      administeredOrFail(user, body.entity, 'entity');
      await managerOrFail(body.manager);
      return groupDetailOf(await createGroup(body));
    },

    async edit(user: CurrentUser, id: number, edit: EditGroupBody): Promise<SupportGroupDetail> {
      const row = await changeableGroupOrFail(user, id);
      await managerOrFail(edit.manager);
      return groupDetailOf(await updateGroup(row, edit));
    },

    /** Makes exactly `members` the group's members; each leaves the group they were in. */
    async setMembers(user: CurrentUser, id: number, members: number[]): Promise<SupportGroupDetail> {
      const row = await changeableGroupOrFail(user, id);
      await accountsOrFail(members, RIGHTS.desk, 'members');
      await setGroupMembers(sequelize, row, members);
      return groupDetailOf(row);
    },
  };
}

export type SupportGroupService = ReturnType<typeof createSupportGroupService>;
