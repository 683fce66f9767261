import { UserProfileRow, type UserRow } from './user.models';
import { accessVersion, entityTreeAt, grantsAt } from './access-cache';
import { primaryProfileOf, scopesOf, type ProfileGrant } from './access';
import { toUserView, type CurrentUser } from './user';
import { type Profile } from './profiles';

/** The profiles a user holds; with none recorded, their `profile` in their own entity and below. */
export async function grantsOf(row: UserRow): Promise<ProfileGrant[]> {
  const rows = await UserProfileRow.findAll({ where: { user_id: row.id }, order: [['id', 'ASC']] });
  if (rows.length === 0) return [{ profile: row.profile as Profile, entity: row.entity_id, recursive: true }];
  return rows.map((grant) => ({ profile: grant.profile as Profile, entity: grant.entity_id, recursive: grant.recursive }));
}

/**
 * The caller as services see them, with the entities each of their profiles covers, as of the
 * access version `version` (read with the user's row, or now): their grants and the entity tree are
 * read again only once either has changed.
 */
export async function currentUserOf(row: UserRow, tokenId: number | null = null, version?: number): Promise<CurrentUser> {
  const at = version ?? (await accessVersion());
  const [grants, entities] = await Promise.all([
    grantsAt(`${row.id}:${row.profile}:${row.entity_id}`, at, () => grantsOf(row)),
    entityTreeAt(at),
  ]);
  const scopes = scopesOf(grants, entities);
  return { ...toUserView(row), profile: primaryProfileOf(scopes) ?? (row.profile as Profile), scopes, tokenId };
}
