import { z } from 'zod';
import { ConflictError } from '../core/errors';
import { syncDirectory } from './directory-sync';
import type { LdapSettings } from './ldap-settings';
import { route } from '../api/route';

const DirectorySyncResult = z.object({
  created: z.number().int().describe('local copies made for directory accounts that had none'),
  updated: z.number().int().describe('local copies whose name, email, profiles or state changed'),
  disabled: z.number().int().describe('local copies disabled: the account is disabled, in no mapped group, or gone'),
});

export function directoryRoutes(ldap: LdapSettings | null) {
  return [
    route({
      method: 'post',
      path: '/api/v1/directory/sync',
      summary: "Sync every directory account's local copy and profiles from the directory (administrators)",
      tag: 'Directory',
      allow: 'admins',
      response: DirectorySyncResult,
      handle: async ({ user }) => {
        if (!ldap) throw new ConflictError('directory_off', 'No directory is configured; set GUICHET_LDAP_URL to sync one');
        return syncDirectory(ldap, user.id);
      },
    }),
  ];
}
