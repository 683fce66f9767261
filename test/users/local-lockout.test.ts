import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLogRow } from '../../audit/audit.models';
import { UserRow } from '../../users/user.models';
import { hashPassword } from '../../users/password';
import { startStack, type Stack } from '../support/stack';

const MAX_FAILURES = 5;
// A short window keeps the test quick; it is long enough for a burst of parallel attempts to end within it.
const LOCKOUT_MINUTES = 0.25;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ relay: false, login: { loginMaxFailures: MAX_FAILURES, loginLockoutMinutes: LOCKOUT_MINUTES } });
});
afterAll(async () => stack?.close());

async function localUser(): Promise<{ id: number; login: string; password: string }> {
  const login = `local-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const row = await UserRow.create({
    login,
    name: login,
    email: null,
    profile: 'requester',
    password_hash: await hashPassword(password),
  });
  return { id: row.id, login, password };
}

const logIn = (login: string, password: string) => stack.call('POST', '/api/v1/auth/login', { body: { login, password } });
const audit = async (userId: number) =>
  (await AuditLogRow.findAll({ where: { subject: `user:${userId}` }, order: [['id', 'ASC']] })).map((row) => ({
    kind: row.kind,
    reason: (JSON.parse(row.details ?? '{}') as { reason?: string }).reason,
  }));
const count = <T>(items: T[], matches: (item: T) => boolean) => items.filter(matches).length;

describe('POST /api/v1/auth/login with a local account', () => {
  it(`locks the account after ${MAX_FAILURES} wrong passwords: the right one is then refused, like an unknown login`, async () => {
    const user = await localUser();
    for (let i = 0; i < MAX_FAILURES; i++) expect((await logIn(user.login, 'wrong-password')).status).toBe(401);
    const locked = await logIn(user.login, user.password);
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual((await logIn(`unknown-${randomUUID()}`, user.password)).body);

    const row = (await UserRow.findByPk(user.id))!;
    expect(row.failed_logins).toBe(MAX_FAILURES);
    expect(row.locked_until!.getTime()).toBeGreaterThan(Date.now());
    const entries = await audit(user.id);
    expect(count(entries, (e) => e.kind === 'login_failed' && e.reason === 'wrong password')).toBe(MAX_FAILURES);
    expect(count(entries, (e) => e.kind === 'account_locked')).toBe(1);
    expect(entries.at(-1)).toEqual({ kind: 'login_failed', reason: 'account locked' });
    expect(JSON.stringify(await AuditLogRow.findAll())).not.toContain(user.password);

    // Once the window is over the right password works, and the count starts again.
    await new Promise((resolve) => setTimeout(resolve, row.locked_until!.getTime() - Date.now() + 100));
    const back = await logIn(user.login, user.password);
    expect(back.status).toBe(200);
    expect(back.body.token).toEqual(expect.any(String));
    expect(await UserRow.findByPk(user.id)).toMatchObject({ failed_logins: 0, locked_until: null });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await logIn(user.login, 'wrong-password');
    expect((await logIn(user.login, user.password)).status).toBe(200);
    expect((await audit(user.id)).filter((e) => e.kind === 'login')).toHaveLength(2);
  });

  it('keeps parallel wrong attempts within the limit', async () => {
    const user = await localUser();
    const answers = await Promise.all(Array.from({ length: 2 * MAX_FAILURES }, () => logIn(user.login, 'wrong-password')));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 401));
    expect((await UserRow.findByPk(user.id))!.failed_logins).toBe(MAX_FAILURES);
    const entries = await audit(user.id);
    expect(count(entries, (e) => e.reason === 'wrong password')).toBe(MAX_FAILURES);
    expect(count(entries, (e) => e.reason === 'account locked')).toBe(MAX_FAILURES);
    expect(count(entries, (e) => e.kind === 'account_locked')).toBe(1);
    expect((await logIn(user.login, user.password)).status).toBe(401);
  });

  it('resets the count of failures on a successful login', async () => {
    const user = await localUser();
    for (let i = 0; i < MAX_FAILURES - 1; i++) await logIn(user.login, 'wrong-password');
    expect((await logIn(user.login, user.password)).status).toBe(200);
    for (let i = 0; i < MAX_FAILURES - 1; i++) await logIn(user.login, 'wrong-password');
    expect((await logIn(user.login, user.password)).status).toBe(200);
    expect(count(await audit(user.id), (e) => e.kind === 'account_locked')).toBe(0);
  });

  it('refuses a disabled local account even with its password', async () => {
    const user = await localUser();
    await UserRow.update({ disabled: true }, { where: { id: user.id } });
    expect((await logIn(user.login, user.password)).status).toBe(401);
    expect((await audit(user.id)).at(-1)).toEqual({ kind: 'login_failed', reason: 'account disabled' });
  });
});
