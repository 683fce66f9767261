import { z } from 'zod';
import { TicketTemplate } from './ticket-template';

const name = z.string().trim().min(1).max(255);
const Label = z.object({ fr: z.string(), en: z.string() });

export const CreateCategoryBody = z.strictObject({
  parent: z.number().int().positive().nullable().default(null),
  name: z.strictObject({ fr: name, en: name }),
  /** The entity it belongs to (seen there and below); the root when left out. */
  entity: z.number().int().positive().default(1),
});
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

/** A rename, a move under another parent (null: to the top), or its ticket template; the rest stays as it is. */
export const EditCategoryBody = z
  .strictObject({
    name: z.strictObject({ fr: name, en: name }),
    parent: z.number().int().positive().nullable(),
    /** What the requester's form does for this category; null: nothing particular. */
    ticketTemplate: TicketTemplate.nullable(),
  })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, 'give name, parent or ticketTemplate');
export type EditCategoryBody = z.infer<typeof EditCategoryBody>;

export const CategoryView = z.object({
  id: z.number(),
  parent: z.number().nullable(),
  name: Label,
  /** The full path from the root, e.g. "Matériel › Imprimante". */
  path: Label,
  entity: z.number(),
  ticketTemplate: TicketTemplate.nullable(),
});
export type CategoryView = z.infer<typeof CategoryView>;

export const CategoryList = z.object({ items: z.array(CategoryView) });
