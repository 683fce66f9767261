import type { Sequelize } from 'sequelize';
import { recordAudit } from '../audit/audit-log.repository';
import { ConflictError } from '../core/errors';
import { administeredOrFail, primaryProfileOf, scopesOf } from './access';
import { grantsOf } from './current-user.repository';
import { entityTree } from '../organisation/entity.repository';
import { accountViewOf, listUsers, replaceProfiles, userAccountOrFail, visibleUserOrFail } from './user-account.repository';
import type { SetProfilesBody, UserAccountView } from './user-account.schemas';
import type { CurrentUser } from './user';

/** People's accounts: the desk finds them; administrators grant them profiles within the entities they administer. */
export function createUserAccountService(sequelize: Sequelize) {
  return {
    list: listUsers,

    get: userAccountOrFail,

    /**
     * Replaces the profiles a user holds, each within the entities the administrator administers;
     * takes effect at the user's next request and is audited with the profiles before and after.
     */
    async setProfiles(admin: CurrentUser, id: number, body: SetProfilesBody): Promise<UserAccountView> {
      const row = await visibleUserOrFail(admin, id);
      if (row.auth_source !== 'local') {
        const owner =
          row.auth_source === 'ldap'
            ? "the directory's groups (GUICHET_LDAP_GROUP_PROFILES)"
            : 'its API token, fixed when the token was created';
        throw new ConflictError('profiles_managed_elsewhere', `This account's profiles come from ${owner}`);
      }
      body.profiles.forEach((grant, index) => administeredOrFail(admin, grant.entity, `profiles.${index}.entity`));
      const before = await grantsOf(row);
      const primary = primaryProfileOf(scopesOf(body.profiles, await entityTree()))!;
      await sequelize.transaction(async (transaction) => {
        await replaceProfiles(row, body.profiles, primary, transaction);
        await recordAudit(
          { kind: 'rights_changed', actorId: admin.id, subject: `user:${row.id}`, details: { before, after: body.profiles } },
          transaction,
        );
      });
      return accountViewOf(row);
    },
  };
}

export type UserAccountService = ReturnType<typeof createUserAccountService>;
