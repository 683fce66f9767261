import { z } from 'zod';
import { PLACEHOLDERS, unknownPlaceholders } from './placeholders';
import { TEMPLATE_KINDS } from './template-kinds';

export const TemplateKind = z.enum(TEMPLATE_KINDS);

const id = z.number().int().positive();
const name = z.string().trim().min(1).max(255);
const content = z
  .string()
  .trim()
  .min(1)
  .max(65_000)
  .superRefine((text, context) => {
    const unknown = unknownPlaceholders(text);
    if (unknown.length > 0)
      context.addIssue({
        code: 'custom',
        message: `unknown placeholder ${unknown.map((p) => `{{${p}}}`).join(', ')}; known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
      });
  });

export const ResponseTemplateView = z.object({
  id: z.number(),
  kind: TemplateKind,
  name: z.string(),
  /** Markdown, with placeholders such as `{{requester.name}}`. */
  content: z.string(),
  /** The entity it belongs to: offered there and in the entities below. */
  entity: z.number(),
});
export type ResponseTemplateView = z.infer<typeof ResponseTemplateView>;

export const ResponseTemplateList = z.object({ items: z.array(ResponseTemplateView) });

export const ListTemplatesQuery = z.object({ kind: TemplateKind.optional() });

export const CreateTemplateBody = z.strictObject({
  kind: TemplateKind,
  name,
  content,
  /** The entity it belongs to; the root when left out. */
  entity: id.default(1),
});
export type CreateTemplateBody = z.infer<typeof CreateTemplateBody>;

/** What a change names; the rest stays as it is. */
export const EditTemplateBody = z
  .strictObject({ name, content })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, 'give name or content');
export type EditTemplateBody = z.infer<typeof EditTemplateBody>;
