import { z } from 'zod';

export const AttachmentView = z.object({
  id: z.number(),
  ticket: z.number(),
  followup: z.number().nullable(),
  name: z.string(),
  size: z.number(),
  /** Sniffed from the bytes. */
  type: z.string(),
  sha256: z.string(),
  source: z.enum(['upload', 'email']),
  uploadedBy: z.number(),
  at: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** The form's fields beside its file. */
export const UploadFields = z.strictObject({ followup: z.coerce.number().int().positive().optional() });

export const AttachmentParams = z.object({ id: z.coerce.number().int().positive() });
