import { z } from 'zod';

const level = z.number().int().min(1).max(5);

/**
 * A category's ticket template, for the requester's form: the description it starts with, the
 * fields it asks for, the fields it leaves out (given their defaults). Read by the web UI too.
 */
export const TicketTemplate = z.strictObject({
  /** The description the form starts with, such as the questions to answer. */
  description: z.string().max(65_000).default(''),
  /** Fields the requester must fill in. */
  required: z
    .array(z.enum(['description', 'location']))
    .max(2)
    .default([]),
  /** Fields the form does not show; the ticket takes their default. */
  hidden: z
    .array(z.enum(['type', 'urgency', 'impact']))
    .max(3)
    .default([]),
  defaults: z
    .strictObject({ type: z.enum(['incident', 'request']).optional(), urgency: level.optional(), impact: level.optional() })
    .default({}),
});
export type TicketTemplate = z.infer<typeof TicketTemplate>;

/** The fields a requester left empty that `template` asks for: a description other than the one it starts with, a location. */
export function missingRequiredFields(template: TicketTemplate, ticket: { description: string; location?: string | undefined }): string[] {
  return template.required.filter((field) =>
    field === 'description'
      ? ticket.description.trim() === '' || ticket.description.trim() === template.description.trim()
      : !ticket.location?.trim(),
  );
}
