import { ancestry, descendantIds, type TreeNode } from '../core/tree';
import { ValidationError } from '../core/errors';
import { PROFILE_RANK, RIGHTS, type Profile, type Rights } from './profiles';

/** A profile held in an entity, and in every entity below it when recursive. */
export interface ProfileGrant {
  profile: Profile;
  entity: number;
  recursive: boolean;
}

/** A grant with the entities it covers, worked out once per request. */
export interface ProfileScope {
  profile: Profile;
  entities: number[];
}

/** The entities each grant covers, over the entity tree. */
export function scopesOf(grants: readonly ProfileGrant[], entities: readonly TreeNode[]): ProfileScope[] {
  return grants.map((grant) => ({
    profile: grant.profile,
    entities: grant.recursive ? descendantIds(entities, grant.entity) : [grant.entity],
  }));
}

/** The user's strongest profile over all their entities (what their navigation and endpoint rights follow). */
export const primaryProfileOf = (scopes: readonly ProfileScope[]): Profile | undefined =>
  PROFILE_RANK.find((profile) => scopes.some((scope) => scope.profile === profile));

/** The profile the user holds in `entity`, the strongest when several; undefined outside their entities. */
export const profileIn = (scopes: readonly ProfileScope[], entity: number): Profile | undefined =>
  PROFILE_RANK.find((profile) => scopes.some((scope) => scope.profile === profile && scope.entities.includes(entity)));

/** Every entity where the user holds one of `profiles`. */
export function entitiesWith(scopes: readonly ProfileScope[], profiles: readonly Profile[]): number[] {
  const found = new Set<number>();
  for (const scope of scopes) if (profiles.includes(scope.profile)) for (const entity of scope.entities) found.add(entity);
  return [...found];
}

/** True when the user holds one of `profiles` somewhere. */
export const holdsAnyOf = (scopes: readonly ProfileScope[], profiles: readonly Profile[]): boolean =>
  scopes.some((scope) => profiles.includes(scope.profile));

/**
 * The entities whose shared objects (categories, SLAs, calendars) the user may see: their own
 * entities and those above them, since what an entity defines applies down its tree.
 */
export function entitiesAbove(scopes: readonly ProfileScope[], entities: readonly TreeNode[]): number[] {
  const found = new Set<number>();
  for (const scope of scopes) for (const entity of scope.entities) for (const node of ancestry(entities, entity)) found.add(node.id);
  return [...found];
}

/** Whoever's grants are read: a signed-in user, or an API token's account. */
export interface Grantee {
  scopes: readonly ProfileScope[];
}

/** Every entity where the user holds a profile that `right` covers. */
export const entitiesWhere = (user: Grantee, right: Rights): number[] => entitiesWith(user.scopes, RIGHTS[right]);

/**
 * True when the user holds, in `entity`, a profile that `right` covers.
 * @example can(user, 'desk', ticket.entity_id) // works tickets there
 */
export const can = (user: Grantee, right: Rights, entity: number): boolean => entitiesWhere(user, right).includes(entity);

/** True when the user administers `entity` (holds the admin profile there). */
export const administers = (user: Grantee, entity: number): boolean => can(user, 'admins', entity);

/** Throws a ValidationError naming `field` unless the user administers `entity`. */
export function administeredOrFail(user: Grantee, entity: number, field: string): void {
  if (!administers(user, entity)) throw new ValidationError({ [field]: `entity ${entity} is not one you administer` });
}
