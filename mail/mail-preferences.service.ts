import type { CurrentUser } from '../users/user';
import { mailPreferencesOf, saveMailPreferences } from './mail-preferences.repository';
import type { MailPreferences, MailPreferencesEdit } from './mail-preferences.schemas';

/** Each user's own choice of notices by e-mail; nobody chooses for someone else. */
export const mailPreferencesService = {
  mine: (user: CurrentUser): Promise<MailPreferences> => mailPreferencesOf(user.id),
  change: async (user: CurrentUser, edit: MailPreferencesEdit): Promise<MailPreferences> =>
    saveMailPreferences(user.id, { ...(await mailPreferencesOf(user.id)), ...edit }),
};
