import { Op, type Transaction, UniqueConstraintError } from 'sequelize';
import { recordAudit } from '../audit/audit-log.repository';
import { UserProfileRow, UserRow } from './user.models';
import { logger } from '../config/logger';
import { describeProfiles, type HeldProfile, profilesOfGroups } from './ldap-group-profiles';
import { type DirectoryAccount, openDirectory } from './ldap-directory';
import type { GroupProfileMapping, LdapSettings } from './ldap-settings';
import type { Profile } from './profiles';

/** What syncing one account did to its local copy. */
export type SyncOutcome = 'created' | 'updated' | 'disabled' | 'unchanged' | 'skipped';

/** A directory account never logs in with a local password: this is no argon2 hash, so none matches it. */
export const DIRECTORY_PASSWORD_MARKER = '!directory';

const heldProfilesOf = async (userId: number, transaction: Transaction): Promise<HeldProfile[]> =>
  (await UserProfileRow.findAll({ where: { user_id: userId }, transaction })).map((row) => ({
    entity: row.entity_id,
    profile: row.profile as Profile,
    recursive: row.recursive,
  }));

async function replaceProfiles(userId: number, held: HeldProfile[], transaction: Transaction): Promise<void> {
  await UserProfileRow.destroy({ where: { user_id: userId }, transaction });
  await UserProfileRow.bulkCreate(
    held.map((p) => ({ user_id: userId, entity_id: p.entity, profile: p.profile, recursive: p.recursive })),
    { transaction },
  );
}

interface RightsChange {
  userId: number;
  before: string[];
  after: string[];
  disabled: boolean;
  reason: string;
}

/** What the directory says the local copy should be. */
interface Wanted {
  held: HeldProfile[];
  disabled: boolean;
  reason: string;
}

function wantedFor(account: DirectoryAccount, mappings: readonly GroupProfileMapping[]): Wanted {
  const held = profilesOfGroups(mappings, account.groups);
  if (account.disabled) return { held, disabled: true, reason: 'disabled in the directory' };
  if (held.length === 0) return { held, disabled: true, reason: 'member of no group in GUICHET_LDAP_GROUP_PROFILES' };
  return { held, disabled: false, reason: 'directory groups' };
}

type Applied = { user: UserRow | null; outcome: SyncOutcome; change: RightsChange | null };

async function createCopy(account: DirectoryAccount, wanted: Wanted, main: HeldProfile, transaction: Transaction): Promise<Applied> {
  const user = await UserRow.create(
    {
      login: account.login,
      name: account.name,
      email: account.email,
      profile: main.profile,
      entity_id: main.entity,
      password_hash: DIRECTORY_PASSWORD_MARKER,
      auth_source: 'ldap',
      directory_dn: account.dn,
    },
    { transaction },
  );
  await replaceProfiles(user.id, wanted.held, transaction);
  const after = describeProfiles(wanted.held);
  return { user, outcome: 'created', change: { userId: user.id, before: [], after, disabled: false, reason: wanted.reason } };
}

async function updateCopy(user: UserRow, account: DirectoryAccount, wanted: Wanted, transaction: Transaction): Promise<Applied> {
  const before = describeProfiles(await heldProfilesOf(user.id, transaction));
  const after = describeProfiles(wanted.held);
  const profilesChanged = before.join() !== after.join();
  const wasDisabled = user.disabled;
  if (profilesChanged) await replaceProfiles(user.id, wanted.held, transaction);
  user.set({ name: account.name, email: account.email, directory_dn: account.dn, disabled: wanted.disabled });
  // Without a mapped group the copy keeps its last main profile, but it is disabled.
  const main = wanted.held[0];
  if (main) user.set({ profile: main.profile, entity_id: main.entity });
  const rightsChanged = profilesChanged || wasDisabled !== wanted.disabled;
  const changed = rightsChanged || user.changed() !== false;
  await user.save({ transaction });
  const outcome: SyncOutcome = !changed ? 'unchanged' : wanted.disabled && !wasDisabled ? 'disabled' : 'updated';
  const change = rightsChanged ? { userId: user.id, before, after, disabled: wanted.disabled, reason: wanted.reason } : null;
  return { user, outcome, change };
}

