import { z } from 'zod';
import { ForbiddenError } from '../core/errors';
import type { UserRow } from '../db/models';
import type { Actor } from '../lifecycles/ticket-context';

export const PROFILES = ['admin', 'technician', 'supervisor', 'requester', 'manager', 'owner'] as const;
export type Profile = (typeof PROFILES)[number];

export const UserView = z.object({
  id: z.number(),
  login: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  profile: z.enum(PROFILES),
  group: z.number().nullable(),
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
    group: row.group_id,
    entity: row.entity_id,
  };
}

/** The authenticated caller, as services see it. */
export type CurrentUser = UserView;

export const actorOf = (user: CurrentUser): Actor => ({ id: user.id, profile: user.profile });

/** Profiles that work tickets (see every ticket of the desk and file on behalf of others). */
export const isAgent = (user: CurrentUser): boolean => ['admin', 'technician', 'supervisor'].includes(user.profile);

/** Only administrators shape the organisation (entities, categories). */
export function adminOrFail(user: CurrentUser, what: string): void {
  if (user.profile !== 'admin') throw new ForbiddenError(`Only an administrator may ${what}`);
}

/** Process owners (and administrators) design, publish and migrate lifecycles. */
export function processOwnerOrFail(user: CurrentUser, what: string): void {
  if (user.profile !== 'owner' && user.profile !== 'admin') throw new ForbiddenError(`Only a process owner may ${what}`);
}
