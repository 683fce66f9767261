import { z } from 'zod';
import { UserView } from './user';
import { PROFILES } from './profiles';

export const UserParams = z.object({ id: z.coerce.number().int().positive() });

export const ListUsersQuery = z.strictObject({
  /** Words of the login or name. */
  q: z.string().trim().min(1).max(100).optional(),
  entity: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(/^\d+$/, 'a cursor from the previous page').optional(),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

export const ProfileGrantBody = z.strictObject({
  profile: z.enum(PROFILES),
  entity: z.number().int().positive(),
  recursive: z.boolean().default(true),
});

export const SetProfilesBody = z.strictObject({
  profiles: z
    .array(ProfileGrantBody)
    .min(1)
    .max(50)
    .refine(
      (grants) => new Set(grants.map((grant) => `${grant.profile}@${grant.entity}`)).size === grants.length,
      'name each profile once per entity',
    ),
});
export type SetProfilesBody = z.infer<typeof SetProfilesBody>;

/** A user as the desk sees them, with the profiles they hold and where. */
export const UserAccountView = UserView.extend({
  authSource: z.enum(['local', 'ldap', 'token', 'email']),
  disabled: z.boolean(),
  profiles: z.array(ProfileGrantBody.required()),
});
export type UserAccountView = z.infer<typeof UserAccountView>;
export const UserPage = z.object({ items: z.array(UserAccountView), nextCursor: z.string().nullable() });
