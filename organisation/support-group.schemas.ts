import { z } from 'zod';

const id = z.number().int().positive();
const name = z.string().trim().min(1).max(255);
const level = z.number().int().min(1).max(9);

const people = z.array(id).max(500);

export const SupportGroupView = z.object({
  id: z.number(),
  name: z.string(),
  /** The support level it serves: 1, 2… */
  level: z.number(),
  /** The entity it belongs to: seen there and in the entities below. */
  entity: z.number(),
  /** Who validates requests for the group. */
  managers: z.array(z.number()),
});
export type SupportGroupView = z.infer<typeof SupportGroupView>;

export const SupportGroupList = z.object({ items: z.array(SupportGroupView) });

/** A group with its members: the people of the desk who work its queue (each may be in several groups). */
export const SupportGroupDetail = SupportGroupView.extend({ members: z.array(z.number()) });
export type SupportGroupDetail = z.infer<typeof SupportGroupDetail>;

export const CreateGroupBody = z.strictObject({
  name,
  level: level.default(1),
  /** The entity it belongs to; the root when left out. */
  entity: id.default(1),
  /** People of the desk working the group's queue. */
  members: people.default([]),
  /** People with an account who validate the group's requests. */
  managers: people.default([]),
});
export type CreateGroupBody = z.infer<typeof CreateGroupBody>;

/** What a change names; the rest stays as it is. `members` and `managers` are each the whole list. */
export const EditGroupBody = z
  .strictObject({ name, level, members: people, managers: people })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, 'give name, level, members or managers');
export type EditGroupBody = z.infer<typeof EditGroupBody>;
