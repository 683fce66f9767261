import { randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import { recordAudit } from '../audit/audit-log.repository';
import { AuthTokenRow, UserRow } from './user.models';
import { UnauthorizedError } from '../core/errors';
import { sha256Hex } from '../core/sha256';
import { disableGoneAccount, syncDirectoryAccount } from './directory-sync';
import { DirectoryUnavailableError, openDirectory, passwordOfDirectoryAccountMatches, type DirectoryAccount } from './ldap-directory';
import type { LdapSettings, LoginSettings } from './ldap-settings';
import { clearFailedLogins, takeLoginAttempt } from './login-lockout';
import { passwordMatches } from './password';
import { currentUserOf } from './current-user.repository';
import { accessVersionOf, WITH_ACCESS_VERSION } from './access-cache';
import { toUserView, type CurrentUser, type UserView } from './user';

const LOGIN_TARGET = 'POST /api/v1/auth/login';

// One answer for an unknown login, a wrong password, a locked or disabled account: none tells
// whether the login exists. The audit log has the reason.
const REFUSED = 'Unknown login or wrong password; after repeated failures, wait a few minutes before trying again';

type Outcome = { user: UserRow } | { user: null; userId: number | null; reason: string };

const refused = (user: UserRow | null, reason: string): Outcome => ({ user: null, userId: user?.id ?? null, reason });

// Checking a password nobody has keeps a refusal that needs no check as slow as one that does.
async function refusedAfterDummyCheck(user: UserRow | null, reason: string, password: string): Promise<Outcome> {
  await passwordMatches(null, password);
  return refused(user, reason);
}

async function localLogin(user: UserRow, password: string, settings: LoginSettings, ip: string | null): Promise<Outcome> {
  if (user.auth_source !== 'local') return refusedAfterDummyCheck(user, 'not an interactive account', password);
  if (user.disabled) return refusedAfterDummyCheck(user, 'account disabled', password);
  const attempt = await takeLoginAttempt(user.id, { maxFailures: settings.loginMaxFailures, lockoutMinutes: settings.loginLockoutMinutes });
  if (!attempt) return refusedAfterDummyCheck(user, 'account locked', password);
  if (await passwordMatches(user.password_hash, password)) {
    await clearFailedLogins(user.id);
    return { user };
  }
  if (attempt.lastAllowed) {
    await recordAudit({
      kind: 'account_locked',
      ip,
      subject: `user:${user.id}`,
      target: LOGIN_TARGET,
      details: { failures: settings.loginMaxFailures, until: attempt.lockedUntil?.toISOString() },
    });
  }
  return refused(user, 'wrong password');
}

async function findDirectoryAccount(ldap: LdapSettings, loginName: string): Promise<DirectoryAccount | null> {
  const session = await openDirectory(ldap);
  try {
    return await session.findAccount(loginName);
  } finally {
    await session.close();
  }
}

async function directoryLogin(loginName: string, password: string, local: UserRow | null, ldap: LdapSettings): Promise<Outcome> {
  const account = await findDirectoryAccount(ldap, loginName);
  if (!account) {
    if (local) await disableGoneAccount(local, null);
    return refusedAfterDummyCheck(local, local ? 'gone from the directory' : 'unknown login', password);
  }
  if (account.disabled) {
    const { user } = await syncDirectoryAccount(account, ldap.groupProfiles, null);
    return refusedAfterDummyCheck(user ?? local, 'disabled in the directory', password);
  }
  if (!(await passwordOfDirectoryAccountMatches(ldap, account.dn, password))) return refused(local, 'wrong password');
  const { user, outcome } = await syncDirectoryAccount(account, ldap.groupProfiles, null);
  if (outcome === 'skipped') return refused(local, 'a local account has the login of this directory account');
  // Disabled or never created: the directory account is in no mapped group.
  if (!user || user.disabled) return refused(user ?? local, 'member of no group in GUICHET_LDAP_GROUP_PROFILES');
  return { user };
}

function outcomeOf(
  loginName: string,
  password: string,
  local: UserRow | null,
  settings: LoginSettings,
  ip: string | null,
): Promise<Outcome> {
  if (local && local.auth_source !== 'ldap') return localLogin(local, password, settings, ip);
  if (settings.ldap) return directoryLogin(loginName, password, local, settings.ldap);
  return refusedAfterDummyCheck(local, local ? 'directory login is off' : 'unknown login', password);
}

const recordLoginFailure = (
  loginName: string,
  userId: number | null,
  reason: string,
  status: number,
  ip: string | null,
  target: string,
): Promise<void> =>
  recordAudit({
    kind: 'login_failed',
    ip,
    subject: userId === null ? null : `user:${userId}`,
    target,
    status,
    details: { login: loginName, reason },
  });

/**
 * Checks a login and password, at the door `target` names (for the audit log). A local account
 * checks its argon2id hash and is locked after `loginMaxFailures` failures in a row; a directory
 * account (or, with a directory, an unknown login) binds to the directory and has its local copy
 * and profiles synced from it. Every outcome goes to the audit log, with the client's address `ip`.
 */
export async function authenticate(
  loginName: string,
  password: string,
  settings: LoginSettings,
  ip: string | null,
  target = LOGIN_TARGET,
): Promise<UserRow> {
  const local = await UserRow.findOne({ where: { login: loginName } });
  let outcome: Outcome;
  try {
    outcome = await outcomeOf(loginName, password, local, settings, ip);
  } catch (error) {
    if (error instanceof DirectoryUnavailableError)
      await recordLoginFailure(loginName, local?.id ?? null, 'directory out of reach', 503, ip, target);
    throw error;
  }
  if (!outcome.user) {
    await recordLoginFailure(loginName, outcome.userId, outcome.reason, 401, ip, target);
    throw new UnauthorizedError(REFUSED);
  }
  const { user } = outcome;
  await recordAudit({
    kind: 'login',
    actorId: user.id,
    ip,
    subject: `user:${user.id}`,
    target,
    status: 200,
    details: { source: user.auth_source },
  });
  return user;
}

/** Checks a login and password (see `authenticate`) and issues a bearer token, valid for `settings.tokenTtlHours`. */
export async function login(
  loginName: string,
  password: string,
  settings: LoginSettings,
  ip: string | null,
): Promise<{ token: string; user: UserView }> {
  const user = await authenticate(loginName, password, settings, ip);
  const token = randomBytes(32).toString('base64url');
  await AuthTokenRow.create({
    token_hash: sha256Hex(token),
    user_id: user.id,
    expires_at: new Date(Date.now() + settings.tokenTtlHours * 3_600_000),
  });
  return { token, user: toUserView(user) };
}

/** The user a bearer token belongs to; tokens are long random secrets, so a SHA-256 lookup is enough. */
export async function userOfToken(token: string): Promise<CurrentUser> {
  const row = await AuthTokenRow.findOne({
    attributes: WITH_ACCESS_VERSION,
    where: { token_hash: sha256Hex(token), expires_at: { [Op.gt]: new Date() } },
    include: [{ model: UserRow, as: 'user', required: true, where: { disabled: false } }],
  });
  const user = row?.user;
  if (!user) throw new UnauthorizedError('The bearer token is unknown or expired, or its account is disabled; log in again');
  return currentUserOf(user, null, accessVersionOf(row));
}
