import { CategoryRow, EntityRow, SupportGroupRow } from '../organisation/organisation.models';
import { UserProfileRow, UserRow } from '../users/user.models';
import type { Profile } from '../users/profiles';

/** The entity named `name` under `parentId`, if there is one. */
export async function entityNamed(parentId: number, name: string): Promise<number | undefined> {
  const row = await EntityRow.findOne({ where: { parent_id: parentId, name }, attributes: ['id'], order: [['id', 'ASC']] });
  return row?.id;
}

export async function createEntity(parentId: number, name: string): Promise<number> {
  return (await EntityRow.create({ parent_id: parentId, name, priority_matrix: null })).id;
}

/** The category named `name` (in French, as the old desk named it) under `parentId`, if there is one. */
export async function categoryNamed(parentId: number | null, name: string): Promise<number | undefined> {
  const row = await CategoryRow.findOne({ where: { parent_id: parentId, name_fr: name }, attributes: ['id'] });
  return row?.id;
}

export async function createCategory(parentId: number | null, name: string, entityId: number): Promise<number> {
  return (await CategoryRow.create({ parent_id: parentId, name_fr: name, name_en: name, entity_id: entityId })).id;
}

export async function groupNamed(entityId: number, name: string): Promise<number | undefined> {
  return (await SupportGroupRow.findOne({ where: { entity_id: entityId, name }, attributes: ['id'] }))?.id;
}

/** A support group brought over: level 1, as GLPI has no levels. */
export async function createGroup(entityId: number, name: string): Promise<number> {
  return (await SupportGroupRow.create({ entity_id: entityId, name, level: 1 })).id;
}

/** A user brought over with the profiles they held: a local account with no password yet (an administrator sets one, or the directory takes over). */
export async function createUserWithGrants(
  user: { login: string; name: string; email: string | null; disabled: boolean },
  grants: readonly { profile: Profile; entityId: number; recursive: boolean }[],
): Promise<number> {
  return UserRow.sequelize!.transaction(async (transaction) => {
    const [main] = grants;
    const row = await UserRow.create(
      {
        login: user.login,
        name: user.name,
        email: user.email,
        profile: main!.profile,
        entity_id: main!.entityId,
        password_hash: '!',
        auth_source: 'local',
        disabled: user.disabled,
      },
      { transaction },
    );
    await UserProfileRow.bulkCreate(
      grants.map((grant) => ({ user_id: row.id, entity_id: grant.entityId, profile: grant.profile, recursive: grant.recursive })),
      { transaction },
    );
    return row.id;
  });
}
