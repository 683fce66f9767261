import { z } from 'zod';

const id = z.number().int().positive();
const name = z.string().trim().min(1).max(255);
const level = z.number().int().min(1).max(9);

export const SupportGroupView = z.object({
  id: z.number(),
  name: z.string(),
  /** The support level it serves: 1, 2… */
  level: z.number(),
  /** The entity it belongs to: seen there and in the entities below. */
  entity: z.number(),
  /** Who validates requests for the group, if anyone. */
  manager: z.number().nullable(),
});
export type SupportGroupView = z.infer<typeof SupportGroupView>;

export const SupportGroupList = z.object({ items: z.array(SupportGroupView) });

export const GroupMember = z.object({ id: z.number(), login: z.string(), name: z.string() });

/** A group with its members. */
export const SupportGroupDetail = SupportGroupView.extend({ members: z.array(GroupMember) });
export type SupportGroupDetail = z.infer<typeof SupportGroupDetail>;

export const CreateGroupBody = z.strictObject({
  name,
  level: level.default(1),
  /** The entity it belongs to; the root when left out. */
  entity: id.default(1),
  manager: id.nullable().default(null),
});
export type CreateGroupBody = z.infer<typeof CreateGroupBody>;

/** What a change names; the rest stays as it is. */
export const EditGroupBody = z
  .strictObject({ name, level, manager: id.nullable() })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, 'give name, level or manager');
export type EditGroupBody = z.infer<typeof EditGroupBody>;

/** The whole membership: these people are in the group, and no one else. */
export const GroupMembersBody = z.strictObject({ members: z.array(id).max(500) });
export type GroupMembersBody = z.infer<typeof GroupMembersBody>;
