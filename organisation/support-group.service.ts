import type { Sequelize } from 'sequelize';
import { NotFoundError } from '../core/errors';
import { administeredOrFail } from '../users/access';
import { RIGHTS } from '../users/profiles';
import type { CurrentUser } from '../users/user';
import { changeableOrFail, entitiesSeenBy } from './entity-scope';
import { accountsOrFail, createGroup, groupDetailOf, groupOrFail, listGroups, updateGroup } from './support-group.repository';
import type { CreateGroupBody, EditGroupBody, SupportGroupDetail, SupportGroupView } from './support-group.schemas';

/**
 * Support groups: seen in their entity and below, created and changed only by the administrators
 * of their entity. Members are people of the desk, each in as many groups as they work for;
 * managers may be anyone with an account (they validate the group's requests).
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

  async function peopleOrFail({ members, managers }: { members?: number[] | undefined; managers?: number[] | undefined }) {
    if (members) await accountsOrFail(members, RIGHTS.desk, 'members', 'of the desk');
    if (managers) await accountsOrFail(managers, RIGHTS.everyone, 'managers', '');
  }

  return {
    list: async (user: CurrentUser): Promise<SupportGroupView[]> => listGroups(await entitiesSeenBy(user)),

    get: async (user: CurrentUser, id: number): Promise<SupportGroupDetail> => groupDetailOf(await visibleGroupOrFail(user, id)),

    async create(user: CurrentUser, body: CreateGroupBody): Promise<SupportGroupDetail> {
      administeredOrFail(user, body.entity, 'entity');
      await peopleOrFail(body);
      return groupDetailOf(await createGroup(sequelize, body));
    },

    async edit(user: CurrentUser, id: number, edit: EditGroupBody): Promise<SupportGroupDetail> {
      const row = await changeableGroupOrFail(user, id);
      await peopleOrFail(edit);
      return groupDetailOf(await updateGroup(sequelize, row, edit));
    },
  };
}

export type SupportGroupService = ReturnType<typeof createSupportGroupService>;
