import { route } from '../api/route';
import { MailPreferences, MailPreferencesEdit } from './mail-preferences.schemas';
import { mailPreferencesService } from './mail-preferences.service';

export function mailPreferencesRoutes() {
  return [
    route({
      method: 'get',
      path: '/api/v1/mail-preferences',
      summary: 'Your notifications by e-mail: their language and the notices you turned off',
      tag: 'Notifications',
      allow: 'everyone',
      response: MailPreferences,
      handle: async ({ user }) => mailPreferencesService.mine(user),
    }),
    route({
      method: 'patch',
      path: '/api/v1/mail-preferences',
      summary: 'Choose the language of your notifications by e-mail and the notices you do not want',
      tag: 'Notifications',
      allow: 'everyone',
      body: MailPreferencesEdit,
      response: MailPreferences,
      handle: async ({ user, body }) => mailPreferencesService.change(user, body),
    }),
  ];
}
