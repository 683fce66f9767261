import { literal, Op } from 'sequelize';
import { UserRow } from './user.models';

export interface LockoutSettings {
  /** Consecutive failures after which the account is locked. */
  maxFailures: number;
  lockoutMinutes: number;
}

/** An attempt a local account may make; `lastAllowed` when failing it locks the account until `lockedUntil`. */
export interface LoginAttempt {
  lastAllowed: boolean;
  lockedUntil: Date | null;
}

/**
 * Takes one of a local account's attempts, before its password is checked: null when the account
 * is locked. Counting attempts up front, in one atomic UPDATE, is what keeps parallel guesses
 * within the limit; the last allowed attempt locks the account at once, so a success must clear
 * it (see `clearFailedLogins`). A lock that has run out starts the count again.
 */
export async function takeLoginAttempt(userId: number, settings: LockoutSettings, now = new Date()): Promise<LoginAttempt | null> {
  return UserRow.sequelize!.transaction(async (transaction) => {
    await UserRow.update({ failed_logins: 0, locked_until: null }, { where: { id: userId, locked_until: { [Op.lte]: now } }, transaction });
    const [taken] = await UserRow.update(
      { failed_logins: literal('failed_logins + 1') },
      { where: { id: userId, locked_until: null, failed_logins: { [Op.lt]: settings.maxFailures } }, transaction },
    );
    if (taken === 0) return null;
    const row = await UserRow.findByPk(userId, { attributes: ['id', 'failed_logins'], transaction, lock: transaction.LOCK.UPDATE });
    if ((row?.failed_logins ?? 0) < settings.maxFailures) return { lastAllowed: false, lockedUntil: null };
    const lockedUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
    await UserRow.update({ locked_until: lockedUntil }, { where: { id: userId }, transaction });
    return { lastAllowed: true, lockedUntil };
  });
}

/** After a successful login: the failures so far no longer count, and no lock holds. */
export async function clearFailedLogins(userId: number): Promise<void> {
  await UserRow.update({ failed_logins: 0, locked_until: null }, { where: { id: userId } });
}
