import { Attribute, Change } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLogRow } from '../../audit/audit.models';
import { UserProfileRow, UserRow } from '../../users/user.models';
import type { LdapSettings } from '../../users/ldap-settings';
import { startSlapd, SLAPD_SERVICE, SLAPD_SUFFIX, type Slapd } from '../support/slapd';
import { startStack, type Stack } from '../support/stack';

const person = (uid: string) => `uid=${uid},ou=people,${SLAPD_SUFFIX}`;
const group = (cn: string) => `cn=${cn},ou=groups,${SLAPD_SUFFIX}`;
const passwordOf = (uid: string) => `${uid}-directory-pw`;

const PEOPLE = ['tina', 'sam', 'rita', 'dan', 'gus', 'nora', 'vera'];
const GROUPS: Record<string, string[]> = {
  technicians: ['tina', 'sam', 'dan', 'gus', 'vera'],
  supervisors: ['sam'],
  staff: ['rita'],
  // Not mapped to any profile.
  sports: ['nora'],
};

const SEED = [
  ...PEOPLE.map(
    (uid) => `dn: ${person(uid)}
objectClass: inetOrgPerson
uid: ${uid}
cn: ${uid[0]!.toUpperCase()}${uid.slice(1)} Martin
sn: Martin
mail: ${uid}@guichet.test
userPassword: ${passwordOf(uid)}
`,
  ),
  ...Object.entries(GROUPS).map(
    ([cn, members]) => `dn: ${group(cn)}
objectClass: groupOfNames
cn: ${cn}
${members.map((uid) => `member: ${person(uid)}`).join('\n')}
`,
  ),
].join('\n');

let slapd: Slapd;
let stack: Stack;
beforeAll(async () => {
  slapd = await startSlapd(SEED);
  const ldap: LdapSettings = {
    url: slapd.url,
    bindDn: SLAPD_SERVICE.dn,
    bindPassword: SLAPD_SERVICE.password,
    baseDn: `ou=people,${SLAPD_SUFFIX}`,
    userFilter: '(&(objectClass=inetOrgPerson)(uid={login}))',
    loginAttribute: 'uid',
    // Plain OpenLDAP has no account flag: an employeeType of "disabled" stands for one here.
    disabledFilter: '(employeeType=disabled)',
    groupProfiles: [
      { group: group('technicians'), profile: 'technician', entity: 1, recursive: true },
      { group: group('supervisors'), profile: 'supervisor', entity: 1, recursive: true },
      { group: group('staff'), profile: 'requester', entity: 1, recursive: true },
      { group: group('nobody-has-this-group'), profile: 'admin', entity: 1, recursive: true },
    ],
    timeoutMs: 5000,
  };
  stack = await startStack({ relay: false, login: { ldap } });
});
afterAll(async () => {
  await stack?.close();
  await slapd?.stop();
});

const logIn = (login: string, password = passwordOf(login)) => stack.call('POST', '/api/v1/auth/login', { body: { login, password } });
const localCopy = (login: string) => UserRow.findOne({ where: { login } });
const auditOf = async (userId: number, kind: string) =>
  (await AuditLogRow.findAll({ where: { subject: `user:${userId}`, kind }, order: [['id', 'ASC']] })).map((row) => ({
    ...row.get(),
    details: row.details === null ? null : JSON.parse(row.details),
  }));
const failedLogins = async (login: string) =>
  (await AuditLogRow.findAll({ where: { kind: 'login_failed' }, order: [['id', 'ASC']] }))
    .map((row) => JSON.parse(row.details ?? '{}'))
    .filter((details) => details.login === login);

