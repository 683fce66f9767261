import { z } from 'zod';

export const AnswerSatisfactionBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});
export type AnswerSatisfactionBody = z.infer<typeof AnswerSatisfactionBody>;

export const SatisfactionView = z.object({
  ticket: z.number(),
  rating: z.number(),
  comment: z.string().nullable(),
  answeredAt: z.string(),
});
export type SatisfactionView = z.infer<typeof SatisfactionView>;
