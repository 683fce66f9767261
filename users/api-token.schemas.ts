import { z } from 'zod';
import { storedTime } from '../core/stored-time';
import { PROFILES } from './profiles';

export const CreateApiTokenBody = z.strictObject({
  /** Which system uses it, e.g. "Supervision Centreon". */
  name: z.string().trim().min(1).max(191),
  /** The rights the token carries, in `entity` (and below when `recursive`). */
  profile: z.enum(PROFILES),
  entity: z.number().int().positive(),
  recursive: z.boolean().default(true),
  expiresAt: storedTime.refine((at) => new Date(at) > new Date(), 'must be in the future').optional(),
});
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBody>;

export const ApiTokenView = z.object({
  id: z.number(),
  name: z.string(),
  /** The first characters of the token, to tell tokens apart; the rest is never shown again. */
  prefix: z.string(),
  /** The account the token acts as: its actions are recorded under this user. */
  user: z.number(),
  profile: z.enum(PROFILES),
  entity: z.number(),
  recursive: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;

/** The answer to a creation: the only time the token itself is shown. */
export const CreatedApiToken = ApiTokenView.extend({ token: z.string() });
export const ApiTokenList = z.object({ items: z.array(ApiTokenView) });
export const ApiTokenParams = z.object({ id: z.coerce.number().int().positive() });
