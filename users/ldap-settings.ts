import { z } from 'zod';
import { PROFILES } from './profiles';

const GROUP_HINT = 'each mapping names its "group" by DN, e.g. "cn=technicians,ou=groups,dc=example,dc=org"';

/** One directory group whose members hold `profile` in `entity` (and below it when `recursive`). */
export const GroupProfileMapping = z.strictObject({
  group: z.string({ error: GROUP_HINT }).min(1, GROUP_HINT),
  profile: z.enum(PROFILES, { error: `"profile" must be one of ${PROFILES.join(', ')}` }),
  entity: z.number({ error: '"entity" must be an entity id (a number)' }).int().positive(),
  recursive: z.boolean().default(true),
});
export type GroupProfileMapping = z.infer<typeof GroupProfileMapping>;

export const GroupProfileMappings = z.array(GroupProfileMapping);

/**
 * Parses GUICHET_LDAP_GROUP_PROFILES (a JSON array), each problem named by where it is, e.g.
 * `[1].profile: "profile" must be one of admin, …`.
 */
export const GroupProfilesJson = z
  .string()
  .default('[]')
  .transform((raw, ctx): GroupProfileMapping[] => {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON; expected [{"group": "<group DN>", "profile": "technician", "entity": 1}]' });
      return z.NEVER;
    }
    const parsed = GroupProfileMappings.safeParse(json);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const where = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
      ctx.addIssue({ code: 'custom', message: `${where || 'the value'}: ${issue.message}` });
    }
    return z.NEVER;
  });

/** How guichet reaches the directory and reads accounts and groups from it. */
export interface LdapSettings {
  /** `ldap://host:port` or `ldaps://host:port`. */
  url: string;
  /** The service account that searches users and groups (empty for an anonymous search). */
  bindDn: string;
  bindPassword: string;
  /** Where users are searched (whole subtree). */
  baseDn: string;
  /** Finds one user; `{login}` is replaced by the login, escaped (RFC 4515). */
  userFilter: string;
  /** The attribute that holds the login, read when the whole directory is synced. */
  loginAttribute: string;
  /** Matches disabled accounts, or null when the directory has none. */
  disabledFilter: string | null;
  groupProfiles: GroupProfileMapping[];
  /** Milliseconds one directory operation may take. */
  timeoutMs: number;
}

/** What login needs to know: token lifetime, lockout of local accounts, and the directory (null when off). */
export interface LoginSettings {
  tokenTtlHours: number;
  loginMaxFailures: number;
  loginLockoutMinutes: number;
  ldap: LdapSettings | null;
}
