import { z } from 'zod';
import { NOTIFIED } from './notified';

const id = z.number().int().positive();

/**
 * What entering a state does, from a fixed catalogue: hand the ticket to a group, ask named
 * users to validate it, raise its priority, notify the people it names. No code.
 */
export const EntryEffect = z.discriminatedUnion('effect', [
  z.strictObject({ effect: z.literal('assignGroup'), group: id }),
  z.strictObject({
    effect: z.literal('requestValidation'),
    validators: z.array(id).min(1).max(20),
    rule: z.enum(['any', 'all']).optional(),
  }),
  z.strictObject({ effect: z.literal('raisePriority'), by: z.number().int().min(1).max(5).optional() }),
  z.strictObject({
    effect: z.literal('notify'),
    to: z.array(z.enum(NOTIFIED)).min(1),
    message: z.strictObject({ fr: z.string().min(1).max(500), en: z.string().min(1).max(500) }).optional(),
  }),
]);
export type EntryEffect = z.infer<typeof EntryEffect>;
