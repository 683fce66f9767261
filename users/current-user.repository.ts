import { UserProfileRow, type UserRow } from './user.models';
import { entityTree } from '../organisation/entity.repository';
import { primaryProfileOf, scopesOf, type ProfileGrant } from './access';
import { toUserView, type CurrentUser } from './user';
import { type Profile } from './profiles';

/** The profiles a user holds; with none recorded, their `profile` in their own entity and below. */
export async function grantsOf(row: UserRow): Promise<ProfileGrant[]> {
  const rows = await UserProfileRow.findAll({ where: { user_id: row.id }, order: [['id', 'ASC']] });
  if (rows.length === 0) return [{ profile: row.profile as Profile, entity: row.entity_id, recursive: true }];
  return rows.map((grant) => ({ profile: grant.profile as Profile, entity: grant.entity_id, recursive: grant.recursive }));
}

/** The caller as services see them, with the entities each of their profiles covers. */
export async function currentUserOf(row: UserRow, tokenId: number | null = null): Promise<CurrentUser> {
  const [grants, entities] = await Promise.all([grantsOf(row), entityTree()]);
  const scopes = scopesOf(grants, entities);
  return { ...toUserView(row), profile: primaryProfileOf(scopes) ?? (row.profile as Profile), scopes, tokenId };
}