describe('POST /api/v1/auth/login with a directory', () => {
  it('logs a directory user in with the profile its group maps to, and syncs its local copy', async () => {
    const response = await logIn('tina');
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ login: 'tina', name: 'Tina Martin', email: 'tina@guichet.test', profile: 'technician' });
    expect((await stack.call('GET', '/api/v1/notifications', { token: response.body.token })).status).toBe(200);

    const row = (await localCopy('tina'))!;
    expect(row).toMatchObject({ auth_source: 'ldap', directory_dn: person('tina'), disabled: false, profile: 'technician' });
    expect(row.password_hash).not.toContain('argon2');
    const profiles = await UserProfileRow.findAll({ where: { user_id: row.id } });
    expect(profiles.map((p) => ({ entity: p.entity_id, profile: p.profile, recursive: p.recursive }))).toEqual([
      { entity: 1, profile: 'technician', recursive: true },
    ]);
    expect(await auditOf(row.id, 'login')).toHaveLength(1);
    expect((await auditOf(row.id, 'rights_changed')).map((entry) => entry.details)).toEqual([
      expect.objectContaining({ before: [], after: ['technician@1+'] }),
    ]);
  });

  it('gives a user in two mapped groups the higher of their profiles', async () => {
    const response = await logIn('sam');
    expect(response.body.user.profile).toBe('supervisor');
    const row = (await localCopy('sam'))!;
    const profiles = await UserProfileRow.findAll({ where: { user_id: row.id } });
    expect(profiles.map((p) => p.profile).sort()).toEqual(['supervisor', 'technician']);
  });

  it('changes the profile at the next login when the group membership changed, and audits the change', async () => {
    expect((await logIn('rita')).body.user.profile).toBe('requester');
    await slapd.asAdmin((client) =>
      client.modify(
        group('technicians'),
        new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [person('rita')] }) }),
      ),
    );
    const again = await logIn('rita');
    expect(again.body.user.profile).toBe('technician');
    const row = (await localCopy('rita'))!;
    expect(row.profile).toBe('technician');
    const changes = await auditOf(row.id, 'rights_changed');
    expect(changes.at(-1)!.details).toMatchObject({ before: ['requester@1+'], after: ['technician@1+', 'requester@1+'] });

    // Logging in again with nothing changed changes no right.
    await logIn('rita');
    expect(await auditOf(row.id, 'rights_changed')).toHaveLength(changes.length);
  });

  it('refuses a wrong password with the same answer as an unknown login, and never records the password', async () => {
    const wrong = await logIn('tina', 'not-tinas-password');
    const unknown = await logIn('nobody-at-all', 'whatever-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect((await failedLogins('tina')).at(-1)).toMatchObject({ reason: 'wrong password' });
    expect((await failedLogins('nobody-at-all')).at(-1)).toMatchObject({ reason: 'unknown login' });
    const everything = JSON.stringify((await AuditLogRow.findAll()).map((row) => row.get()));
    expect(everything).not.toContain('not-tinas-password');
    expect(everything).not.toContain(passwordOf('tina'));
  });

  it('refuses a directory user in no mapped group, saying why only in the audit log', async () => {
    const response = await logIn('nora');
    expect(response.status).toBe(401);
    expect(JSON.stringify(response.body)).not.toMatch(/group/i);
    expect((await failedLogins('nora')).at(-1)).toMatchObject({ reason: 'member of no group in GUICHET_LDAP_GROUP_PROFILES' });
    expect(await localCopy('nora')).toBeNull();
  });

  it('refuses an account the directory disables, and the tokens it was given before', async () => {
    const before = await logIn('dan');
    expect(before.status).toBe(200);
    await slapd.asAdmin((client) =>
      client.modify(
        person('dan'),
        new Change({ operation: 'add', modification: new Attribute({ type: 'employeeType', values: ['disabled'] }) }),
      ),
    );
    const refused = await logIn('dan');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect((await localCopy('dan'))!.disabled).toBe(true);
    expect((await stack.call('GET', '/api/v1/notifications', { token: before.body.token })).status).toBe(401);
    expect((await failedLogins('dan')).at(-1)).toMatchObject({ reason: 'disabled in the directory' });
  });

  it('refuses logins that try to inject an LDAP filter', async () => {
    for (const login of ['*', '*)(uid=*', 'tina)(uid=*', '*)(|(objectClass=*', 't*', 'tina\\']) {
      const response = await logIn(login, passwordOf('tina'));
      expect(response.status, login).toBe(401);
    }
    expect((await failedLogins('*)(uid=*')).at(-1)).toMatchObject({ reason: 'unknown login' });
  });
});

describe('POST /api/v1/directory/sync', () => {
  it('is for administrators only', async () => {
    const technician = await stack.userWith('technician');
    expect((await stack.call('POST', '/api/v1/directory/sync', { token: technician.token })).status).toBe(403);
  });

  it('creates the mapped users who never logged in, and disables one removed from the directory and its tokens', async () => {
    const gus = await logIn('gus');
    expect(gus.status).toBe(200);
    await slapd.asAdmin(async (client) => {
      await client.modify(
        group('technicians'),
        new Change({ operation: 'delete', modification: new Attribute({ type: 'member', values: [person('gus')] }) }),
      );
      await client.del(person('gus'));
    });
    const admin = await stack.userWith('admin');
    const synced = await stack.call('POST', '/api/v1/directory/sync', { token: admin.token });
    expect(synced.status).toBe(200);
    expect(synced.body).toEqual({ created: 1, updated: expect.any(Number), disabled: 1 });

    expect((await localCopy('gus'))!.disabled).toBe(true);
    expect((await stack.call('GET', '/api/v1/notifications', { token: gus.body.token })).status).toBe(401);
    expect(await logIn('gus')).toMatchObject({ status: 401 });
    const vera = (await localCopy('vera'))!;
    expect(vera).toMatchObject({ auth_source: 'ldap', profile: 'technician', disabled: false });
    expect((await auditOf(vera.id, 'rights_changed')).at(-1)).toMatchObject({ actor_id: admin.id });

    // A second sync finds nothing more to do.
    expect((await stack.call('POST', '/api/v1/directory/sync', { token: admin.token })).body).toEqual({
      created: 0,
      updated: 0,
      disabled: 0,
    });
  });
});

describe('POST /api/v1/auth/login without the directory', () => {
  it('answers 503 while the directory is out of reach, and local accounts still log in', async () => {
    await slapd.stop();
    const response = await logIn('tina');
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('not_ready');
    expect((await failedLogins('tina')).at(-1)).toMatchObject({ reason: 'directory out of reach' });
    expect((await stack.userWith('requester')).token).toEqual(expect.any(String));
  });
});
