import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { freePort } from './free-port';

export const SLAPD_SUFFIX = 'dc=guichet,dc=test';
const ADMIN_DN = `cn=admin,${SLAPD_SUFFIX}`;
const ADMIN_PASSWORD = 'slapd-admin-secret';
/** The service account guichet searches with: an ordinary entry that may read, not write. */
export const SLAPD_SERVICE = { dn: `cn=guichet,ou=services,${SLAPD_SUFFIX}`, password: 'service-secret' };

// Debian puts slapd and slapadd in /usr/sbin, which is not always on PATH.
function binary(name: string): string {
  const found = [`/usr/sbin/${name}`, `/usr/local/sbin/${name}`].find((path) => existsSync(path));
  if (found) return found;
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} is missing: install it with "bash scripts/apt-install.sh slapd ldap-utils"`);
  }
}

const config = (dir: string) => `
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile ${dir}/slapd.pid
database mdb
maxsize 16777216
suffix "${SLAPD_SUFFIX}"
rootdn "${ADMIN_DN}"
rootpw ${ADMIN_PASSWORD}
directory ${dir}/data
access to attrs=userPassword by self write by anonymous auth by * none
access to * by users read by * none
`;

const BASE_LDIF = `
dn: ${SLAPD_SUFFIX}
objectClass: dcObject
objectClass: organization
dc: guichet
o: guichet

dn: ou=people,${SLAPD_SUFFIX}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${SLAPD_SUFFIX}
objectClass: organizationalUnit
ou: groups

dn: ou=services,${SLAPD_SUFFIX}
objectClass: organizationalUnit
ou: services

dn: ${SLAPD_SERVICE.dn}
objectClass: person
cn: guichet
sn: guichet
userPassword: ${SLAPD_SERVICE.password}
`;

export interface Slapd {
  url: string;
  /** Runs `work` on a connection bound as the directory's administrator (to change entries mid-test). */
  asAdmin<T>(work: (client: Client) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

async function untilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`slapd stopped at start (${child.exitCode}): ${output()}`);
    const client = new Client({ url, connectTimeout: 500 });
    try {
      await client.bind(ADMIN_DN, ADMIN_PASSWORD);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`slapd did not answer on ${url}: ${String(error)}; ${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
}

/**
 * A throwaway OpenLDAP server on a free loopback port, its config and data in a temp dir, seeded
 * with `ou=people`, `ou=groups`, the service account and `ldif`; `stop()` kills it and removes them.
 */
export async function startSlapd(ldif: string): Promise<Slapd> {
  const dir = await mkdtemp(join(tmpdir(), 'guichet-slapd-'));
  const conf = join(dir, 'slapd.conf');
  await writeFile(conf, config(dir));
  await writeFile(join(dir, 'seed.ldif'), `${BASE_LDIF}\n${ldif}`);
  await mkdir(join(dir, 'data'));
  execFileSync(binary('slapadd'), ['-q', '-f', conf, '-l', join(dir, 'seed.ldif')], { stdio: 'pipe' });

  const url = `ldap://127.0.0.1:${await freePort()}`;
  // -d keeps it in the foreground, as our child, so it dies with the test run.
  const child = spawn(binary('slapd'), ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await untilReady(url, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    async asAdmin(work) {
      const client = new Client({ url });
      try {
        await client.bind(ADMIN_DN, ADMIN_PASSWORD);
        return await work(client);
      } finally {
        await client.unbind().catch(() => undefined);
      }
    },
    stop,
  };
}
