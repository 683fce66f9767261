import { z } from 'zod';
import type { UserRow } from './user.models';
import type { Actor } from '../lifecycles/ticket-context';
import { profileIn, type ProfileScope } from './access';
import { grants, PROFILES, type Profile } from './profiles';

export const UserView = z.object({
  id: z.number(),
  login: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  profile: z.enum(PROFILES),
  entity: z.number(),
});
export type UserView = z.infer<typeof UserView>;

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    email: row.email,
    profile: row.profile as Profile,
    entity: row.entity_id,
  };
}

/** The authenticated caller, as services see it: who they are, the entities each of their profiles covers, and the API token they came with. */
export type CurrentUser = UserView & { scopes: ProfileScope[]; tokenId: number | null };

/** The user as they act in `entity`: with the profile they hold there, or undefined when they hold none. */
export function userIn(user: CurrentUser, entity: number): CurrentUser | undefined {
  const profile = profileIn(user.scopes, entity);
  return profile && { ...user, profile };
}

export const actorOf = (user: CurrentUser): Actor => ({
  id: user.id,
  profile: user.profile,
  ...(user.tokenId !== null && { tokenId: user.tokenId }),
});

/** True when the user, with the profile they act with, is of the desk (works tickets, files on behalf of others). */
export const isAgent = (user: CurrentUser): boolean => grants('desk', user.profile);
