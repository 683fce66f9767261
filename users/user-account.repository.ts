import { Op, type Transaction, type WhereOptions } from 'sequelize';
import { NotFoundError } from '../core/errors';
import { UserProfileRow, UserRow } from './user.models';
import { entitiesWhere, type ProfileGrant } from './access';
import { grantsOf } from './current-user.repository';
import type { Profile } from './profiles';
import type { ListUsersQuery, UserAccountView } from './user-account.schemas';
import { toUserView, type CurrentUser } from './user';

/** The account with its grants, as answered. */
export async function accountViewOf(row: UserRow): Promise<UserAccountView> {
  return {
    ...toUserView(row),
    authSource: row.auth_source as UserAccountView['authSource'],
    disabled: row.disabled,
    profiles: await grantsOf(row),
  };
}

// The desk sees the people of the entities it works in; anyone sees themselves.
const visibleUsers = (caller: CurrentUser): WhereOptions<UserRow> => ({
  [Op.or]: [{ id: caller.id }, { entity_id: entitiesWhere(caller, 'desk') }],
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

/** A user the caller may see (the desk sees its entities' people; anyone sees themselves), else 404. */
export async function visibleUserOrFail(caller: CurrentUser, id: number): Promise<UserRow> {
  const row = await UserRow.findOne({ where: { [Op.and]: [visibleUsers(caller), { id }] } });
  if (!row) throw new NotFoundError(`User ${id}`);
  return row;
}

export const userAccountOrFail = async (caller: CurrentUser, id: number): Promise<UserAccountView> =>
  accountViewOf(await visibleUserOrFail(caller, id));

/** Replaces every grant of the user with `grants`, and their main profile with `primary`. */
export async function replaceProfiles(row: UserRow, grants: ProfileGrant[], primary: Profile, transaction: Transaction): Promise<void> {
  await UserProfileRow.destroy({ where: { user_id: row.id }, transaction });
  await UserProfileRow.bulkCreate(
    grants.map((grant) => ({ user_id: row.id, entity_id: grant.entity, profile: grant.profile, recursive: grant.recursive })),
    { transaction },
  );
  await row.update({ profile: primary }, { transaction });
}
