import { MailPreferencesRow } from './mail.models';
import type { MailPreferences } from './mail-preferences.schemas';

/** A user's notification preferences: French and every notice until they choose. */
export async function mailPreferencesOf(userId: number): Promise<MailPreferences> {
  const row = await MailPreferencesRow.findByPk(userId);
  return row
    ? { language: row.language as MailPreferences['language'], muted: JSON.parse(row.muted) as MailPreferences['muted'] }
    : { language: 'fr', muted: [] };
}

export async function saveMailPreferences(userId: number, preferences: MailPreferences): Promise<MailPreferences> {
  const muted = [...new Set(preferences.muted)];
  await MailPreferencesRow.upsert({ user_id: userId, language: preferences.language, muted: JSON.stringify(muted) });
  return { language: preferences.language, muted };
}
