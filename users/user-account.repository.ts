import { Op, type Sequelize, type WhereOptions } from 'sequelize';
import { recordAudit } from '../audit/audit-log.repository';
import { ConflictError, NotFoundError } from '../core/errors';
import { EntityRow, UserProfileRow, UserRow } from '../db/models';
import { administeredOrFail, entitiesWith, primaryProfileOf, scopesOf } from './access';
import { grantsOf } from './current-user.repository';
import { RIGHTS } from './profiles';
import type { ListUsersQuery, SetProfilesBody, UserAccountView } from './user-account.schemas';
import { toUserView, type CurrentUser } from './user';

async function accountViewOf(row: UserRow): Promise<UserAccountView> {
  return {
    ...toUserView(row),
    authSource: row.auth_source as UserAccountView['authSource'],
    disabled: row.disabled,
    profiles: await grantsOf(row),
  };
}

// The desk sees the people of the entities it works in; anyone sees themselves.
const visibleUsers = (caller: CurrentUser): WhereOptions<UserRow> => ({
  [Op.or]: [{ id: caller.id }, { entity_id: entitiesWith(caller.scopes, RIGHTS.desk) }],
});

/** A page of the users the caller may see, by id, keyset-paged. */
export async function listUsers(
  caller: CurrentUser,
  query: ListUsersQuery,
): Promise<{ items: UserAccountView[]; nextCursor: string | null }> {
  const conditions: WhereOptions<UserRow>[] = [visibleUsers(caller)];
  if (query.entity) conditions.push({ entity_id: query.entity });
  if (query.cursor) conditions.push({ id: { [Op.gt]: Number(query.cursor) } });
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    conditions.push({ [Op.or]: [{ login: { [Op.like]: like } }, { name: { [Op.like]: like } }] });
  }
  const rows = await UserRow.findAll({ where: { [Op.and]: conditions }, order: [['id', 'ASC']], limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: await Promise.all(page.map(accountViewOf)),
    nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null,
  };
}

async function visibleUserOrFail(caller: CurrentUser, id: number): Promise<UserRow> {
  const row = await UserRow.findOne({ where: { [Op.and]: [visibleUsers(caller), { id }] } });
  if (!row) throw new NotFoundError(`User ${id}`);
  return row;
}

export const userAccountOrFail = async (caller: CurrentUser, id: number): Promise<UserAccountView> =>
  accountViewOf(await visibleUserOrFail(caller, id));

/**
 * Replaces the profiles a user holds, each within the entities the administrator administers;
 * takes effect at the user's next request and is audited with the profiles before and after.
 */
export async function setProfiles(sequelize: Sequelize, admin: CurrentUser, id: number, body: SetProfilesBody): Promise<UserAccountView> {
  const row = await visibleUserOrFail(admin, id);
  if (row.auth_source !== 'local') {
    const owner =
      row.auth_source === 'ldap'
        ? "the directory's groups (GUICHET_LDAP_GROUP_PROFILES)"
        : 'its API token, fixed when the token was created';
    throw new ConflictError('profiles_managed_elsewhere', `This account's profiles come from ${owner}`);
  }
  body.profiles.forEach((grant, index) => administeredOrFail(admin, grant.entity, `profiles.${index}.entity`));
  const before = await grantsOf(row);
  const primary = primaryProfileOf(scopesOf(body.profiles, await EntityRow.findAll({ attributes: ['id', 'parent_id'] })))!;
  await sequelize.transaction(async (transaction) => {
    await UserProfileRow.destroy({ where: { user_id: row.id }, transaction });
    await UserProfileRow.bulkCreate(
      body.profiles.map((grant) => ({ user_id: row.id, entity_id: grant.entity, profile: grant.profile, recursive: grant.recursive })),
      { transaction },
    );
    await row.update({ profile: primary }, { transaction });
  });
  await recordAudit({ kind: 'rights_changed', actorId: admin.id, subject: `user:${row.id}`, details: { before, after: body.profiles } });
  return accountViewOf(row);
}
