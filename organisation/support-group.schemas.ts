import { z } from 'zod';

export const SupportGroupView = z.object({
  id: z.number(),
  name: z.string(),
  /** The support level it serves: 1, 2… */
  level: z.number(),
  /** The entity it belongs to: seen there and in the entities below. */
  entity: z.number(),
});
export type SupportGroupView = z.infer<typeof SupportGroupView>;

export const SupportGroupList = z.object({ items: z.array(SupportGroupView) });
