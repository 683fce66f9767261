import { z } from 'zod';
import { LANGUAGES } from '../core/language';
import { NOTICES } from './notice-kinds';

/** Which notices a user receives by e-mail, and in which language. */
export const MailPreferences = z.strictObject({
  language: z.enum(LANGUAGES),
  /** The notices the user does not want by e-mail. */
  muted: z.array(z.enum(NOTICES)).max(NOTICES.length),
});
export type MailPreferences = z.infer<typeof MailPreferences>;

export const MailPreferencesEdit = MailPreferences.partial().refine((edit) => Object.keys(edit).length > 0, {
  message: 'give language or muted',
});
export type MailPreferencesEdit = z.infer<typeof MailPreferencesEdit>;
