import { z } from 'zod';

const name = z.string().trim().min(1).max(255);
const Label = z.object({ fr: z.string(), en: z.string() });

export const CreateCategoryBody = z.strictObject({
  parent: z.number().int().positive().nullable().default(null),
  name: z.strictObject({ fr: name, en: name }),
});
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

export const CategoryView = z.object({
  id: z.number(),
  parent: z.number().nullable(),
  name: Label,
  /** The full path from the root, e.g. "Matériel › Imprimante". */
  path: Label,
});
export type CategoryView = z.infer<typeof CategoryView>;

export const CategoryList = z.object({ items: z.array(CategoryView) });
