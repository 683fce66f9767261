import { z } from 'zod';

export const CreateAgentTokenBody = z.strictObject({
  /** Where its agents run, e.g. "Postes du siège". */
  name: z.string().trim().min(1).max(191),
  /** The entity the computers its agents inventory are filed in. */
  entity: z.number().int().positive(),
});
export type CreateAgentTokenBody = z.infer<typeof CreateAgentTokenBody>;

export const AgentTokenView = z.object({
  id: z.number(),
  name: z.string(),
  entity: z.number(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type AgentTokenView = z.infer<typeof AgentTokenView>;

/** The answer to a creation: the only time the token itself is shown. */
export const CreatedAgentToken = AgentTokenView.extend({ token: z.string() });
export const AgentTokenList = z.object({ items: z.array(AgentTokenView) });
export const AgentTokenParams = z.object({ id: z.coerce.number().int().positive() });
