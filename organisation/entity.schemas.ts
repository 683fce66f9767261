import { z } from 'zod';
import { PriorityMatrix } from '../tickets/priority-matrix';

export const CreateEntityBody = z.strictObject({
  parent: z.number().int().positive(),
  name: z.string().trim().min(1).max(255),
  /** Leave out to inherit the parent's matrix. */
  priorityMatrix: PriorityMatrix.optional(),
});
export type CreateEntityBody = z.infer<typeof CreateEntityBody>;

/** Days before expiry a licence alerts: at most five thresholds of a year or less. */
export const LicenceAlertDays = z.array(z.number().int().min(1).max(365)).min(1).max(5);

/** What a change names; the rest stays as it is. A matrix of null inherits the parent's again; thresholds of null are the default again. */
export const EditEntityBody = z
  .strictObject({
    name: z.string().trim().min(1).max(255),
    priorityMatrix: PriorityMatrix.nullable(),
    /** The days before expiry its licences alert, unless a licence says otherwise. */
    licenceAlertDays: LicenceAlertDays.nullable(),
  })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, 'give name, priorityMatrix or licenceAlertDays');
export type EditEntityBody = z.infer<typeof EditEntityBody>;

export const EntityView = z.object({
  id: z.number(),
  parent: z.number().nullable(),
  name: z.string(),
  /** The matrix this entity's tickets are prioritised with, its own or inherited. */
  priorityMatrix: PriorityMatrix,
  inheritsPriorityMatrix: z.boolean(),
  /** The days before expiry its licences alert, unless one says otherwise. */
  licenceAlertDays: z.array(z.number()),
});
export type EntityView = z.infer<typeof EntityView>;

export const EntityList = z.object({ items: z.array(EntityView) });
