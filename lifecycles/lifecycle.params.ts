import { z } from 'zod';
import { LANGUAGES } from '../core/language';
import { LifecycleKey } from './definition';

/** The path and query parameters the lifecycle routes share. */
export const KeyParams = z.object({ key: LifecycleKey });
export const VersionParams = KeyParams.extend({ version: z.coerce.number().int().positive() });
export const DiagramQuery = z.object({ lang: z.enum(LANGUAGES).default('fr') });
