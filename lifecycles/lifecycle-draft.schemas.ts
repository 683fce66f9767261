import { z } from 'zod';

/** A draft's body is the definition as written: any JSON object, checked by the verifier rather than refused. */
export const DraftBody = z.record(z.string(), z.unknown());
export type DraftBody = z.infer<typeof DraftBody>;

const Finding = z.object({ rule: z.string(), path: z.string(), message: z.string() });

export const DraftView = z.object({
  id: z.number(),
  key: z.string(),
  basedOn: z.number().nullable(),
  definition: z.unknown(),
  findings: z.array(Finding),
  drawable: z.boolean(),
  updatedAt: z.string(),
});