function applyAccount(account: DirectoryAccount, mappings: readonly GroupProfileMapping[]): Promise<Applied> {
  const wanted = wantedFor(account, mappings);
  return UserRow.sequelize!.transaction(async (transaction) => {
    const user = await UserRow.findOne({ where: { login: account.login }, transaction, lock: transaction.LOCK.UPDATE });
    if (user && user.auth_source !== 'ldap') return { user: null, outcome: 'skipped', change: null };
    if (user) return updateCopy(user, account, wanted, transaction);
    const main = wanted.held[0];
    // An account that may not log in gets no local copy.
    if (wanted.disabled || !main) return { user: null, outcome: 'unchanged', change: null };
    return createCopy(account, wanted, main, transaction);
  });
}

const auditRightsChange = (change: RightsChange, actorId: number | null): Promise<void> =>
  recordAudit({
    kind: 'rights_changed',
    actorId,
    subject: `user:${change.userId}`,
    target: 'directory sync',
    details: { before: change.before, after: change.after, disabled: change.disabled, reason: change.reason },
  });

/**
 * Makes the local copy of a directory account match it: created when it is enabled and in a
 * mapped group, its name, email and profiles (one per mapped group) updated, and disabled when the
 * directory disables it or it is in no mapped group. A local account of the same login is left
 * alone. Changes of rights go to the audit log, by `actorId` (null: at the account's own login).
 */
export async function syncDirectoryAccount(
  account: DirectoryAccount,
  mappings: readonly GroupProfileMapping[],
  actorId: number | null,
): Promise<{ user: UserRow | null; outcome: SyncOutcome }> {
  let applied;
  try {
    applied = await applyAccount(account, mappings);
  } catch (error) {
    // Two first logins of the same account at once: the second finds the first one's row.
    if (!(error instanceof UniqueConstraintError)) throw error;
    applied = await applyAccount(account, mappings);
  }
  if (applied.outcome === 'skipped')
    logger.warn({ login: account.login }, 'a local account has the login of a directory account; left alone');
  if (applied.change) await auditRightsChange(applied.change, actorId);
  return { user: applied.user, outcome: applied.outcome };
}

/** Disables the local copy of a directory account the directory no longer has. */
export async function disableGoneAccount(user: UserRow, actorId: number | null): Promise<boolean> {
  const [count] = await UserRow.update({ disabled: true }, { where: { id: user.id, disabled: false } });
  if (count === 0) return false;
  await auditRightsChange({ userId: user.id, before: [], after: [], disabled: true, reason: 'gone from the directory' }, actorId);
  return true;
}

export interface DirectorySyncResult {
  created: number;
  updated: number;
  disabled: number;
}

/**
 * Syncs every account of the directory (not only those who log in): local copies created and
 * updated, and disabled for accounts that are disabled, in no mapped group, or gone.
 */
export async function syncDirectory(settings: LdapSettings, actorId: number | null): Promise<DirectorySyncResult> {
  const session = await openDirectory(settings);
  let accounts: DirectoryAccount[];
  try {
    accounts = await session.allAccounts();
  } finally {
    await session.close();
  }
  const result: DirectorySyncResult = { created: 0, updated: 0, disabled: 0 };
  for (const account of accounts) {
    const { outcome } = await syncDirectoryAccount(account, settings.groupProfiles, actorId);
    if (outcome === 'created' || outcome === 'updated' || outcome === 'disabled') result[outcome] += 1;
  }
  const logins = accounts.map((account) => account.login);
  const gone = await UserRow.findAll({
    where: { auth_source: 'ldap', disabled: false, ...(logins.length > 0 && { login: { [Op.notIn]: logins } }) },
  });
  for (const user of gone) if (await disableGoneAccount(user, actorId)) result.disabled += 1;
  logger.info({ ...result, accounts: accounts.length }, 'directory synced');
  return result;
}
