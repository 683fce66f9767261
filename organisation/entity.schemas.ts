import { z } from 'zod';
import { PriorityMatrix } from '../tickets/priority-matrix';

export const CreateEntityBody = z.strictObject({
  parent: z.number().int().positive(),
  name: z.string().trim().min(1).max(255),
  /** Leave out to inherit the parent's matrix. */
  priorityMatrix: PriorityMatrix.optional(),
});
export type CreateEntityBody = z.infer<typeof CreateEntityBody>;

/** What a change names; the rest stays as it is. A matrix of null inherits the parent's again. */
export const EditEntityBody = z
  .strictObject({ name: z.string().trim().min(1).max(255), priorityMatrix: PriorityMatrix.nullable() })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, 'give name or priorityMatrix');
export type EditEntityBody = z.infer<typeof EditEntityBody>;

export const EntityView = z.object({
  id: z.number(),
  parent: z.number().nullable(),
  name: z.string(),
  /** The matrix this entity's tickets are prioritised with, its own or inherited. */
  priorityMatrix: PriorityMatrix,
  inheritsPriorityMatrix: z.boolean(),
});
export type EntityView = z.infer<typeof EntityView>;

export const EntityList = z.object({ items: z.array(EntityView) });
